#!/bin/sh
# Issue 15 point 4, SPEC 2.9: on the Prices step a price becomes a price
# schedule (s): a popup of from-year and amount pairs to add, edit and
# delete.  The row then says "schedule" and shows the amount in force in
# the start year; without a start year the file is not saved; saved, it is
# the list form of SPEC 2.9 and `soem calc` prices each calendar year by it.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

# the frozen database of 2026.2: its social assistance has no tax shares
# (the shipped one's has), so the row's price type is "schedule" alone
kb_frozen
cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$WORK/hf.soem.yaml"
chmod u+w "$WORK/hf.soem.yaml"
cp "$WORK/hf.soem.yaml" "$T/orig.yaml"

# to_row LABEL: the cursor (▸) to the form row LABEL, from the top
to_row() {
	keys PPage PPage
	_i=0
	while ! screen_has_re "▸ *$1" && [ $_i -lt 20 ]; do
		keys Down
		_i=$((_i + 1))
		sleep 0.1
	done
	wait_for "▸ $1"
}

soem_start -- --step prices hf.soem.yaml
wait_for "Step 6 of 7: Prices"
# the cursor is on social assistance, the municipality's own 2 300
wait_for "2,300.00   2,275.57"
keys s
wait_for "Price from year"
wait_for "+ Add an amount from a year"
keys Enter
wait_for "From year (calendar year):"
keys C-u
type "2026"
keys Enter
wait_for "Amount per unit from that year:"
keys C-u
type "2300"
keys Enter
wait_for "from 2026: 2,300.00"
# a second amount from 2028 (the reform year)
keys Down Enter
wait_for "From year (calendar year):"
keys C-u
type "2028"
keys Enter
wait_for "Amount per unit from that year:"
keys C-u
type "1150.5"
keys Enter
wait_for "from 2028: 1,150.50"
# edit the first: 2 400 from 2026
keys Home Enter
wait_for "From year (calendar year):"
keys Enter
wait_for "Amount per unit from that year:"
keys C-u
type "2400"
keys Enter
wait_for "from 2026: 2,400.00"
check 'screen_has "from 2028: 1,150.50"' "the second amount is gone"
# a third one, deleted again
keys End Up Enter
wait_for "From year (calendar year):"
keys C-u
type "2031"
keys Enter
wait_for "Amount per unit from that year:"
keys C-u
type "999"
keys Enter
wait_for "from 2031: 999.00"
keys End Enter
wait_for "Delete which amount?"
keys End Enter
wait_gone "from 2031: 999.00"
check 'screen_has "from 2026: 2,400.00"' "the wrong amount was deleted"
# a year twice is refused in place
keys End Up Enter
wait_for "From year (calendar year):"
keys C-u
type "2028"
keys Enter
wait_for "Amount per unit from that year:"
keys Enter
wait_for "already has an amount from 2028"
keys Escape
wait_gone "Price from year"
# the row: the amount in force in 2026 and the marker
wait_for "schedule"
check 'screen_has_re "schedule +2,400\.00"' "the row does not show the amount in force in the start year"

# no start year: said on the step, and the file is not saved
keys C-g 1
wait_for "Step 1 of 7: Intervention"
to_row "Start year"
type "1"
keys C-u Enter
wait_gone "Start year (calendar year)     2026"
# said in place: the step is marked, its line names what is missing
wait_for "1 Intervention!"
wait_for "a price schedule needs it"
keys C-s
wait_for "Not saved: the price schedule of 'kontanthjaelp' needs the start year"
keys Enter
check 'cmp -s "$WORK/hf.soem.yaml" "$T/orig.yaml"' "a file without its start year was written"
keys C-g 6
wait_for "Step 6 of 7: Prices"
wait_for "needs the start year"
keys C-g 1
wait_for "Step 1 of 7: Intervention"
to_row "Start year"
type "2026"
keys Enter
wait_for "Start year (calendar year)     2026"
keys C-s
wait_for "Saved to hf.soem.yaml."
keys C-x
wait_for "__EXIT=0"

# the saved file: SPEC 2.9's list form, format 2
python3 - "$WORK/hf.soem.yaml" >"$T/p.txt" <<'PYEOF' || fail "the saved prices: $(cat "$T/p.txt")"
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
assert d['soem_calc'] == 2, d['soem_calc']
k = d['prices']['kontanthjaelp']['kommune']
assert k == [{'from': 2026, 'amount': 2400}, {'from': 2028, 'amount': 1150.5}], k
assert d['intervention']['start_year'] == 2026
PYEOF
check 'true' "saved"

# soem calc: by hand, 30 starters in 2026 and in 2027, s = 0.40 - 0.10,
# so 9 successes a cohort; a one-year course; social assistance changes by
# -2.85 and -2.19 weeks per success in consequence years 1 and 2:
#   2026: -2.85*9 = -25.65   2027: -2.19*9 - 2.85*9 = -45.36
#   2028: -2.19*9 = -19.71
# the municipality's saving: 25.65*2400 + 45.36*2400 + 19.71*1150.5
#   = 61 560 + 108 864 + 22 676.355 = 193 100.355 (a flat 2 400 would give
#   217 728)
"$SOEM_BIN" calc "$WORK/hf.soem.yaml" --kb "$SOEM_KB_DIR" --format yaml >"$T/r.yaml"
python3 - "$T/r.yaml" >"$T/c.txt" <<'PYEOF' || fail "soem calc: $(cat "$T/c.txt")"
import sys, yaml
r = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
e = [s for s in r['by_service'] if s['service'] == 'kontanthjaelp'][0]
got = e['effects']['kommune']
want = 25.65 * 2400 + 45.36 * 2400 + 19.71 * 1150.5
assert abs(got - want) <= 1e-9 * abs(want), (got, want)
PYEOF
check 'true' "calc"
finish
