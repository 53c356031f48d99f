#!/bin/sh
# soem calc with ranges (SPEC 2.7, 2.8): the sensitivity: and
# monte_carlo: keys after by_area, the tornado's order, reproducible bytes
# for a seed, the text and Markdown sections, the break-even line, an
# experiment's interval and the years that rest on persistence.
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 missing"; exit 77; }
YC="python3 $SOEM_SRCDIR/tests/cli/yamlcheck.py"
U="$SOEM_TEST_DATA/uncertainty"
KB="--kb $U/kb"

yc() {
	CHECKS=$((CHECKS + 1))
	$YC "$OUT" "$@" || { fail "YAML check"; head -c 3000 "$OUT"; }
}

expect_exit 0 "$SOEM_BIN" calc "$U/all.soem.yaml" $KB --format yaml
yc "keys[-4:] == ['by_area', 'illustrative_share', 'sensitivity', 'monte_carlo']" \
	"len(d['sensitivity']) == 13" \
	"all(set(r) == {'input', 'low', 'high', 'pv_net_low', 'pv_net_high'} for r in d['sensitivity'])" \
	"all(abs(a['pv_net_high'] - a['pv_net_low']) >= abs(b['pv_net_high'] - b['pv_net_low']) for a, b in zip(d['sensitivity'], d['sensitivity'][1:]))" \
	"d['sensitivity'][0]['input'] == 'consequences[herberg].during'" \
	"sorted(r['input'] for r in d['sensitivity']) == sorted(['intake[1].participants', 'effect.p1', 'effect.p0', 'costs[Opstart].amount', 'costs[Forløb].amount', 'costs[Bostøtte].amount', 'costs[Koordinator].amount', 'costs[I dag].amount', 'consequences[kontanthjaelp].years[2]', 'consequences[herberg].during', 'consequences[herberg].scale', 'prices.kontanthjaelp.stat', 'prices.skat.kommune'])" \
	"list(d['monte_carlo']) == ['draws', 'seed', 'mean', 'p5', 'p50', 'p95', 'share_positive']" \
	"d['monte_carlo']['draws'] == 2000 and d['monte_carlo']['seed'] == 7" \
	"list(d['monte_carlo']['mean']) == ['kommune', 'region', 'stat', 'total']" \
	"all(d['monte_carlo']['p5'][p] <= d['monte_carlo']['p50'][p] <= d['monte_carlo']['p95'][p] for p in d['payers'] + ['total'])" \
	"all(0 <= v <= 1 for v in d['monte_carlo']['share_positive'].values())" \
	"abs(d['monte_carlo']['mean']['total'] - d['totals']['pv_net']['total']) < 0.1 * abs(d['totals']['pv_net']['total'])"
# pv at low/high of the cost: more cost, less net
yc "[r for r in d['sensitivity'] if r['input'] == 'costs[Forløb].amount'][0]['pv_net_high'] < d['totals']['pv_net']['total'] < [r for r in d['sensitivity'] if r['input'] == 'costs[Forløb].amount'][0]['pv_net_low']"
cp "$OUT" "$T/all-1.yaml"

# the same file and seed: the same bytes; another seed: other draws
expect_exit 0 "$SOEM_BIN" calc "$U/all.soem.yaml" $KB --format yaml
cmp -s "$OUT" "$T/all-1.yaml" || fail "a second run gave other bytes"
CHECKS=$((CHECKS + 1))
sed 's/seed: 7/seed: 8/' "$U/all.soem.yaml" >"$T/seed8.soem.yaml"
expect_exit 0 "$SOEM_BIN" calc "$T/seed8.soem.yaml" $KB --format yaml
cmp -s "$OUT" "$T/all-1.yaml" && fail "another seed gave the same bytes"
CHECKS=$((CHECKS + 1))
yc "d['monte_carlo']['seed'] == 8"
# seed 2^64 - 1 is read and written whole
sed 's/seed: 7/seed: 18446744073709551615/' "$U/all.soem.yaml" >"$T/big.soem.yaml"
expect_exit 0 "$SOEM_BIN" calc "$T/big.soem.yaml" $KB --format yaml
yc "d['monte_carlo']['seed'] == 18446744073709551615"

# draws: 0 -> the tornado but no Monte Carlo
sed 's/draws: 2000/draws: 0/' "$U/all.soem.yaml" >"$T/nodraws.soem.yaml"
expect_exit 0 "$SOEM_BIN" calc "$T/nodraws.soem.yaml" $KB --format yaml
yc "keys[-1] == 'sensitivity'"
# no ranges -> neither key
cat >"$T/plain.soem.yaml" <<'EOF'
soem_calc: 1
kb: {profile: tu, version: "1"}
intake: [{year: 1, participants: 10}]
effect: {success_rate: 0.2}
consequences: [{service: kontanthjaelp, years: [-10]}]
EOF
expect_exit 0 "$SOEM_BIN" calc "$T/plain.soem.yaml" $KB --format yaml
yc "keys[-1] == 'illustrative_share'"
expect_exit 0 "$SOEM_BIN" calc "$T/plain.soem.yaml" $KB --lang en
expect_not_in "$OUT" "Monte Carlo"
expect_in "$OUT" "Break-even success rate: 0.0 %; success rate: 20.0 %"

# nonlinear inputs (discount rate, decay): still computed, by recalculation
expect_exit 0 "$SOEM_BIN" calc "$U/nonlinear.soem.yaml" $KB --format yaml
yc "[r['input'] for r in d['sensitivity']] != []" \
	"'discount.steps[0].rate' in [r['input'] for r in d['sensitivity']]" \
	"d['monte_carlo']['draws'] == 500"

# text and Markdown: the tornado, the Monte Carlo, the break-even line
expect_exit 0 "$SOEM_BIN" calc "$U/all.soem.yaml" $KB --lang en
expect_in "$OUT" "Sensitivity: present value of the net (total)"
expect_in "$OUT" "consequences[herberg].during"
expect_in "$OUT" "Monte Carlo: present value of the net in 2,000 draws (seed 7)"
expect_in "$OUT" "5th percentile"
expect_in "$OUT" "Share of draws with net > 0"
expect_in "$OUT" "success rate: 10.0 % (range 3.0 % to 25.0 %)"
grep -c "Break-even success rate" "$OUT" | grep -qx 1 ||
	fail "the break-even line is not one line"
CHECKS=$((CHECKS + 1))
expect_exit 0 "$SOEM_BIN" calc "$U/all.soem.yaml" $KB --lang en --format markdown
expect_in "$OUT" "## Sensitivity"
expect_in "$OUT" "## Monte Carlo"
expect_in "$OUT" "| consequences\\[herberg\\].during |"

# an experiment: counts, interval, persistence years
expect_exit 0 "$SOEM_BIN" calc "$U/experiment.soem.yaml" $KB --lang en
expect_in "$OUT" "Experiment: 12 of 100 treated and 2 of 100 controls"
expect_in "$OUT" "95 % interval of the experiment"
expect_in "$OUT" "* Years from 2 on rest on the persistence assumption"
expect_in "$OUT" "2*  "
expect_not_in "$OUT" "1*"
expect_not_in "$OUT" "cannot tell the effect from zero"
expect_in "$OUT" "effect.experiment"
expect_exit 0 "$SOEM_BIN" calc "$U/experiment.soem.yaml" $KB --format yaml
yc "d['sensitivity'][0]['input'] == 'effect.experiment'" \
	"abs(d['sensitivity'][0]['low'] - 0.0293) < 5e-4" \
	"d['monte_carlo']['draws'] == 1000"
expect_exit 0 "$SOEM_BIN" calc "$U/experiment-zero.soem.yaml" $KB --lang en
expect_in "$OUT" "The experiment cannot tell the effect from zero"
expect_in "$OUT" "* Years from 3 on rest on the persistence assumption"
# the note stands right under the net figure
grep -A1 "^Present value of net" "$OUT" | grep -q "cannot tell the effect from zero" ||
	fail "the zero note is not beside the net figure"
CHECKS=$((CHECKS + 1))
expect_exit 0 "$SOEM_BIN" calc "$U/experiment-zero.soem.yaml" $KB --lang en --format markdown
expect_in "$OUT" "cannot tell the effect from zero"
expect_in "$OUT" "| 3\\* |"
# CSV stays the yearly table
expect_exit 0 "$SOEM_BIN" calc "$U/experiment-zero.soem.yaml" $KB --lang en --format csv
expect_not_in "$OUT" "Monte Carlo"

# valgrind over the Monte Carlo and soem design: tests/valgrind.sh
finish
