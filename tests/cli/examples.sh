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

# per participant: the undiscounted net over all participants
n = sum(num(c["participants"]) for c in calc["intake"])
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

# the reports mark values the database calls illustrative
expect_exit 0 "$SOEM_BIN" calc "$EXDIR/samordningsteam.soem.yaml" $KB \
	--format markdown --lang en
expect_in "$OUT" "(i)"
expect_in "$OUT" "marked as illustrative"
finish
