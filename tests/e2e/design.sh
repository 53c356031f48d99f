#!/bin/sh
# The evaluation design screen (SPEC 2.8) driven by keys.  From the start
# screen, oracle C4: p0 0.20, p1 0.30, 10 % attrition, eight förbund with
# inflows 240 ... 24 and consent 0.7 -> 294 -> 327 per group, 654 in all,
# 15 months; each förbund to randomise 40: the smallest needs 28.57
# months; the stress case "inflow halved" beside it, about twice the
# months.  From the Effect step: p0 and p1 of the calculation, the
# break-even effect offered, the plan stored in the file's evaluation:
# section, which `soem design FILE` reads to the same numbers.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

soem_start
wait_for "What would you like to do?"
keys Down Down Down
wait_for "Plan an experiment (evaluation design)"
keys Enter
wait_for "Evaluation design: planning an experiment"
wait_for "Give p0, the share that reaches the effect measure"
# alpha, power, ratio, then p0 and p1
keys Down Down Down
type "0,20"; keys Enter
wait_for "20.0 %"
type "0.30"; keys Enter                  # Enter went on to p1
wait_for "Per group: 293.15, rounded up 294. To enrol: 294 + 294 = 588."
keys Up                                 # back to p1 (Enter went on)
# the guidance pane explains the row's number in a sentence
wait_for "the experiment is planned around a"
keys Down Down                          # n (empty), then the drop-out
type "10 %"; keys Enter
wait_for "Per group: 293.15, rounded up 294. To enrol: 327 + 327 = 654."
wait_for "Add the sites (förbund) below"
keys Down Down Down                     # cc, scale, minimum per site
type 40; keys Enter
# eight förbund: a new site takes the consent of the one before
i=0
for f in 240 180 120 90 60 48 36 24; do
	i=$((i + 1))
	keys a
	wait_for "A new site: type its name"
	type "Forbund $i"; keys Tab
	type "$f"
	if [ $i = 1 ]; then
		keys Tab
		type "0,7"
	fi
	keys Enter
	wait_for "Forbund $i "
done
wait_for "Months of recruitment: 15; with the inflow halved: 29."
check 'screen_has "Minimum 40 per site: slowest Forbund 8, 28.57 months; inflow halved: 57.14."' "the slowest site's months"
check 'screen_has_re "Forbund 8 +24 +70.0 % +0 +28.57 +57.14"' "the site's row with its months, normal and halved"
check 'screen_has_re "Forbund 1 +240 +70.0 % +0 +2.86 +5.71"' "the first site's row"
# x: every number with its sentence, and the stress case
keys x
wait_for "Evaluation design: what the numbers mean"
wait_for "Sample size for an experiment with two groups"
keys NPage
wait_for "To enrol = 327 + 327 = 654"
keys End
wait_for "Forbund 8: 57.14 months"
settle
screen >"$T/x1"
keys PPage
settle
screen >"$T/x2"
check 'cat "$T/x1" "$T/x2" | grep -qF "If the inflow is halved"' "no stress case in the explanation"
check 'cat "$T/x1" "$T/x2" | grep -qF "Months of recruitment = 29"' "the stress case's months in the explanation"
keys Escape
wait_gone "what the numbers mean"
# a refused value says why and keeps the old one
keys Up Up Up Up Up Up Up Up Up Up      # back up to the drop-out
settle
keys Home
settle
keys Down Down Down
wait_for "p0: share reaching it anyway"
type "1,5"; keys Enter
wait_for "refused: p0 must be a share from 0 % up to (not including) 100 %"
check 'screen_has "To enrol: 327 + 327 = 654."' "a refused p0 changed the plan"
# back to the start screen
keys Escape
wait_for "What would you like to do?"
keys C-q
wait_for "__EXIT=0"

# --- from a calculation's Effect step
cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$WORK/hf.soem.yaml"
chmod u+w "$WORK/hf.soem.yaml"
soem_start -- --step effect hf.soem.yaml
wait_for "Step 3 of 7: Effect measure"
keys p
wait_for "Evaluation design: planning an experiment"
wait_for "for: Housing First med bostøtte"
check 'screen_has_re "p0: share reaching it anyway +10.0 %"' "p0 is not the calculation's"
check 'screen_has_re "p1: share with the intervention +40.0 %"' "p1 is not the calculation's"
wait_for "Enter uses it"
be=$(screen | sed -n 's/.*The break-even effect *p1 = \([0-9.]*\) %.*/\1/p')
check '[ -n "$be" ]' "no break-even effect offered"
keys Down Down Down Down Down
keys Enter
wait_for "p1 is now the break-even effect"
check 'screen_has_re "p1: share with the intervention +$be %"' "p1 did not become the break-even effect $be %"
keys a
wait_for "A new site: type its name"
type "Umeå"; keys Tab
type 240; keys Tab
type "0,7"; keys Enter
wait_for "Months of recruitment:"
check 'screen_has_re "Months of recruitment: [0-9]+;"' "no months of recruitment"
shown=$(screen | sed -n 's/.*To enrol: [0-9,]* + [0-9,]* = \([0-9,]*\)\..*/\1/p' | tr -d ,)
months=$(screen | sed -n 's/.*Months of recruitment: \([0-9]*\);.*/\1/p')
keys Escape
wait_for "Step 3 of 7: Effect measure"
keys C-s
wait_for "Saved to hf.soem.yaml."
"$SOEM_BIN" design "$WORK/hf.soem.yaml" --format yaml >"$T/d.yaml" 2>"$T/d.err"
check '[ $? = 0 ]' "soem design of the saved file failed: $(cat "$T/d.err")"
total=$(python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["enrol"]["total"])' "$T/d.yaml")
m=$(python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["months"])' "$T/d.yaml")
check '[ -n "$shown" ] && [ "$shown" = "$total" ]' "the screen enrols '$shown', soem design $total"
check '[ -n "$months" ] && [ "$months" = "$m" ]' "the screen says $months months, soem design $m"
check 'grep -q "^evaluation:" "$WORK/hf.soem.yaml"' "no evaluation: section in the file"
# opened again, the plan is the stored one
keys p
wait_for "Evaluation design: planning an experiment"
wait_for "Months of recruitment: $months;"
check 'screen_has_re "p1: share with the intervention +$be %"' "the stored plan's p1"
keys Escape
keys C-q
wait_for "__EXIT=0"
finish
