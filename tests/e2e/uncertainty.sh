#!/bin/sh
# Uncertainty in the wizard (SPEC 2.7, 2.8): an experiment's counts on the
# Effect step give Newcombe's interval of oracle C3 (56/70 vs 48/80:
# 0.0524 to 0.3339) in English and Danish; low and high typed beside a
# cost amount, a cohort and a price reach the saved file; the Results
# step's tornado (order and numbers) and Monte Carlo equal
# `soem calc --format yaml` of the saved file (same seed and draws); the
# years after the waiting list are marked; counts whose interval holds 0
# make the Results say so beside the net.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

# the frozen database of 2026.2: no price type column on the Prices step
# (the shipped one's taxed transfers add one), so the municipality's
# price, its low and its high stand side by side at 80 columns
kb_frozen
cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$WORK/hf.soem.yaml"
chmod u+w "$WORK/hf.soem.yaml"
yget() {
	python3 -c 'import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
print(eval(sys.argv[2], {"d": d}))' "$@"
}

# --- the counts in Danish (the build's catalogue): the interval in the
# Danish convention
soem_start -- --lang da --step effect hf.soem.yaml
wait_for "Trin 3 af 7"
wait_for "40,0 %"
keys Down Enter
keys Down Down Enter
wait_for "x_t: nåede det"
type 56; keys Enter
type 70; keys Enter
type 48; keys Enter
type 80; keys Enter
# the interval is below the last count: Down and back up bring it into
# view at 80x24 (the group bar takes the step's first row, issue 15)
keys Down Up
wait_for "5,24 %"
check 'screen_has "33,39 %"' "the interval's high in Danish"
check 'screen_has "20,0 %"' "s = 20,0 % from the counts"
keys C-q
wait_for "Gem ændringerne, før du afslutter?"
keys n
wait_for "__EXIT=0"

# --- the same in English, with the waiting list, then ranges elsewhere
soem_start -- --step effect hf.soem.yaml
wait_for "Step 3 of 7: Effect measure"
keys Down Enter
wait_for "The effect is given as"
keys Down Down Enter
wait_for "x_t: treated who reached it"
type 56; keys Enter
type 70; keys Enter
type 48; keys Enter
type 80; keys Enter
keys Down Up
wait_for "5.24 % to 33.39 %"
check 'screen_has "p1: share with the intervention    80.0 %"' "p1 from the counts"
check 'screen_has "p0: share without it (anyway)      60.0 %"' "p0 from the counts"
type 6; keys Enter
wait_for "Waiting list (months)              6"

# a range on the first cost's amount (step 4: Low and High columns)
keys C-n
wait_for "Step 4 of 7: Costs"
keys Home Right Right Right Right Right Right
type 250000; keys Enter                 # Enter goes on to the next column
wait_for "250,000"
type 200000; keys Enter
wait_for "high must be at least the amount"
type 400000; keys Enter
wait_for "400,000"

# a range on year 1's participants (step 1: low and high beside it)
keys C-g
wait_for "Go to step"
type 1
wait_for "Step 1 of 7: Intervention"
down_to "Participants who start in this year"
keys Right
type 25; keys Enter
keys Up Right                           # Enter went down the form: back to high
wait_for "low 25"
type 35; keys Enter
wait_for "high 35"

# a range on the municipality's price of social assistance (r: ranges)
keys C-g
wait_for "Go to step"
type 6
wait_for "Step 6 of 7: Prices"
keys r
wait_for "Low and high beside each price"
keys Right
type 2000; keys Enter
wait_for "2,300.00     2,000.00"
type 2600; keys Enter
wait_for "2,600.00   2,275.57"                 # Enter went on to the next payer

keys C-s
wait_for "Saved to hf.soem.yaml."
F="$WORK/hf.soem.yaml"
check '[ "$(yget "$F" "d[\"costs\"][0][\"low\"]")" = 250000 ]' "the cost's low is not in the file"
check '[ "$(yget "$F" "d[\"costs\"][0][\"high\"]")" = 400000 ]' "the cost's high is not in the file"
check '[ "$(yget "$F" "d[\"intake\"][0][\"participants\"][\"low\"]")" = 25 ]' "the cohort's low is not in the file"
check '[ "$(yget "$F" "float(d[\"prices\"][\"kontanthjaelp\"][\"kommune\"][\"high\"])")" = 2600.0 ]' "the price's high is not in the file"
check '[ "$(yget "$F" "d[\"effect\"][\"experiment\"][\"x_c\"]")" = 48 ]' "the counts are not in the file"

# the Results, page by page, against soem calc of the saved file
keys C-g
wait_for "Go to step"
type 7
wait_for "Step 7 of 7: Results"
keys Home
wait_for "1-13 /"
n=0
while :; do
	n=$((n + 1))
	settle
	screen >"$T/page$n"
	grep -qF "(end of the results)" "$T/page$n" && break
	[ $n -gt 60 ] && { fail "the results do not end"; break; }
	keys NPage
done
flat() { cat "$@" | tr '\n' ' ' | tr -s ' '; }
check 'flat "$T"/page* | grep -qF "; success rate: 20.0 % (95 % interval of the experiment 5.2 % to 33.4 %)"' "the break-even line shows the experiment's interval"
"$SOEM_BIN" calc "$F" --kb "$SOEM_KB_DIR" --format yaml >"$T/r.yaml" 2>"$T/calc.err"
check '[ $? = 0 ]' "soem calc of the saved file failed: $(cat "$T/calc.err")"
python3 "$SCREENPY" uncertainty "$T/r.yaml" "$T"/page* >"$T/cmp.out" 2>&1
rc=$?
cat "$T/cmp.out"
check '[ $rc = 0 ]' "the Results' uncertainty differs from soem calc"
# five inputs with a range, the largest swing first
check '[ "$(yget "$T/r.yaml" "len(d[\"sensitivity\"])")" = 5 ]' "not five ranged inputs"
"$SOEM_BIN" calc "$F" --kb "$SOEM_KB_DIR" --format text >"$T/r.txt"
note=$(grep -o "Years from [0-9]* on rest on the persistence assumption" "$T/r.txt")
check '[ -n "$note" ]' "soem calc names no year resting on persistence"
check 'cat "$T"/page* | grep -qF "$note"' "the Results do not mark the years after the waiting list"
check 'cat "$T"/page* | grep -qE "^ Year [0-9]+\*"' "no year is starred"
check '! cat "$T"/page* | grep -qF "cannot tell the effect from zero"' "the zero note with an interval above 0"

# counts whose interval holds 0 (C3: 5/56 vs 0/29, -0.0381 to 0.1926)
keys C-g
wait_for "Go to step"
type 3
wait_for "Step 3 of 7: Effect measure"
keys Home                               # to the top: the measure
keys Down Down                          # x_t
type 5; keys Enter
type 56; keys Enter
type 0; keys Enter
type 29; keys Enter
wait_for "-3.81 % to 19.26 %"
check 'screen_has "19.26 %  ! contains 0"' "the Effect step does not say the interval holds 0"
keys Down Down Down Down
wait_for "! The interval contains 0: the experiment cannot tell the effect from zero."
keys C-g
wait_for "Go to step"
type 7
wait_for "Step 7 of 7: Results"
keys Home
wait_for "1-13 /"
# beside the net figure: right under the present value of the net
n=0
while :; do
	n=$((n + 1))
	settle
	screen >"$T/z$n"
	grep -qF "cannot tell the effect from zero" "$T/z$n" && break
	[ $n -gt 10 ] && { fail "no zero note on the Results"; break; }
	keys NPage
done
check 'grep -A1 "Present value of net" "$T/z$n" | grep -qF "! The experiment cannot tell the effect from zero"' "the zero note is not beside the net"
keys C-q
wait_for "Save the changes before quitting?"
keys n
wait_for "__EXIT=0"
finish
