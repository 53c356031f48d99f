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

# The figures each example's notes quote (issue 15 point 6): every line of
# the table below is "EXAMPLE | PHRASE | EXPRESSION".  PHRASE is a piece of
# the example's notes (a space matches any white space) with {} where a
# number stands, written as the notes write it (3,4 or -0,03 or 44 000);
# it must occur exactly once in the notes.  EXPRESSION is Python on the
# YAML result `d` (helpers in notes.py) and the calculation `c`; the quoted
# number must equal it rounded to as many decimals as the notes give
# (3,4 stands for 3,35 up to 3,45).  A PHRASE without {} needs a true
# EXPRESSION.  So a database change that moves a quoted figure, or a note
# that quotes a figure the program does not give, fails here.  Figures
# the notes give for the databases' earlier versions are not checked.
cat >"$T/notes-figures.txt" <<'TAB'
housing-first | I alt {} mio. kr. netto | net('total') / 1e6
housing-first | (nutidsværdi {} mio. kr.): kommunen | d['totals']['pv_net']['total'] / 1e6
housing-first | kommunen {} mio. kr., regionen | net('kommune') / 1e6
housing-first | regionen {} mio. kr. og staten | net('region') / 1e6
housing-first | staten {} mio. kr. Kommunen bærer | net('stat') / 1e6
housing-first | koordinator ({} mio. kr.) | d['totals']['costs']['kommune'] / 1e6
housing-first | er først i plus i år {}; | d['break_even_year']['kommune']
housing-first | staten betaler intet | d['totals']['costs']['stat'] == 0
housing-first | får godt {} % af besparelsen på herberg | 100 * svc('herberg')['stat'] / svc('herberg')['total']
housing-first | Efter 3 år er nettoresultatet {} mio. kr. i alt | at(3)['total'] / 1e6
housing-first | vender det allerede i år {}. | d['break_even_year']['total']
housing-first | Det betaler sig fra {} deltagere | d['break_even_participants']['whole']
housing-first | ({} deltagere eller flere; | d['break_even_participants']['value']
housing-first | i dag {}). | participants()
housing-first | overførslerne giver i alt {} mio. kr. | area('transfers')['total'] / 1e6
housing-first | Knap {} % af nutidsværdien af effekterne bygger på databasens illustrative | 100 * d['illustrative_share']
reform-housing-first | I alt giver indsatsen {} mio. kr. netto | net('total') / 1e6
reform-housing-first | (nutidsværdi {} mio. kr.): kommunen | d['totals']['pv_net']['total'] / 1e6
reform-housing-first | kommunen {} mio. kr., regionen | net('kommune') / 1e6
reform-housing-first | regionen {} mio. kr. og staten | net('region') / 1e6
reform-housing-first | staten {} mio. kr. Staten betaler | net('stat') / 1e6
reform-housing-first | de {} unge giver | d['by_group'][0]['participants']
reform-housing-first | unge giver effekter for {} mio. kr. | d['by_group'][0]['effects']['total'] / 1e6
reform-housing-first | (nutidsværdi {} mio. kr.), de 30 voksne | d['by_group'][0]['pv_effects']['total'] / 1e6
reform-housing-first | de {} voksne | d['by_group'][1]['participants']
reform-housing-first | voksne {} mio. kr. ( | d['by_group'][1]['effects']['total'] / 1e6
reform-housing-first | ({} mio. kr.); de to gruppers | d['by_group'][1]['pv_effects']['total'] / 1e6
reform-housing-first | omkostningerne på {} mio. kr. er fælles | d['totals']['costs']['total'] / 1e6
reform-housing-first | endnu ikke tjent noget: {} mio. kr. i alt | at(3)['total'] / 1e6
reform-housing-first | det vender i år {} ( | d['break_even_year']['total']
reform-housing-first | (kommunen i år {}, | d['break_even_year']['kommune']
reform-housing-first | staten aldrig inden for ti år | d['break_even_year']['stat'] == 'none' and d['horizon'] == 10
reform-housing-first | Det betaler sig fra {} deltagere | d['break_even_participants']['whole']
reform-housing-first | med {} deltagere eller flere | d['break_even_participants']['value']
reform-housing-first | (i dag {}) | participants()
reform-housing-first | overførslerne kun {} mio. kr. | area('transfers')['total'] / 1e6
reform-housing-first | grænsen er {} deltagere i stedet | d['break_even_participants']['whole']
reform-housing-first | Godt {} % af effekterne er de opdigtede herbergsdøgn | 100 * svc('herberg')['total'] / d['totals']['effects']['total']
reform-housing-first | kun {} % af nutidsværdien af effekterne | 100 * d['illustrative_share']
samordningsforbund | per deltagare (påhittat): {} miljoner kr | (d['totals']['costs']['total'] - d['totals']['costs']['arbetsformedlingen']) / 1e6
samordningsforbund | varav {} miljoner för Försäkringskassan | d['totals']['costs']['forsakringskassan'] / 1e6
samordningsforbund | och {} miljoner vardera för region och kommun | d['totals']['costs']['region'] / 1e6 if d['totals']['costs']['region'] == d['totals']['costs']['kommun'] else None
samordningsforbund | Totalt {} miljoner kr netto | net('total') / 1e6
samordningsforbund | (nuvärde {} miljoner): kommunen | d['totals']['pv_net']['total'] / 1e6
samordningsforbund | kommunen {} miljoner (mindre daglig | net('kommun') / 1e6
samordningsforbund | Försäkringskassan {} miljoner (mindre | net('forsakringskassan') / 1e6
samordningsforbund | övrig stat {} miljoner (arbetsgivaravgifter) | net('ovrig_stat') / 1e6
samordningsforbund | medan regionen ({} miljoner) | net('region') / 1e6
samordningsforbund | Arbetsförmedlingen ({} miljoner) betalar | net('arbetsformedlingen') / 1e6
samordningsforbund | Efter 3 år är nettot {} miljoner totalt | at(3)['total'] / 1e6
samordningsforbund | det vänder år {}. | d['break_even_year']['total']
samordningsforbund | Det lönar sig från {} deltagare | d['break_even_participants']['whole']
samordningsforbund | tillbaka, {} miljoner kr på sju år | -tax('total') / 1e6
samordningsforbund | (kommunen {} och regionen | -tax('kommun') / 1e6
samordningsforbund | och regionen {} miljoner). | -tax('region') / 1e6
samordningsforbund | gränsen är {} deltagare i stället | d['break_even_participants']['whole']
samordningsteam | Teamet kostar {} kr per deltagare | sum(x['amount'] for x in c['costs'] if x['basis'] == 'per_participant')
samordningsteam | Totalt {} miljoner kr netto | net('total') / 1e6
samordningsteam | (nuvärde {} miljoner): kommunen | d['totals']['pv_net']['total'] / 1e6
samordningsteam | kommunen {} miljoner (mindre försörjningsstöd | net('kommun') / 1e6
samordningsteam | övrig stat {} miljoner (arbetsgivaravgifter) | net('ovrig_stat') / 1e6
samordningsteam | Försäkringskassan nästan noll ({} miljoner: | net('forsakringskassan') / 1e6
samordningsteam | medan regionen ({} miljoner) | net('region') / 1e6
samordningsteam | Arbetsförmedlingen ({} miljoner, mest | net('arbetsformedlingen') / 1e6
samordningsteam | Efter 3 år är nettot {} miljoner totalt | at(3)['total'] / 1e6
samordningsteam | kommunen är på plus år {}, | d['break_even_year']['kommun']
samordningsteam | totalt vänder det inte inom sju år | d['break_even_year']['total'] == 'none' and d['horizon'] == 7
samordningsteam | Fler deltagare hjälper inte | d['break_even_participants'] is None
samordningsteam | framgångsandel på {} %, | 100 * d['break_even_success_rate']
samordningsteam | strax över försökets {} % | 100 * d['success_rate']
samordningsteam | tillbaka, {} miljoner kr på sju år | -tax('total') / 1e6
samordningsteam | övrig stat får {} miljoner i stället | net('ovrig_stat') / 1e6
TAB
cat >"$T/notes.py" <<'PY'
import re, sys, yaml

table, resdir, exdir = sys.argv[1], sys.argv[2], sys.argv[3]
# a number as the notes write it: 3,4  -0,03  +1,2  44 000  1.300
NUM = r"([-+]?\d{1,3}(?:[ .]\d{3})+(?:,\d+)?|[-+]?\d+(?:,\d+)?)"
errors, rows = [], 0


def notes_text(c):
    # all of the notes as one text, white space folded
    return " ".join(" ".join(str(v).split())
                    for v in (c.get("notes") or {}).values())


for line in open(table, encoding="utf-8"):
    if not line.strip():
        continue
    ex, phrase, expr = (x.strip() for x in line.split("|", 2))
    rows += 1
    d = yaml.safe_load(open("%s/%s.result.yaml" % (resdir, ex), encoding="utf-8"))
    c = yaml.safe_load(open("%s/%s.soem.yaml" % (exdir, ex), encoding="utf-8"))
    groups = c.get("groups") or [c]
    env = {
        "d": d, "c": c,
        "net": lambda p: d["totals"]["net"][p],
        "at": lambda y: [a for a in d["at_years"] if a["year"] == y][0]["net"],
        "svc": lambda s: [r for r in d["by_service"] if r["service"] == s][0]["effects"],
        "area": lambda a: [r for r in d["by_area"] if r["area"] == a][0]["effects"],
        "tax": lambda p: sum(r["tax"][p] for r in d["by_service"] if "tax" in r),
        "participants": lambda: sum(
            x["participants"]["value"] if isinstance(x["participants"], dict)
            else x["participants"] for g in groups for x in g["intake"]),
    }
    parts = [r"\s+".join(re.escape(w) for w in re.split(r"\s+", p))
             for p in phrase.split("{}")]
    found = list(re.finditer(NUM.join(parts), notes_text(c)))
    if len(found) != 1:
        errors.append("%s: %d places in the notes match %r" % (ex, len(found), phrase))
        continue
    want = eval(expr, env)
    if "{}" not in phrase:
        if want is not True:
            errors.append("%s: the notes say %r, but %s is not true" % (ex, phrase, expr))
        continue
    q = found[0].group(1)
    dec = len(q.split(",")[1]) if "," in q else 0
    got = float(q.replace(" ", "").replace(".", "").replace(",", "."))
    if want is None or abs(got - want) > 0.5 * 10 ** -dec + 1e-9:
        errors.append("%s: the notes say %s in %r, the result gives %s"
                      % (ex, q, phrase, want if want is None else round(want, dec + 2)))

for e in errors:
    print("  " + e)
print("%d figures in the examples' notes checked" % rows)
sys.exit(1 if errors or rows == 0 else 0)
PY
# every example has figures in the table
CHECKS=$((CHECKS + 1))
for ex in "$EXDIR"/*.soem.yaml; do
	name=$(basename "$ex" .soem.yaml)
	grep -q "^$name |" "$T/notes-figures.txt" ||
		fail "$name: the table above checks no figure of its notes"
done
CHECKS=$((CHECKS + 1))
python3 "$T/notes.py" "$T/notes-figures.txt" "$T" "$EXDIR" ||
	fail "an example's notes quote a figure that its result does not give"

# the reports mark values the database calls illustrative
expect_exit 0 "$SOEM_BIN" calc "$EXDIR/samordningsteam.soem.yaml" $KB \
	--format markdown --lang en
expect_in "$OUT" "(i)"
expect_in "$OUT" "marked as illustrative"
finish
