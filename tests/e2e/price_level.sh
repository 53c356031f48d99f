#!/bin/sh
# Issue 15 point 4, SPEC 2.9: the Intervention step's price level.  A
# year the profile's price index lacks is refused in place with the years
# it has; a level shows every price at that year's prices, and a price
# typed on the Prices step is at the shown level (saved with price_year =
# the level); `soem calc` reports at the level.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

# the frozen database of 2026.2: a price index 2015-2024 and a flat
# shelter price of 650 (the shipped one's is a schedule, which Enter
# opens instead of editing)
kb_frozen
cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$WORK/hf.soem.yaml"
chmod u+w "$WORK/hf.soem.yaml"

# the index of the profile, from its file (not from soem)
python3 - "$SOEM_KB_DIR/dk.yaml" >"$T/idx" <<'PYEOF' || exit 1
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
y = d['price_index']['years']
print(y[2020], y[2024], min(y), max(y))
PYEOF
read -r npi2020 npi2024 first last <"$T/idx"
# the municipality's own 2 300 (at 2024 prices) shown at 2020 prices
shown=$(python3 -c "print('{:,.2f}'.format(2300 * $npi2020 / $npi2024))")
kbshown=$(python3 -c "print('{:,.2f}'.format(650 * $npi2020 / $npi2024))")
[ -n "$shown" ] && [ -n "$kbshown" ] || exit 1

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

soem_start -- --step intervention hf.soem.yaml
wait_for "Step 1 of 7: Intervention"
to_row "Price level"
check 'screen_has "2024 (the database'"'"'s price year)"' "an empty level does not show the profile's price year"
type "2031"
keys Enter
wait_for "the price index has no year 2031: it has $first-$last"
check 'screen_has "2024 (the database'"'"'s price year)"' "a refused level changed the field"
type "2020"
keys Enter
wait_gone "the database's price year"
check 'screen_has_re "Price level \(year\) +2020"' "the level is not shown"

keys C-g 6
wait_for "Step 6 of 7: Prices"
wait_for "at 2020 prices"
wait_for "$shown"
# the shelter's price for the municipality, typed at the shown level
keys Down Down Down Down
type "600"
keys Enter BTab
wait_for "600.00"
# the database's 650 (2024 prices) beside it, at 2020 prices
check 'screen_has "$kbshown"' "the database's price is not shown at the level"
keys C-s
wait_for "Saved to hf.soem.yaml."
keys C-x
wait_for "__EXIT=0"

python3 - "$WORK/hf.soem.yaml" >"$T/p.txt" <<'PYEOF' || fail "the saved file: $(cat "$T/p.txt")"
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
assert d['soem_calc'] == 2, d['soem_calc']
assert d['price_level'] == 2020, d.get('price_level')
assert d['prices']['herberg'] == {'kommune': 600, 'price_year': 2020}, d['prices']
assert d['prices']['kontanthjaelp'] == {'kommune': 2300}, d['prices']
PYEOF
check 'true' "saved"

# soem calc at 2020 prices: social assistance changes by -90.72 weeks in
# all (9 successes a cohort, -2.85 and -2.19 a success, two cohorts), at
# 2 300 x NPI(2020) / NPI(2024) for the municipality
"$SOEM_BIN" calc "$WORK/hf.soem.yaml" --kb "$SOEM_KB_DIR" --format yaml >"$T/r.yaml"
python3 - "$T/r.yaml" "$npi2020" "$npi2024" >"$T/c.txt" <<'PYEOF' || fail "soem calc: $(cat "$T/c.txt")"
import sys, yaml
r = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
a, b = float(sys.argv[2]), float(sys.argv[3])
assert r['price_year'] == 2020, r['price_year']
e = [s for s in r['by_service'] if s['service'] == 'kontanthjaelp'][0]
want = 90.72 * 2300 * a / b
assert abs(e['effects']['kommune'] - want) <= 1e-9 * want, (e, want)
PYEOF
check 'true' "calc"
finish
