#!/bin/sh
# SPEC §2.9 through files: `soem calc --format yaml` on the calculations
# of tests/data/cases/ (their comments give every expected number, worked
# out by hand) with the small profile tests/data/cases/kb/tc.yaml.
# Numbers are compared as numbers at 1e-9 relative (yamlcheck.py's close),
# never as text.
. "$SOEM_SRCDIR/tests/lib.sh"
D="$SOEM_SRCDIR/tests/data/cases"
YC="python3 $SOEM_SRCDIR/tests/cli/yamlcheck.py"

# yc FILE EXPR...: the calculation's YAML result satisfies every EXPR
yc() {
	f=$1
	shift
	expect_exit 0 "$SOEM_BIN" calc --format yaml --kb "$D/kb" "$D/$f"
	CHECKS=$((CHECKS + 1))
	$YC "$OUT" "$@" || fail "$f: see above"
}

yc tax.soem.yaml \
	"d['by_service'][0]['service'] == 'kontanthjaelp'" \
	"close(d['by_service'][0]['effects']['kommune'], 13750, 1e-9)" \
	"close(d['by_service'][0]['effects']['stat'], 2000, 1e-9)" \
	"close(d['by_service'][0]['effects']['total'], 15750, 1e-9)" \
	"close(d['by_service'][0]['gross']['kommune'], 20000, 1e-9)" \
	"close(d['by_service'][0]['gross']['stat'], 5000, 1e-9)" \
	"close(d['by_service'][0]['tax']['kommune'], -6250, 1e-9)" \
	"close(d['by_service'][0]['tax']['stat'], -3000, 1e-9)" \
	"d['by_service'][1]['service'] == 'ydelse'" \
	"close(d['by_service'][1]['effects']['kommune'], 2000, 1e-9)" \
	"close(d['by_service'][1]['tax']['total'], -2000, 1e-9)" \
	"close(d['totals']['effects']['total'], 17750, 1e-9)"

yc level.soem.yaml \
	"d['price_year'] == 2026" \
	"close(d['totals']['costs']['kommune'], 814.04, 1e-9)" \
	"close(d['totals']['effects']['kommune'], 1040.4, 1e-9)" \
	"close(d['totals']['net']['total'], 226.36, 1e-9)"

yc costmodel.soem.yaml \
	"close(d['per_participant']['kommune'], -17000, 1e-9)" \
	"close(d['per_completer']['kommune'], -20400, 1e-9)" \
	"[a['year'] for a in d['at_years']] == [2]" \
	"close(d['at_years'][0]['net']['total'], -1632000, 1e-9)" \
	"d['break_even_participants'] is None"

# A file without the keys of §2.9 has no per_completer, and at_years at
# 1, 3, 5, 10 and H.
yc level.soem.yaml "'per_completer' not in d" \
	"[a['year'] for a in d['at_years']] == [1]"
# A price schedule crossing a reform year (schedule.soem.yaml's comment),
# year by year.
yc schedule.soem.yaml \
	"close(d['years'][0]['effects']['kommune'], 500, 1e-9)" \
	"close(d['years'][1]['effects']['kommune'], 500, 1e-9)" \
	"close(d['years'][2]['effects']['kommune'], 80000 / 102, 1e-9)" \
	"close(d['years'][3]['effects']['kommune'], 80000 / 102, 1e-9)" \
	"all(close(y['effects']['stat'], 100, 1e-9) for y in d['years'])" \
	"close(d['totals']['effects']['kommune'], 1000 + 160000 / 102, 1e-9)"

# A database price schedule (kbschedule.soem.yaml's comment), year by
# year; the file's own kommune price wins over the database's.
yc kbschedule.soem.yaml \
	"close(d['years'][0]['effects']['stat'], 100, 1e-9)" \
	"close(d['years'][1]['effects']['stat'], 20000 / 102, 1e-9)" \
	"close(d['years'][2]['effects']['stat'], 20000 / 102, 1e-9)" \
	"all(close(y['effects']['kommune'], 250, 1e-9) for y in d['years'])"
# ... the same without a price of the file's own (it crashed before
# issue 16): every payer follows the database.
yc kbschedule-noprice.soem.yaml \
	"close(d['years'][0]['effects']['stat'], 100, 1e-9)" \
	"close(d['years'][1]['effects']['stat'], 20000 / 102, 1e-9)" \
	"close(d['years'][2]['effects']['stat'], 20000 / 102, 1e-9)" \
	"all(close(y['effects']['kommune'], 300, 1e-9) for y in d['years'])"
# ... without start_year: the entry in force in the profile's price year,
# with a warning naming the service.
yc kbschedule-nostart.soem.yaml \
	"all(close(y['effects']['stat'], 100, 1e-9) for y in d['years'])" \
	"all(close(y['effects']['kommune'], 300, 1e-9) for y in d['years'])"
expect_in "$ERR" "the price of 'bostoette' in profile tc changes by calendar year"

# A payer group (payergroup.soem.yaml's comment): 100 000 to finsam (stat
# 0.5, region 0.25, kommune 0.25) beside 10 000 to kommune.
yc payergroup.soem.yaml \
	"close(d['totals']['costs']['stat'], 50000, 1e-9)" \
	"close(d['totals']['costs']['region'], 25000, 1e-9)" \
	"close(d['totals']['costs']['kommune'], 35000, 1e-9)" \
	"close(d['totals']['costs']['total'], 110000, 1e-9)"

# Groups (SPEC 2.9): the numbers of groups.soem.yaml's comment.
yc groups.soem.yaml \
	"[g['name'] for g in d['by_group']] == ['Unge', 'Voksne']" \
	"close(d['by_group'][0]['participants'], 10, 1e-9)" \
	"close(d['by_group'][0]['successes'], 5, 1e-9)" \
	"close(d['by_group'][0]['effects']['kommune'], 75000, 1e-9)" \
	"close(d['by_group'][0]['pv_effects']['total'], 70000, 1e-9)" \
	"close(d['by_group'][1]['success_rate'], 0.2, 1e-9)" \
	"close(d['by_group'][1]['successes'], 4, 1e-9)" \
	"close(d['by_group'][1]['effects']['kommune'], 21500, 1e-9)" \
	"close(d['by_group'][1]['effects']['stat'], 800, 1e-9)" \
	"close(d['by_group'][1]['pv_effects']['total'], 17840, 1e-9)" \
	"[y['year'] for y in d['years']] == [1, 2, 3]" \
	"close(d['years'][0]['costs']['kommune'], 38000, 1e-9)" \
	"close(d['years'][1]['costs']['kommune'], 15000, 1e-9)" \
	"close(d['years'][2]['costs']['kommune'], 5000, 1e-9)" \
	"close(d['totals']['effects']['total'], 97300, 1e-9)" \
	"close(d['totals']['pv_costs']['total'], 53200, 1e-9)" \
	"close(d['totals']['pv_effects']['total'], 87840, 1e-9)" \
	"close(d['totals']['pv_net']['total'], 34640, 1e-9)" \
	"close(d['totals']['net']['total'], 39300, 1e-9)" \
	"close(d['per_participant']['kommune'], 38500 / 30, 1e-9)" \
	"close(d['per_completer']['total'], 1965, 1e-9)" \
	"close(d['break_even_scale'], 53200 / 87840, 1e-9)" \
	"'break_even_success_rate' not in d and 'success_rate' not in d" \
	"close(d['break_even_participants']['value'], 30 * 12200 / 46840, 1e-9)" \
	"d['break_even_participants']['whole'] == 8" \
	"[s['service'] for s in d['by_service']] == ['herberg', 'kontanthjaelp']" \
	"close(d['by_service'][0]['effects']['kommune'], 91000, 1e-9)" \
	"close(d['by_service'][1]['tax']['total'], -3700, 1e-9)"
cp "$OUT" "$T/grouped.yaml"

# ... and each group as its own calculation (without the shared yearly
# cost): effects and participant costs add up year by year; the grouped
# costs are their sum plus the shared 5000 a year, counted once.
expect_exit 0 "$SOEM_BIN" calc --format yaml --kb "$D/kb" "$D/groups-unge.soem.yaml"
cp "$OUT" "$T/unge.yaml"
expect_exit 0 "$SOEM_BIN" calc --format yaml --kb "$D/kb" "$D/groups-voksne.soem.yaml"
cp "$OUT" "$T/voksne.yaml"
CHECKS=$((CHECKS + 1))
python3 - "$SOEM_SRCDIR/tests/cli" "$T/grouped.yaml" "$T/unge.yaml" \
	"$T/voksne.yaml" <<'PY' || fail "groups: the groups' own calculations do not sum to the grouped one"
import sys
sys.path.insert(0, sys.argv[1])
from yamlcheck import load, close
g, u, v = (load(f) for f in sys.argv[2:5])
bad = []
for t in range(3):
    for p in ('kommune', 'region', 'stat', 'total'):
        e = u['years'][t]['effects'][p] + v['years'][t]['effects'][p]
        c = u['years'][t]['costs'][p] + v['years'][t]['costs'][p]
        c += 5000 if p in ('kommune', 'total') else 0
        if not close(g['years'][t]['effects'][p], e, 1e-9):
            bad.append(('effects', t + 1, p))
        if not close(g['years'][t]['costs'][p], c, 1e-9):
            bad.append(('costs', t + 1, p))
for i, x in enumerate((u, v)):
    if not close(g['by_group'][i]['pv_effects']['total'],
                 x['totals']['pv_effects']['total'], 1e-9):
        bad.append(('by_group', i))
print(bad) if bad else None
sys.exit(1 if bad else 0)
PY

# Range inputs of a grouped file carry the group's prefix, and a price
# range applies to the service in every group (groups-ranges.soem.yaml).
yc groups-ranges.soem.yaml \
	"sorted(r['input'] for r in d['sensitivity']) == ['groups[Unge].effect.success_rate', 'groups[Voksne].intake[1].participants', 'prices.herberg.kommune']" \
	"close({r['input']: r for r in d['sensitivity']}['groups[Unge].effect.success_rate']['pv_net_low'], 20640, 1e-9)" \
	"close({r['input']: r for r in d['sensitivity']}['groups[Unge].effect.success_rate']['pv_net_high'], 48640, 1e-9)" \
	"close({r['input']: r for r in d['sensitivity']}['groups[Voksne].intake[1].participants']['pv_net_low'], 39720, 1e-9)" \
	"close({r['input']: r for r in d['sensitivity']}['groups[Voksne].intake[1].participants']['pv_net_high'], 29560, 1e-9)" \
	"close({r['input']: r for r in d['sensitivity']}['prices.herberg.kommune']['pv_net_low'], 18080, 1e-9)" \
	"close({r['input']: r for r in d['sensitivity']}['prices.herberg.kommune']['pv_net_high'], 51200, 1e-9)" \
	"d['monte_carlo']['draws'] == 200"


# SPEC 2.9: ranges on completion, a tax share, a schedule amount and a
# row's own persistence are varied (the values of ranges.soem.yaml's and
# groups-ranges2.soem.yaml's comments, worked out by hand), and the Monte
# Carlo's draws of PV(R) differ.
S="{r['input']: r for r in d['sensitivity']}"
yc ranges.soem.yaml \
	"sorted(r['input'] for r in d['sensitivity']) == ['completion', 'consequences[herberg].persistence.decay', 'prices.herberg.kommune[2025]', 'taxes.kontanthjaelp.kommune']" \
	"close(d['totals']['pv_net']['total'], 65250, 1e-9)" \
	"close($S['completion']['pv_net_low'], 68250, 1e-9)" \
	"close($S['completion']['pv_net_high'], 63250, 1e-9)" \
	"close($S['taxes.kontanthjaelp.kommune']['pv_net_low'], 71500, 1e-9)" \
	"close($S['taxes.kontanthjaelp.kommune']['pv_net_high'], 59000, 1e-9)" \
	"close($S['prices.herberg.kommune[2025]']['pv_net_low'], 64750, 1e-9)" \
	"close($S['prices.herberg.kommune[2025]']['pv_net_high'], 66250, 1e-9)" \
	"close($S['consequences[herberg].persistence.decay']['pv_net_low'], 66250, 1e-9)" \
	"close($S['consequences[herberg].persistence.decay']['pv_net_high'], 64250, 1e-9)" \
	"d['monte_carlo']['draws'] == 200" \
	"d['monte_carlo']['p5']['total'] < d['monte_carlo']['p95']['total']"
yc groups-ranges2.soem.yaml \
	"sorted(r['input'] for r in d['sensitivity']) == ['groups[Unge].completion', 'groups[Voksne].consequences[herberg].persistence.years[1]', 'prices.herberg.kommune[2024]', 'taxes.kontanthjaelp.stat']" \
	"close(d['totals']['pv_net']['total'], 36150, 1e-9)" \
	"close($S['groups[Unge].completion']['pv_net_low'], 36400, 1e-9)" \
	"close($S['groups[Unge].completion']['pv_net_high'], 35650, 1e-9)" \
	"close($S['groups[Voksne].consequences[herberg].persistence.years[1]']['pv_net_low'], 34150, 1e-9)" \
	"close($S['groups[Voksne].consequences[herberg].persistence.years[1]']['pv_net_high'], 38150, 1e-9)" \
	"close($S['prices.herberg.kommune[2024]']['pv_net_low'], 28150, 1e-9)" \
	"close($S['prices.herberg.kommune[2024]']['pv_net_high'], 44150, 1e-9)" \
	"close($S['taxes.kontanthjaelp.stat']['pv_net_low'], 40350, 1e-9)" \
	"close($S['taxes.kontanthjaelp.stat']['pv_net_high'], 33350, 1e-9)" \
	"d['monte_carlo']['draws'] == 200" \
	"d['monte_carlo']['p5']['total'] < d['monte_carlo']['p95']['total']" \
	"d['monte_carlo']['p5']['stat'] < d['monte_carlo']['p95']['stat']"


# A tax share whose value is 0 (no tax at the central values) varies too:
# tax.soem.yaml with ydelse's kommune share 0 .. 0.5 (value 0): 4 fewer
# units at 1000 with share 0.5 give back 4 * 0.5 * 1000 = 2000 less:
# PV(R) 17 750 + 2000 = 19 750 at 0, 17 750 at 0.5.
sed 's/^  ydelse: {kommune: 0.5}$/  ydelse: {kommune: {value: 0, low: 0, high: 0.5}}/' \
	"$D/tax.soem.yaml" >"$T/tax0.soem.yaml"
expect_exit 0 "$SOEM_BIN" calc --format yaml --kb "$D/kb" "$T/tax0.soem.yaml"
CHECKS=$((CHECKS + 1))
$YC "$OUT" "[r['input'] for r in d['sensitivity']] == ['taxes.ydelse.kommune']" \
	"close(d['totals']['pv_net']['total'], 19750, 1e-9)" \
	"close(d['sensitivity'][0]['pv_net_low'], 19750, 1e-9)" \
	"close(d['sensitivity'][0]['pv_net_high'], 17750, 1e-9)" \
	"d['monte_carlo']['p5']['kommune'] < d['monte_carlo']['p95']['kommune']" \
	|| fail "tax0: see above"

# SPEC 2.9: a mistake in a group's own keys names the group as its range
# inputs are named (groups[NAME].), with file, line and column, exit 65.
cat >"$T/g.head" <<'YAML'
soem_calc: 2
kb: {profile: tc, version: "1"}
horizon: 3
groups:
  - name: Unge
    intake: [{year: 1, participants: 10}]
    effect: {success_rate: 0.5}
    consequences:
      - {service: herberg, years: [-1]}
  - name: Voksne
YAML
# gerr NAME 'LINES' 'LINE:COL: PATH: MESSAGE': the file g.head + LINES
# (Voksne's keys, from line 11) is refused with that message.
gerr() {
	{ cat "$T/g.head"; printf '%s\n' "$2"; } >"$T/$1.soem.yaml"
	expect_exit 65 "$SOEM_BIN" calc --kb "$D/kb" "$T/$1.soem.yaml"
	expect_in "$ERR" "$T/$1.soem.yaml:$3"
}
gerr gcompl '    intake: [{year: 1, participants: 4}]
    completion: 1.5' \
	"12:17: groups[Voksne].completion: 1.5 is not a completion share above 0 and at most 1"
gerr gp1 '    intake: [{year: 1, participants: 4}]
    effect: {p1: 1.2, p0: 0.1}' \
	"12:18: groups[Voksne].effect.p1: 1.2 is not a share between 0 and 1"
gerr gdecay '    intake: [{year: 1, participants: 4}]
    effect: {success_rate: 0.2, persistence: {decay: {value: 0.1, low: 0.2, high: 0.3}}}' \
	"12:54: groups[Voksne].effect.persistence.decay: low must not be above value"
gerr gsvc '    intake: [{year: 1, participants: 4}]
    effect: {success_rate: 0.2}
    consequences:
      - {service: nosuch, years: [-1]}' \
	"14:19: groups[Voksne].consequences[0].service: 'nosuch' is not a service of profile tc"
gerr grow '    intake: [{year: 1, participants: 4}]
    effect: {success_rate: 0.2}
    consequences:
      - {service: herberg, years: [-1], persistence: {decay: 2}}' \
	"14:62: groups[Voksne].consequences[0].persistence.decay: 2 is not a yearly decay between 0 and 1"
gerr gintake '    intake: [{year: 1, participants: -4}]' \
	"11:38: groups[Voksne].intake[0].participants: the number of participants cannot be negative"
gerr gnointake '    effect: {success_rate: 0.2}' \
	"10:5: groups[Voksne].intake: no intake is given"
# ... and a top-level key after the groups is named without the prefix.
gerr gtop '    intake: [{year: 1, participants: 4}]
costs:
  - {name: X, payer: nobody, basis: once, years: [1], amount: 1}' \
	"13:22: costs[0].payer: 'nobody' is not a payer of profile tc"


# SPEC 2.9: by_service has one entry per service id across all groups;
# the text, CSV, Markdown and HTML reports list a service that both
# groups of groups-ranges2.soem.yaml use once, with the sum of both
# groups (its comment: herberg 16 nights at 1000 = 16 000 for kommune;
# kontanthjaelp net of tax 19 250 + 2800 = 22 050, gross 14 * 2500 =
# 35 000, tax back -(14 * 0.25 * 2500 + 14 * 0.12 * 2500) = -12 950).
# nrows FILE TEXT N: TEXT (fixed) starts exactly N lines of FILE.
nrows() {
	CHECKS=$((CHECKS + 1))
	n=$(grep -cF -- "$2" "$1")
	[ "$n" = "$3" ] || fail "$(basename "$1"): $n lines with '$2', expected $3"
}
for fmt in yaml text csv markdown html; do
	expect_exit 0 "$SOEM_BIN" calc --format $fmt --kb "$D/kb" "$D/groups-ranges2.soem.yaml"
	cp "$OUT" "$T/svc.$fmt"
done
$YC "$T/svc.yaml" \
	"[s['service'] for s in d['by_service']] == ['kontanthjaelp', 'herberg']" \
	"close(d['by_service'][1]['effects']['total'], 16000, 1e-9)" \
	"close(d['by_service'][0]['effects']['total'], 22050, 1e-9)" \
	"close(d['by_service'][0]['tax']['total'], -12950, 1e-9)" \
	|| fail "by_service of groups-ranges2.soem.yaml: see above"
nrows "$T/svc.text" "Kontanthjælp (net of tax) " 1
nrows "$T/svc.text" "Kontanthjælp: gross " 1
nrows "$T/svc.text" "Kontanthjælp: tax back " 1
expect_in "$T/svc.text" "Kontanthjælp: tax back                   -8,750                0           -4,200          -12,950"
nrows "$T/svc.text" "Herberg  " 1
expect_in "$T/svc.text" "Herberg                                  16,000                0                0           16,000"
nrows "$T/svc.csv" "Kontanthjælp (net of tax),19250.00,0.00,2800.00,22050.00" 1
nrows "$T/svc.csv" "Kontanthjælp (net of tax)," 1
nrows "$T/svc.csv" "Kontanthjælp: gross,28000.00,0.00,7000.00,35000.00" 1
nrows "$T/svc.csv" "Kontanthjælp: gross," 1
nrows "$T/svc.csv" "Kontanthjælp: tax back," 1
nrows "$T/svc.markdown" "| Herberg | 16,000 | 0 | 0 | 16,000 |" 1
nrows "$T/svc.markdown" "| Kontanthjælp (i) (net of tax) | 19,250 | 0 | 2,800 | 22,050 |" 1
nrows "$T/svc.markdown" "| Kontanthjælp: gross |" 1
nrows "$T/svc.markdown" "| Kontanthjælp: tax back |" 1
nrows "$T/svc.html" '<tr><th scope="row">Herberg</th><td class="r">16,000</td>' 1
nrows "$T/svc.html" '<tr><th scope="row">Herberg</th><td class="r">' 1
nrows "$T/svc.html" '<tr><th scope="row">Kontanthjælp (i) (net of tax)</th>' 1
nrows "$T/svc.html" '<tr><th scope="row">Kontanthjælp: gross</th>' 1
nrows "$T/svc.html" '<tr><th scope="row">Kontanthjælp: tax back</th>' 1

# Several groups whose break-even scale asks more than is possible (SPEC
# 2.9: "cannot break even" when lambda* s_g > 1 - p0_g for some group),
# and no number of participants that pays.  groups.soem.yaml with the
# course at 100 000 per participant-year instead of 1 000:
#   PV(C) = (1 000 000 + 2 000 000 + 5 000 + 3 000)
#         + 0.8 (1 000 000 + 5 000) + 0.64 * 5 000 = 3 815 200;
#   A = 87 840 (as above), B = 0: lambda* = 43.43..., and Unge's
#   lambda* * 0.5 = 2 171.7 % > 100 %;
#   V = 87 840 - PV(participant costs 3 803 000) < 0: null.
sed 's/amount: 1000}/amount: 100000}/' "$D/groups.soem.yaml" >"$T/dear.soem.yaml"
cp -r "$D/kb" "$T/kb"
expect_exit 0 "$SOEM_BIN" calc --lang en --kb "$T/kb" "$T/dear.soem.yaml"
expect_in "$OUT" "Break-even scale of the success rates: 43.43: the intervention cannot break even: group Unge would need a success rate of 2,171.7 %, more than the possible 100.0 %"
expect_in "$OUT" "No number of participants makes it pay"
expect_exit 0 "$SOEM_BIN" calc --lang da --format markdown --kb "$T/kb" "$T/dear.soem.yaml"
expect_in "$OUT" "indsatsen kan ikke hvile i sig selv: gruppen Unge ville skulle have en succesrate på 2.171,7 %, mere end de mulige 100,0 %"
expect_in "$OUT" "Intet antal deltagere får det til at betale sig"
# ... while the file as it is breaks even at 0.61 of today's rates
expect_exit 0 "$SOEM_BIN" calc --lang en --kb "$D/kb" "$D/groups.soem.yaml"
expect_in "$OUT" "Break-even scale of the success rates: 0.61 (1 means that today's success rates just break even)"
expect_not_in "$OUT" "cannot break even"
finish
