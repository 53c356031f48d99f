#!/bin/sh
# The effect from a file, end to end through `soem calc` (issue 12, 4):
# an experiment with groups of unequal size (p0 = x_c/n_c, not x_c/n_t),
# effect.persistence.years reaching the engine, and a ranged persistence
# year in the tornado and the Monte Carlo (SPEC 2.2, 2.7, 2.8).  Every
# expected figure is worked out by hand in the comments from the file's
# inputs and reference/oracles.md (C3 for the intervals, D2 for the
# first draws of seed 1); nothing is taken from soem's own output.
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 missing"; exit 77; }
YC="python3 $SOEM_SRCDIR/tests/cli/yamlcheck.py"
D="$SOEM_TEST_DATA/effect"
KB="--kb $SOEM_TEST_DATA/uncertainty/kb"

yc() {
	CHECKS=$((CHECKS + 1))
	$YC "$OUT" "$@" || { fail "YAML check"; head -c 3000 "$OUT"; }
}

# The first three u of seed 1 (oracles.md D2).
U1=0.7029218331588505 U2=0.5204366199388569 U3=0.5741057000197225

# --- 56/70 vs 48/80 (Newcombe Table II row 1) --------------------------
# p1 = 56/70 = 0.8, p0 = 48/80 = 0.6, s = 0.2; 95 % interval 0.0524 to
# 0.3339 (given to 4 decimals, so compared within 5e-5).
# 100 participants -> 20 successes x -10 weeks = -200 weeks of
# kontanthjaelp (price kommune 2000, stat 1000, an expense): effects
# kommune 400 000, stat 200 000, total 600 000; cost 100 x 1000 = 100 000
# (kommune); no discounting, so pv_net = net = 500 000 (kommune 300 000,
# stat 200 000).  PV(E) = s x 3 000 000, so the break-even success rate is
# 100 000 / 3 000 000 = 1/30, and the tornado's PV at s = l is
# 3 000 000 l - 100 000.
# (With p0 = 48/70 s would be 0.1143 and pv_net 242 857.)
expect_exit 0 "$SOEM_BIN" calc "$D/unequal.soem.yaml" $KB --format yaml
yc "close(d['success_rate'], 0.2, 1e-9)" \
	"close(d['totals']['effects']['kommune'], 400000, 1e-9)" \
	"close(d['totals']['effects']['stat'], 200000, 1e-9)" \
	"close(d['totals']['pv_net']['total'], 500000, 1e-9)" \
	"close(d['per_success']['total'], 25000, 1e-9)" \
	"close(d['break_even_success_rate'], 1 / 30, 1e-9)" \
	"d['sensitivity'][0]['input'] == 'effect.experiment'" \
	"abs(d['sensitivity'][0]['low'] - 0.0524) <= 5e-5" \
	"abs(d['sensitivity'][0]['high'] - 0.3339) <= 5e-5" \
	"abs(d['sensitivity'][0]['pv_net_low'] - (3e6 * 0.0524 - 1e5)) <= 3e6 * 5e-5" \
	"abs(d['sensitivity'][0]['pv_net_high'] - (3e6 * 0.3339 - 1e5)) <= 3e6 * 5e-5"
# Monte Carlo: s ~ normal(0.2, (0.3339 - 0.0524) / (2 x 1.959964)) by the
# inverse CDF of u1..u3; PV(R) total = 3 000 000 s - 100 000 per draw.
MC=$(python3 - "$U1" "$U2" "$U3" <<'PY'
import sys
from statistics import NormalDist
sd = (0.3339 - 0.0524) / (2 * 1.959964)
pv = sorted(3e6 * (0.2 + sd * NormalDist().inv_cdf(float(u))) - 1e5
            for u in sys.argv[1:])
print(sum(pv) / 3, pv[0] + 0.1 * (pv[1] - pv[0]), pv[1],
      pv[1] + 0.9 * (pv[2] - pv[1]))
PY
) || fail "python3 could not work out the draws"
set -- $MC
yc "abs(d['monte_carlo']['mean']['total'] - $1) < 300" \
	"abs(d['monte_carlo']['p5']['total'] - $2) < 300" \
	"abs(d['monte_carlo']['p50']['total'] - $3) < 300" \
	"abs(d['monte_carlo']['p95']['total'] - $4) < 300"
# The text report names the counts and both shares.
expect_exit 0 "$SOEM_BIN" calc "$D/unequal.soem.yaml" $KB --lang en
expect_in "$OUT" "Experiment: 56 of 70 treated and 48 of 80 controls"
expect_in "$OUT" "p1 = 80.0 %, p0 = 60.0 %, success rate 20.0 % (95 % interval 5.2 % to 33.4 %, Newcombe)"

# --- 9/10 vs 3/10 (Newcombe Table II row 2) ----------------------------
# p1 = 0.9, p0 = 0.3, s = 0.6, interval 0.1705 to 0.8090: 60 successes x
# -10 weeks x 3000 = 1 800 000 of effects, pv_net 1 700 000.
sed 's/x_t: 56, n_t: 70, x_c: 48, n_c: 80/x_t: 9, n_t: 10, x_c: 3, n_c: 10/' \
	"$D/unequal.soem.yaml" >"$T/nine.soem.yaml"
expect_exit 0 "$SOEM_BIN" calc "$T/nine.soem.yaml" $KB --format yaml
yc "close(d['success_rate'], 0.6, 1e-9)" \
	"close(d['totals']['pv_net']['total'], 1700000, 1e-9)" \
	"abs(d['sensitivity'][0]['low'] - 0.1705) <= 5e-5" \
	"abs(d['sensitivity'][0]['high'] - 0.8090) <= 5e-5"
# p1/p0 given beside the counts must agree with x_t/n_t and x_c/n_c.
sed 's/^  experiment: {/  p0: 0.6\n  p1: 0.8\n  experiment: {/' \
	"$D/unequal.soem.yaml" >"$T/agree.soem.yaml"
expect_exit 0 "$SOEM_BIN" calc "$T/agree.soem.yaml" $KB --format yaml
yc "close(d['success_rate'], 0.2, 1e-9)"
sed 's/^  experiment: {/  p0: 0.6857142857142857\n  experiment: {/' \
	"$D/unequal.soem.yaml" >"$T/disagree.soem.yaml"
expect_exit 65 "$SOEM_BIN" calc "$T/disagree.soem.yaml" $KB --format yaml
expect_in "$ERR" "effect.p0"

# --- effect.persistence.years: [1, 0.5] -------------------------------
# s = 0.1 of 100 -> 10 successes; consequence years 1..4 at -10 weeks,
# rho = 1, 0.5, 0.5, 0.5 (the last value holds): units -100, -50, -50,
# -50 weeks; x 3000 per week: 300 000 + 3 x 150 000 = 750 000 (kommune
# 500 000, stat 250 000); no costs, no discounting.  (rho = 1 throughout
# would give 1 200 000.)
expect_exit 0 "$SOEM_BIN" calc "$D/persistence.soem.yaml" $KB --format yaml
yc "close(d['years'][0]['effects']['total'], 300000, 1e-12)" \
	"all(close(d['years'][t]['effects']['total'], 150000, 1e-12) for t in (1, 2, 3))" \
	"close(d['totals']['pv_net']['kommune'], 500000, 1e-12)" \
	"close(d['totals']['pv_net']['total'], 750000, 1e-12)"
# decay 0.5 instead: rho = 1, 0.5, 0.25, 0.125 -> 300 000 x 1.875 = 562 500
sed 's/persistence: {years: \[1, 0.5\]}/persistence: {decay: 0.5}/' \
	"$D/persistence.soem.yaml" >"$T/decay.soem.yaml"
expect_exit 0 "$SOEM_BIN" calc "$T/decay.soem.yaml" $KB --format yaml
yc "close(d['totals']['pv_net']['total'], 562500, 1e-12)" \
	"close(d['years'][3]['effects']['total'], 37500, 1e-12)"

# --- a ranged persistence year: years[1] in 0.25..0.75 ----------------
# PV(R) total = 300 000 + 3 x 300 000 x rho_2 = 300 000 + 900 000 rho_2:
# tornado at 0.25 -> 525 000, at 0.75 -> 975 000.  Monte Carlo, 3 draws,
# seed 1: rho_2 = triangular(0.25, 0.5, 0.75) at u1..u3 (all above the
# mode's 0.5, so rho = 0.75 - sqrt((1 - u) x 0.5 x 0.25)); type-7
# percentiles of the three sorted values.
expect_exit 0 "$SOEM_BIN" calc "$D/persistence-range.soem.yaml" $KB --format yaml
yc "[r['input'] for r in d['sensitivity']] == ['effect.persistence.years[1]']" \
	"d['sensitivity'][0]['low'] == 0.25 and d['sensitivity'][0]['high'] == 0.75" \
	"close(d['sensitivity'][0]['pv_net_low'], 525000, 1e-12)" \
	"close(d['sensitivity'][0]['pv_net_high'], 975000, 1e-12)" \
	"close(d['totals']['pv_net']['total'], 750000, 1e-12)"
MC=$(python3 - "$U1" "$U2" "$U3" <<'PY'
import math, sys
pv = sorted(300000 + 900000 * (0.75 - math.sqrt((1 - float(u)) * 0.125))
            for u in sys.argv[1:])
print(sum(pv) / 3, pv[0] + 0.1 * (pv[1] - pv[0]), pv[1],
      pv[1] + 0.9 * (pv[2] - pv[1]))
PY
) || fail "python3 could not work out the draws"
set -- $MC
yc "d['monte_carlo']['draws'] == 3 and d['monte_carlo']['seed'] == 1" \
	"close(d['monte_carlo']['mean']['total'], $1, 1e-9)" \
	"close(d['monte_carlo']['p5']['total'], $2, 1e-9)" \
	"close(d['monte_carlo']['p50']['total'], $3, 1e-9)" \
	"close(d['monte_carlo']['p95']['total'], $4, 1e-9)" \
	"close(d['monte_carlo']['mean']['kommune'], 2 * $1 / 3, 1e-9)" \
	"d['monte_carlo']['share_positive']['total'] == 1.0" \
	"d['monte_carlo']['share_positive']['region'] == 0.0" \
	"d['monte_carlo']['p95']['region'] == 0.0"
# (The region has no price for kontanthjaelp: its PV is 0 in every draw,
# and a share of draws with net > 0 counts none of them.)
# The text report names the input in its tornado.
expect_exit 0 "$SOEM_BIN" calc "$D/persistence-range.soem.yaml" $KB --lang en
expect_in "$OUT" "effect.persistence.years[1]"
finish
