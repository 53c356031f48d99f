#!/bin/sh
# Issue 15 point 4, SPEC 2.9, with a test database whose disability
# pension carries tax shares and whose shelter price for the municipality
# is a schedule: the Prices step says "net of tax" where a tax applies, t
# shows the tax shares per payer and changes them (saved under taxes:),
# and a database schedule is shown as such, read-only until "override"
# copies it into the calculation.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

# The base is the frozen database of 2026.2 (tests/data/kb-2026.2), which
# has no tax shares: the shipped one gives every taxable transfer its
# shares, so social assistance would not be an untaxed transfer there.
mkdir -p "$T/kb"
python3 - "$SOEM_TEST_DATA/kb-2026.2/dk.yaml" "$T/kb/dk.yaml" <<'PYEOF' || exit 1
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
for s in d['services']:
    if s['id'] == 'foertidspension':
        s['tax'] = {'kommune': 0.25, 'stat': 0.12}
    if s['id'] == 'herberg':
        s['prices']['kommune'] = [{'from': 2026, 'amount': 650},
                                  {'from': 2028, 'amount': 500}]
d['soem_kb'] = 2
yaml.safe_dump(d, open(sys.argv[2], 'w', encoding='utf-8'),
               allow_unicode=True, sort_keys=False)
PYEOF
SOEM_KB_DIR="$T/kb"
cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$WORK/hf.soem.yaml"
chmod u+w "$WORK/hf.soem.yaml"

soem_start -- --step prices hf.soem.yaml
wait_for "Step 6 of 7: Prices"
wait_for "2,300.00   2,275.57"
check 'screen_has_re "Disability pension.*net of tax"' "the taxed transfer is not marked net of tax"
check '! screen_has_re "Social assistance.*net of tax"' "an untaxed transfer is marked net of tax"
# the database's schedule: the amount in force in 2026 and the marker
check 'screen_has_re "Stay at a shelter.*schedule +650\.00"' "the database's schedule is not shown as such"

# t on the taxed row: the database's shares
keys Down t
wait_for "Tax shares ("
wait_for "Municipality: 25.0 %"
check 'screen_has "State: 12.0 %"' "the state's share is not shown"
keys Escape
wait_gone "Tax shares ("

# t on social assistance: 25 % back to the municipality
keys Up t
wait_for "Tax shares ("
wait_for "Municipality: 0.0 %"
keys Enter
wait_for "Share of the transfer"
keys C-u
type "25 %"
keys Enter
wait_for "Municipality: 25.0 % (yours)"
# more than 100 % together is refused in place
keys Down Down Enter
wait_for "Share of the transfer"
keys C-u
type "80 %"
keys Enter
wait_for "at most 100 %"
check 'screen_has "State: 0.0 %"' "a refused share was kept"
keys Escape
wait_gone "Tax shares ("
wait_for "Social assistance"
check 'screen_has_re "Social assistance.*net of tax"' "the row does not say net of tax after a share was given"

# the shelter's database schedule: read-only, override copies it
keys Down Down Down Down Enter
wait_for "Database price schedule"
check 'screen_has "from 2028: 500.00"' "the database's schedule is not listed"
wait_for "Override: copy it"
keys Enter
wait_for "Price from year"
wait_for "from 2028: 500.00"
check 'screen_has "from 2026: 650.00"' "the copy lost an amount"
keys Escape
wait_gone "Price from year"
keys C-s
wait_for "Saved to hf.soem.yaml."
keys C-x
wait_for "__EXIT=0"

python3 - "$WORK/hf.soem.yaml" >"$T/p.txt" <<'PYEOF' || fail "the saved file: $(cat "$T/p.txt")"
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
assert d['soem_calc'] == 2, d['soem_calc']
assert d['taxes'] == {'kontanthjaelp': {'kommune': 0.25}}, d['taxes']
h = d['prices']['herberg']['kommune']
assert h == [{'from': 2026, 'amount': 650}, {'from': 2028, 'amount': 500}], h
PYEOF
check 'true' "saved"

# soem calc, by hand: social assistance changes by -90.72 weeks in all
# (9 successes a cohort, -2.85 and -2.19 a success, two cohorts); gross
# transfer G = 2 300 (the municipality's own) + 568.89 (the state's, from
# the database) = 2 868.89; the municipality gets 25 % of it back:
#   gross 90.72*2300 = 208 656, tax -90.72*0.25*2868.89 = -65 066.4252,
#   net 143 589.5748
"$SOEM_BIN" calc "$WORK/hf.soem.yaml" --kb "$SOEM_KB_DIR" --format yaml >"$T/r.yaml"
python3 - "$T/r.yaml" >"$T/c.txt" <<'PYEOF' || fail "soem calc: $(cat "$T/c.txt")"
import sys, yaml
r = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
e = [s for s in r['by_service'] if s['service'] == 'kontanthjaelp'][0]
def near(a, b): return abs(a - b) <= 1e-9 * abs(b)
assert near(e['gross']['kommune'], 90.72 * 2300), e
assert near(e['tax']['kommune'], -90.72 * 0.25 * 2868.89), e
assert near(e['effects']['kommune'], 90.72 * 2300 - 90.72 * 0.25 * 2868.89), e
PYEOF
check 'true' "calc"
finish
