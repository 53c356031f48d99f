#!/bin/sh
# SPEC 2.9: a cost item's basis may be `per_completer` (the amount for
# each participant who completes, in the year they finish).  The Costs
# step names that basis as it is and offers it in its list; before, it
# showed such a row as "per participant" (untrue) and offered only four
# bases.  Then the row is chosen in the list and saved, and `soem calc`
# counts it as the spec says.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

cat >"$WORK/c.soem.yaml" <<'YAML'
soem_calc: 2
kb: {profile: dk, version: "2026.3"}
intervention: {name: Fuldførelse, start_year: 2026}
horizon: 3
course_years: 1
completion: 0.5
intake: [{year: 1, participants: 10}]
target_group: {kb: hjemloese}
effect: {measure: {kb: ophold_herberg}, success_rate: 0.2}
costs:
  - {name: Bonus, payer: kommune, basis: per_completer, amount: 1000}
  - {name: Kursus, payer: kommune, basis: per_participant, amount: 100}
YAML

soem_start -- --lang en --step costs c.soem.yaml
wait_for "Step 4 of 7: Costs"
wait_for "Kursus"
check 'screen_has_re "Bonus +Municipal.* per completer"' \
	"a per_completer cost is not shown as per completer"
check 'screen_has_re "Kursus +Municipal.* per participant"' \
	"a per_participant cost is not shown as per participant"
# Kursus's basis becomes per completer through the list (the cursor
# starts on the first row's name: Down to Kursus, Right twice to the basis)
keys Down Right Right Enter
wait_for "How the amount is counted"
check 'screen_has "per completer: for each participant who completes"' \
	"the list does not offer per completer"
keys End Enter
wait_gone "per completer: for each participant who"
check 'screen_has_re "Kursus +Municipal.* per completer"' "the basis chosen is not shown"
keys C-s
wait_for "Saved to c.soem.yaml."
keys C-x
wait_for "__EXIT=0"

# By hand: 10 start in year 1, half complete in year 1 (course 1 year):
# Bonus 1 000 x 5 = 5 000 and Kursus now 100 x 5 = 500, both in year 1.
"$SOEM_BIN" calc "$WORK/c.soem.yaml" --kb "$SOEM_KB_DIR" --format yaml >"$T/r.yaml"
python3 - "$WORK/c.soem.yaml" "$T/r.yaml" >"$T/c.txt" <<'PYEOF' || fail "saved file or calc: $(cat "$T/c.txt")"
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
b = {c['name']: c['basis'] for c in d['costs']}
assert b == {'Bonus': 'per_completer', 'Kursus': 'per_completer'}, b
r = yaml.safe_load(open(sys.argv[2], encoding='utf-8'))
c = r['totals']['costs']['kommune']
assert abs(c - 5500) <= 1e-9 * 5500, c
PYEOF
check 'true' "saved"
finish
