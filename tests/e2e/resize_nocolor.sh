#!/bin/sh
# Resizing to 60x15 shows the "enlarge the window" notice and back at 80x24
# the value being typed is still there; NO_COLOR and --no-color give a
# screen without colour codes; --ascii gives a screen of ASCII only.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

# --- resize in the middle of typing a value ---
soem_start
new_calc
type "Typed before resize"
wait_for "Typed before resize"
resize 60 15
wait_for "Please enlarge the window."
wait_gone "Typed before resize"
resize 80 24
wait_for "Typed before resize"
# the frame is drawn whole again: nothing of the notice stays under it
wait_gone "Please enlarge the window."
keys Enter
wait_for " Typed before resize  [not saved yet"
# and a value already kept
resize 60 15
wait_for "Please enlarge the window."
resize 80 24
wait_for " Typed before resize  [not saved yet"
wait_for "Step 1 of 7: Intervention"

# the colour is there by default (so the checks below can fail)
settle
screen_e >"$T/colour.e"
check '! python3 "$SCREENPY" colours "$T/colour.e" >/dev/null' "no colour codes without NO_COLOR: the check cannot tell"

# --- NO_COLOR ---
soem_start NO_COLOR=1
new_calc
settle
screen_e >"$T/nocolor.e"
python3 "$SCREENPY" colours "$T/nocolor.e" >"$T/out"
check '[ $? = 0 ]' "NO_COLOR: $(cat "$T/out")"
check 'grep -q "$(printf "\033")\[[0-9;]*7m" "$T/nocolor.e"' "NO_COLOR: no reverse video either (is -e working?)"

# --- --no-color ---
soem_start -- --no-color
new_calc
settle
screen_e >"$T/nocolor2.e"
python3 "$SCREENPY" colours "$T/nocolor2.e" >"$T/out"
check '[ $? = 0 ]' "--no-color: $(cat "$T/out")"

# --- --ascii: lines, marks and the database's text in ASCII ---
# (a name with letters of no table of soem's own, which iconv spells:
# soem opens iconv only when such a letter is first shown)
sed 's/^  name: Housing First med bostøtte$/  name: Housing First i Łódź/' \
	"$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" >"$WORK/hf.soem.yaml"
check 'grep -q "Łódź" "$WORK/hf.soem.yaml"' "the example's name was not replaced"
chmod u+w "$WORK/hf.soem.yaml"
soem_start -- --ascii --step consequences hf.soem.yaml
wait_for "Step 5 of 7: Consequences"
settle
screen >"$T/ascii"
check '! LC_ALL=C grep -q "[^ -~]" "$T/ascii"' "--ascii: characters outside ASCII: $(LC_ALL=C grep -n '[^ -~]' "$T/ascii" | head -n 3)"
check 'grep -qF "kontanthjaelp" "$T/ascii"' "--ascii: the database's text is not transliterated"
check 'grep -qF "Housing First i Lodz" "$T/ascii"' "--ascii: a name's letters beyond Latin-1 are not spelled by iconv: $(grep -F "Housing First" "$T/ascii" | head -n 1)"
finish
