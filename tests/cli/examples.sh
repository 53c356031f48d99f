#!/bin/sh
# The shipped examples and profiles: every profile validates, every
# example runs with `soem calc` in every format, and (with python3 and
# PyYAML) its YAML result is internally consistent: net = effects - costs
# per year and payer, every total is the sum of its payers, the yearly
# figures add up to the totals, the discounted figures follow the discount
# factors, and the effects by service and by area add up to the effects.
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
KB="--kb $SOEM_KB_DIR"
EXDIR="$SOEM_SRCDIR/share/soem/examples"

# every shipped profile validates, and both are found
profiles=0
for f in "$SOEM_KB_DIR"/*.yaml; do
	expect_exit 0 "$SOEM_BIN" kb validate "$f"
	expect_in "$OUT" "valid (profile"
	# no key of a shipped profile is unknown (a payer group's source)
	expect_not_in "$ERR" "is not a key this version of soem knows"
	profiles=$((profiles + 1))
done
[ "$profiles" -ge 2 ] || fail "expected the dk and se profiles, found $profiles files"
CHECKS=$((CHECKS + 1))
expect_exit 0 "$SOEM_BIN" kb validate $KB
expect_in "$OUT" "valid (profile dk"
expect_in "$OUT" "valid (profile se"
expect_exit 0 "$SOEM_BIN" kb list $KB --lang en
expect_in "$OUT" "DKK"
expect_in "$OUT" "SEK"
expect_exit 0 "$SOEM_BIN" kb show samordning $KB --lang sv
expect_in "$OUT" "i_arbete_studier"
expect_exit 0 "$SOEM_BIN" kb show aktivitetsstod $KB --lang en
expect_in "$OUT" "aktivitetsstod"

# python3 with PyYAML is installed by tests/setup-debian.sh; without it
# this test cannot check anything, so it says so and skips as a whole
if ! python3 -c 'import yaml' >/dev/null 2>&1; then
	echo "python3 with PyYAML is not installed"
	exit 77
fi

cat >"$T/check.py" <<'PY'
import math, sys, yaml

res_path, calc_path = sys.argv[1], sys.argv[2]
res = yaml.safe_load(open(res_path, encoding="utf-8"))
calc = yaml.safe_load(open(calc_path, encoding="utf-8"))
errors = []


def close(a, b):
    return abs(a - b) <= 1e-6 + 1e-9 * max(abs(a), abs(b))


def check(what, a, b):
    if not close(a, b):
        errors.append("%s: %r != %r" % (what, a, b))


def num(v):
    return v["value"] if isinstance(v, dict) else v


payers = res["payers"]
keys = payers + ["total"]
H = res["horizon"]
if len(res["years"]) != H:
    errors.append("%d years for horizon %d" % (len(res["years"]), H))

sums = {k: {p: 0.0 for p in keys} for k in ("costs", "effects", "net")}
pv = {k: {p: 0.0 for p in keys} for k in ("costs", "effects", "net")}
cum = {p: 0.0 for p in keys}
for t, y in enumerate(res["years"], 1):
    if y["year"] != t:
        errors.append("year %r at position %d" % (y["year"], t))
    d = y["discount_factor"]
    for block in ("costs", "effects", "net", "net_discounted",
                  "cumulative_discounted"):
        if sorted(y[block]) != sorted(keys):
            errors.append("year %d %s: keys %r" % (t, block, sorted(y[block])))
            continue
        check("year %d %s total" % (t, block), y[block]["total"],
              sum(y[block][p] for p in payers))
    for p in keys:
        check("year %d net[%s]" % (t, p), y["net"][p],
              y["effects"][p] - y["costs"][p])
        check("year %d net_discounted[%s]" % (t, p),
              y["net_discounted"][p], y["net"][p] * d)
        cum[p] += y["net_discounted"][p]
        check("year %d cumulative_discounted[%s]" % (t, p),
              y["cumulative_discounted"][p], cum[p])
        for k in ("costs", "effects", "net"):
            sums[k][p] += y[k][p]
            pv[k][p] += y[k][p] * d

tot = res["totals"]
for k in ("costs", "effects", "net", "pv_costs", "pv_effects", "pv_net"):
    check("totals.%s total" % k, tot[k]["total"],
          sum(tot[k][p] for p in payers))
for p in keys:
    for k in ("costs", "effects", "net"):
        check("totals.%s[%s]" % (k, p), tot[k][p], sums[k][p])
        check("totals.pv_%s[%s]" % (k, p), tot["pv_" + k][p], pv[k][p])
    check("totals.net[%s]" % p, tot["net"][p],
          tot["effects"][p] - tot["costs"][p])
    check("totals.pv_net[%s]" % p, tot["pv_net"][p],
          tot["pv_effects"][p] - tot["pv_costs"][p])

# per participant: the undiscounted net over all participants (of every
# group, SPEC 2.9)
groups = calc.get("groups") or [calc]
n = sum(num(c["participants"]) for g in groups for c in g["intake"])
for p in keys:
    check("per_participant[%s]" % p, res["per_participant"][p],
          tot["net"][p] / n)

# the effects by service and by area add up to the effects
for name in ("by_service", "by_area"):
    rows = res.get(name) or []
    for p in keys:
        check("%s sums to totals.effects[%s]" % (name, p),
              sum(r["effects"][p] for r in rows), tot["effects"][p])

# an experiment's counts decide the success rate
x = (calc.get("effect") or {}).get("experiment")
if x:
    check("success_rate from the experiment", res["success_rate"],
          x["x_t"] / x["n_t"] - x["x_c"] / x["n_c"])

for e in errors[:20]:
    print("  " + e)
sys.exit(1 if errors else 0)
PY

examples=0
for ex in "$EXDIR"/*.soem.yaml; do
	examples=$((examples + 1))
	name=$(basename "$ex" .soem.yaml)
	for fmt in text csv markdown html; do
		expect_exit 0 "$SOEM_BIN" calc "$ex" $KB --format "$fmt" --lang en
	done
	expect_exit 0 "$SOEM_BIN" calc "$ex" $KB --format yaml
	cp "$OUT" "$T/$name.result.yaml"
	expect_in "$OUT" "soem_result: 1"
	CHECKS=$((CHECKS + 1))
	python3 "$T/check.py" "$T/$name.result.yaml" "$ex" ||
		fail "$name: the YAML result is not consistent"
done
[ "$examples" -ge 2 ] || fail "expected at least two examples, found $examples"
CHECKS=$((CHECKS + 1))

# the Swedish example is priced in SEK with the five Swedish payers
# (compared as YAML values: quoting is the writer's choice)
CHECKS=$((CHECKS + 1))
python3 -c 'import sys, yaml; d = yaml.safe_load(open(sys.argv[1])); sys.exit(d["currency"] != "SEK")' \
	"$T/samordningsteam.result.yaml" || fail "samordningsteam: currency is not SEK"
expect_in "$T/samordningsteam.result.yaml" \
	"payers: [kommun, region, forsakringskassan, arbetsformedlingen, ovrig_stat]"
expect_in "$T/housing-first.result.yaml" "payers: [kommune, region, stat]"

# The Danish example with two groups and the 2023 homelessness reform
# (reform-housing-first.soem.yaml; numbers worked out by hand from the
# file, not from soem's output):
# - by_group: "Unge 18-24 år" 10 + 10 = 20 participants, s = 0.45 - 0.15,
#   6 successes; "Voksne 25 år og derover" 15 + 15 = 30, s = 0.40 - 0.10,
#   9 successes; the groups' effects add up to the totals (costs are
#   shared, not per group).
# - the state's half of the § 85 a support, per participant-year over a
#   2-year course with completion c (N in the start year, N*c in the
#   second): Unge 2 * (10 + 10 * 0.8) = 36 years * 55 000 = 1 980 000;
#   Voksne 2 * (15 + 15 * 0.9) = 57 years * 45 000 = 2 565 000; stat's
#   costs 4 545 000; kommune the same plus 300 000 once and 4 * 200 000
#   for the coordinator: 5 645 000.
# - year 1 (2025): nobody has finished (course 2 years), so the effects
#   are the `during` shelter days only: 10 * 30 + 15 * 40 = 900 fewer
#   days, at the 2025 shares of the 1 300 kr. day (state 0.5 * 120/150 =
#   40 %: 520 kr., kommune 780 kr.): stat 468 000, kommune 702 000.
YC="python3 $SOEM_SRCDIR/tests/cli/yamlcheck.py"
CHECKS=$((CHECKS + 1))
$YC "$T/reform-housing-first.result.yaml" \
	"[g['name'] for g in d['by_group']] == ['Unge 18-24 år', 'Voksne 25 år og derover']" \
	"close(d['by_group'][0]['participants'], 20, 1e-9)" \
	"close(d['by_group'][1]['participants'], 30, 1e-9)" \
	"close(d['by_group'][0]['successes'], 6, 1e-9)" \
	"close(d['by_group'][1]['successes'], 9, 1e-9)" \
	"all(close(sum(g[k][p] for g in d['by_group']), d['totals'][k][p], 1e-9) for k in ('effects', 'pv_effects') for p in ('kommune', 'region', 'stat', 'total'))" \
	"close(d['totals']['costs']['stat'], 4545000, 1e-9)" \
	"close(d['totals']['costs']['kommune'], 5645000, 1e-9)" \
	"close(d['years'][0]['effects']['stat'], 468000, 1e-9)" \
	"close(d['years'][0]['effects']['kommune'], 702000, 1e-9)" ||
	fail "reform-housing-first: by_group, costs or year 1 differ from the hand-computed numbers"

# The example's herberg schedule year by year: a probe calculation with the
# example's own `prices:` and one fewer shelter day in each of 2025, 2026
# and 2027 (one participant, s = 1).  By hand, with stays of 150 days a
# year (the example's assumption) and the 1 300 kr. day:
#   2025: state 0.5 * 120/150 = 40 %: 520 kr., kommune 780 kr.;
#   2026: 3/12 at the 120-day cap, 9/12 at the 90-day cap:
#         3/12 * 40 % + 9/12 * 0.5 * 90/150 = 32.5 %: 422.50, kommune 877.50;
#   2027: 0.5 * 90/150 = 30 %: 390 kr., kommune 910 kr.
python3 - "$EXDIR/reform-housing-first.soem.yaml" "$T/probe.soem.yaml" <<'PY'
import json, sys, yaml
ex = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
probe = {"soem_calc": 2, "kb": ex["kb"],
         "intervention": {"name": "Probe", "start_year": 2025},
         "horizon": 3, "intake": [{"year": 1, "participants": 1}],
         "effect": {"success_rate": 1},
         "consequences": [{"service": "herberg", "years": [-1, -1, -1]}],
         "prices": ex["prices"]}
open(sys.argv[2], "w", encoding="utf-8").write(json.dumps(probe, ensure_ascii=False))
PY
expect_exit 0 "$SOEM_BIN" calc "$T/probe.soem.yaml" $KB --format yaml
CHECKS=$((CHECKS + 1))
$YC "$OUT" \
	"close(d['years'][0]['effects']['stat'], 1300 * 0.5 * 120 / 150, 1e-9)" \
	"close(d['years'][1]['effects']['stat'], 1300 * (3 / 12 * 0.5 * 120 / 150 + 9 / 12 * 0.5 * 90 / 150), 1e-9)" \
	"close(d['years'][2]['effects']['stat'], 1300 * 0.5 * 90 / 150, 1e-9)" \
	"close(d['years'][0]['effects']['kommune'], 780, 1e-9)" \
	"close(d['years'][1]['effects']['kommune'], 877.5, 1e-9)" \
	"close(d['years'][2]['effects']['kommune'], 910, 1e-9)" ||
	fail "reform-housing-first: the herberg schedule differs from the reform's shares"

# The Swedish example with the payer group samordningsforbund
# (samordningsforbund.soem.yaml): the förbund pays 200 000 once in year 1
# and 48 000 for each of 3 * 25 = 75 participants: 3 800 000, split by
# se.yaml's payer group 50/25/25: Försäkringskassan 1 900 000, region and
# kommun 950 000 each; Arbetsförmedlingen's own 6 000 a participant stays
# its own: 450 000.  Year 1: 200 000 + 25 * 48 000 = 1 400 000 split
# 700 000 / 350 000 / 350 000, Arbetsförmedlingen 150 000.
CHECKS=$((CHECKS + 1))
$YC "$T/samordningsforbund.result.yaml" \
	"close(d['totals']['costs']['forsakringskassan'], 1900000, 1e-9)" \
	"close(d['totals']['costs']['region'], 950000, 1e-9)" \
	"close(d['totals']['costs']['kommun'], 950000, 1e-9)" \
	"close(d['totals']['costs']['arbetsformedlingen'], 450000, 1e-9)" \
	"d['totals']['costs']['ovrig_stat'] == 0" \
	"close(d['totals']['costs']['total'], 4250000, 1e-9)" \
	"close(d['years'][0]['costs']['forsakringskassan'], 700000, 1e-9)" \
	"close(d['years'][0]['costs']['region'], 350000, 1e-9)" \
	"close(d['years'][0]['costs']['kommun'], 350000, 1e-9)" \
	"close(d['years'][0]['costs']['arbetsformedlingen'], 150000, 1e-9)" ||
	fail "samordningsforbund: the payer group's split differs from 50/25/25"

# the reports mark values the database calls illustrative
expect_exit 0 "$SOEM_BIN" calc "$EXDIR/samordningsteam.soem.yaml" $KB \
	--format markdown --lang en
expect_in "$OUT" "(i)"
expect_in "$OUT" "marked as illustrative"
finish
