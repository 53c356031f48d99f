#!/bin/sh
# Smaller findings of issue 14:
#  - the note editor wraps at blanks, never inside a word;
#  - a wrapped text never puts a % on a line of its own, away from its
#    number ("12" at the end of one line, "%" at the start of the next),
#    at any window width;
#  - a pick popup with more entries than fit marks the rows above and below
#    (▴ more above, ▾ more below);
#  - the Prices step is ticked when the file shows it was looked at (prices
#    of its own or a note on the step), else only once it is shown.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

cp "$SOEM_SRCDIR/share/soem/examples/samordningsteam.soem.yaml" "$WORK/st.soem.yaml"
chmod u+w "$WORK/st.soem.yaml"

# --- the note editor wraps at blanks ---
soem_start -- --lang da --step costs st.soem.yaml
wait_for "Trin 4 af 7: Omkostninger"
keys C-r
wait_for "Notat til trinnet"
NOTE="Vi antager at halvdelen af deltagerne fortsætter i beskæftigelse efter forløbet, fordi kommunen følger op hver måned gennem hele perioden, og at jobcentret betaler sin egen del af mentorstøtten uden ændringer."
# the note this file has is deleted first (the cursor is at its end)
tm send-keys -t "$E2E_SESSION" -N 400 BSpace
wait_gone "Teamet kostar"
type "$NOTE"
wait_for "mentorstøtten"
settle
# every word of the note stands whole on some line of the popup
check 'popup_text | grep -qF "$NOTE"' "the note editor breaks a word: $(popup_text)"
# and Up/Down move between the wrapped rows: Up from the end, then type a
# mark that lands on the row above
keys Up
type "#"
settle
check '! popup_text | grep -qF "$NOTE"' "Up does not move into the row above"
keys Escape
wait_gone "Notat til trinnet"
keys C-x
wait_for "__EXIT=0"

# --- a number keeps its % at every width (Results' first lines) ---
soem_start -- --lang sv --step results st.soem.yaml
wait_for "Steg 7 av 7: Resultat"
for _w in $(seq 80 121); do
	resize "$_w" 24
	settle 2
	if screen | grep -qE '^ *%'; then
		fail "width $_w: a line starts with the % of the number above"
		break
	fi
done
CHECKS=$((CHECKS + 1))
resize 80 24
keys C-x
wait_for "__EXIT=0"

# --- a pick popup marks the rows above and below ---
for _i in $(seq -w 1 30); do
	cp "$WORK/st.soem.yaml" "$WORK/fil$_i.soem.yaml"
done
soem_start -- --lang da
wait_for "Hvad vil du gøre?"
keys Down Enter
wait_for "Åbn en beregning ─"
wait_for "▾ flere nedenfor"
check '! screen | grep -q "▴ flere ovenfor"' "the popup's first page says there are rows above"
keys End
wait_for "▴ flere ovenfor"
check '! screen | grep -q "▾ flere nedenfor"' "the popup's last page says there are rows below"
check 'screen | grep -q "st.soem.yaml"' "End does not show the last file"
keys Home
wait_for "▾ flere nedenfor"
wait_gone "▴ flere ovenfor"
keys Escape
wait_gone "flere nedenfor"
keys C-x
wait_for "__EXIT=0"

# --- Prices ticked when the file shows it was looked at ---
# samordningsteam has a note on its prices: ticked at once
soem_start -- --lang sv --step costs st.soem.yaml
wait_for "Steg 4 av 7: Kostnader"
check 'screen | sed -n 2p | grep -q "6 Priser✓"' "a file with a note on its prices: 6 Priser is not ticked"
keys C-x
wait_for "__EXIT=0"
# without the note and without prices of its own: not until shown
python3 - "$WORK/st.soem.yaml" "$WORK/bare.soem.yaml" <<'PY'
import sys
out, skip = [], False
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("  prices: "):
        skip = True
        continue
    if skip and line.startswith("    "):
        continue
    skip = False
    out.append(line)
open(sys.argv[2], "w", encoding="utf-8").write("".join(out))
PY
check '! grep -q "^prices:" "$WORK/bare.soem.yaml"' "the test file has prices of its own"
soem_start -- --lang sv --step costs bare.soem.yaml
wait_for "Steg 4 av 7: Kostnader"
check 'screen | sed -n 2p | grep -q "6 Priser "' "no note, no own prices: 6 Priser is ticked before it was seen"
keys C-f C-f
wait_for "Steg 6 av 7: Priser"
check 'screen | sed -n 2p | grep -q "6 Priser✓"' "6 Priser is not ticked once seen"
keys C-x
wait_for "__EXIT=0"
finish
