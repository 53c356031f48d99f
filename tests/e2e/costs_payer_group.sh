#!/bin/sh
# Issue 15 point 4, SPEC 2.9: on the Costs step the payer may be one of
# the profile's payer groups (a test copy of the Swedish profile with a
# samordningsförbund that Försäkringskassan pays half of, region and
# kommun a quarter each): the row shows the group's name, the file names
# the group as the payer, and `soem calc` splits the cost by the shares.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

mkdir -p "$T/kb"
cp "$SOEM_KB_DIR/dk.yaml" "$T/kb/dk.yaml"
python3 - "$SOEM_KB_DIR/se.yaml" "$T/kb/se.yaml" <<'PYEOF' || exit 1
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
d['payer_groups'] = [{'id': 'finsam_test',
                      'name': {'sv': 'Testförbund', 'da': 'Testforbund',
                               'en': 'Test association'},
                      'split': {'forsakringskassan': 0.5, 'region': 0.25,
                                'kommun': 0.25}}]
d['soem_kb'] = 2
yaml.safe_dump(d, open(sys.argv[2], 'w', encoding='utf-8'),
               allow_unicode=True, sort_keys=False)
PYEOF
SOEM_KB_DIR="$T/kb"
cp "$SOEM_SRCDIR/share/soem/examples/samordningsteam.soem.yaml" "$WORK/st.soem.yaml"
chmod u+w "$WORK/st.soem.yaml"

soem_start -- --lang en --step costs st.soem.yaml
wait_for "Step 4 of 7: Costs"
keys IC
wait_for "A new cost"
type "Finsam"
keys Enter
# the cursor is on the payer: Enter asks
keys Enter
wait_for "Who pays?"
wait_for "Test association (Municipality 25 %"
keys End Enter
wait_gone "Who pays?"
wait_for "Finsam                 Test asso"
check 'screen_has_re "Finsam +Test asso"' "the row does not show the group's name"
# the amount: 1 000 per participant (the line under the table names the
# column the cursor is in)
keys Home
_i=0
while ! screen_has "The amount in the profile's currency" && [ $_i -lt 8 ]; do
	keys Right
	_i=$((_i + 1))
	sleep 0.2
done
wait_for "The amount in the profile's currency"
type "1000"
keys Enter
wait_for "1,000"
check '! screen_has_re "Finsam .*\[x\]"' "the new cost is marked saved"
keys C-s
wait_for "Saved to st.soem.yaml."
keys C-x
wait_for "__EXIT=0"

python3 - "$WORK/st.soem.yaml" >"$T/p.txt" <<'PYEOF' || fail "the saved file: $(cat "$T/p.txt")"
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
assert d['soem_calc'] == 2, d['soem_calc']
c = [x for x in d['costs'] if x['name'] == 'Finsam']
assert len(c) == 1, d['costs']
c = c[0]
assert c['payer'] == 'finsam_test', c
assert c['basis'] == 'per_participant' and c['amount'] == 1000, c
assert not c.get('saved'), c
PYEOF
check 'true' "saved"

# soem calc, by hand: 60 participants start in each of years 1-3, so the
# one row costs 1 000 x 180 = 180 000: Försäkringskassan half (90 000),
# region and kommun a quarter each (45 000).  The example's own costs:
# 60 000 start-up + 11 000 x 180 = 2 040 000 for each of kommun, region,
# Försäkringskassan and Arbetsförmedlingen.
"$SOEM_BIN" calc "$WORK/st.soem.yaml" --kb "$SOEM_KB_DIR" --format yaml >"$T/r.yaml"
python3 - "$T/r.yaml" >"$T/c.txt" <<'PYEOF' || fail "soem calc: $(cat "$T/c.txt")"
import sys, yaml
r = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
c = r['totals']['costs']
want = {'kommun': 2085000, 'region': 2085000, 'forsakringskassan': 2130000,
        'arbetsformedlingen': 2040000, 'ovrig_stat': 0, 'total': 8340000}
for k, v in want.items():
    assert abs(c[k] - v) <= 1e-9 * max(v, 1), (k, c)
PYEOF
check 'true' "calc"
finish
