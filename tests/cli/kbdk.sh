#!/bin/sh
# Issue 16, the Danish database (share/soem/kb/dk.yaml): the new groups
# and services load beside every old id, every taxable transfer carries
# its tax shares, the § 110 shelter price follows the homelessness
# reform by calendar year, and the price index reaches 2026.  Numbers are
# compared as numbers (yamlcheck.py's close), never as text.
. "$SOEM_SRCDIR/tests/lib.sh"
DK="$SOEM_KB_DIR/dk.yaml"
KB="--kb $SOEM_KB_DIR"
YC="python3 $SOEM_SRCDIR/tests/cli/yamlcheck.py"

# calc FILE EXPR...: `soem calc --format yaml` of FILE satisfies each EXPR
calc() {
	f=$1
	shift
	expect_exit 0 "$SOEM_BIN" calc --format yaml $KB "$f"
	CHECKS=$((CHECKS + 1))
	$YC "$OUT" "$@" || fail "$(basename "$f"): see above"
}

# The profile is clean and says what it holds.
expect_exit 0 "$SOEM_BIN" kb validate "$DK" --summary --lang en
expect_in "$OUT" "valid (profile dk"
expect_in "$OUT" "dk: 20 target groups"
! [ -s "$ERR" ] || fail "kb validate warned: $(cat "$ERR")"
expect_exit 0 "$SOEM_BIN" kb list $KB --lang en
expect_in "$OUT" "2026.3"

# Point 8: the new ids load; the old ones stay (saved calculations name
# them), the children's groups beside their 6-13 and 14-17 halves.
for id in autisme autisme_job_uddannelse senfoelger_overgreb \
	senfoelger_selvforsoergende aktivitetsparate_kontanthjaelp \
	aktivitetsparat_ordinaer_job eftervaern eftervaern_uddannelse_job \
	ungdomskriminalitet ingen_ny_sigtelse \
	forebyggende_52_6_13 forebyggende_52_14_17 undgaar_anbringelse_6_13 \
	undgaar_anbringelse_14_17 skolefravaer_6_13 skolefravaer_14_17 \
	fravaer_under_10_6_13 fravaer_under_10_14_17 \
	boligstoette ledighedsydelse fleksjob ressourceforloebsydelse \
	jobafklaringsydelse politianmeldelse ambulant_psykiatri \
	forebyggende_52 undgaar_anbringelse skolefravaer fravaer_under_10 \
	angst_depression_6_13 angst_depression_14_17 hjemloese herberg \
	sigtelse psykiatrisk_kontakt; do
	expect_exit 0 "$SOEM_BIN" kb show "$id" $KB --lang en
done

# Point 2: which services are taxable transfers.  Every service of the
# transfers area is named here, so a new transfer must be classified.
TAXED="kontanthjaelp foertidspension uddannelseshjaelp oevrige_overfoersler
sygedagpenge a_dagpenge su ledighedsydelse fleksjob ressourceforloebsydelse
jobafklaringsydelse"
UNTAXED="boligstoette"
awk '/^  - id: /{id=$3} /^    area: transfers$/{print id}' "$DK" | sort >"$T/transfers"
echo $TAXED $UNTAXED | tr ' ' '\n' | sort >"$T/classified"
[ -s "$T/transfers" ] || fail "no service of the transfers area found in dk.yaml"
cmp -s "$T/transfers" "$T/classified" ||
	fail "the transfers of dk.yaml are not the ones classified here: $(diff "$T/classified" "$T/transfers" | tr '\n' ' ')"

# One success using one week fewer of each transfer (and one night fewer
# at a shelter) in 2026: by_service gives gross and tax per payer for a
# taxed service, tax = -share x gross transfer (SPEC 2.9), kommune 0.25
# (average municipal tax) and stat 0.1206 (bottom tax 2024).
{
	echo 'soem_calc: 2'
	echo 'kb: {profile: dk, version: "2026.3"}'
	echo 'intervention: {name: Skat af overførsler, start_year: 2026}'
	echo 'horizon: 1'
	echo 'intake: [{year: 1, participants: 1}]'
	echo 'effect: {success_rate: 1}'
	echo 'consequences:'
	for s in $TAXED $UNTAXED herberg; do
		echo "  - {service: $s, years: [-1]}"
	done
} >"$T/tax.soem.yaml"
i=0
for s in $TAXED; do
	calc "$T/tax.soem.yaml" \
		"d['by_service'][$i]['service'] == '$s'" \
		"'tax' in d['by_service'][$i]" \
		"close(d['by_service'][$i]['tax']['kommune'], -0.25 * d['by_service'][$i]['gross']['total'], 1e-9)" \
		"close(d['by_service'][$i]['tax']['stat'], -0.1206 * d['by_service'][$i]['gross']['total'], 1e-9)" \
		"d['by_service'][$i]['gross']['total'] > 0"
	i=$((i + 1))
done
# housing benefit is tax-free, a shelter night is no transfer
calc "$T/tax.soem.yaml" \
	"d['by_service'][$i]['service'] == 'boligstoette'" \
	"'tax' not in d['by_service'][$i]" \
	"d['by_service'][$((i + 1))]['service'] == 'herberg'" \
	"'tax' not in d['by_service'][$((i + 1))]"

# Point 1: the state's share of a shelter night by calendar year (the
# schedule's comment in dk.yaml): 650 up to 2025, 2026 weighted by months
# (3 under the 120-day cap, 9 under the 90-day cap) 624.34, from 2027
# 615.79; the kommune pays the rest of 1 300.
shelter() {
	{
		echo 'soem_calc: 2'
		echo 'kb: {profile: dk, version: "2026.3"}'
		echo "intervention: {name: Herberg, start_year: $1}"
		echo 'horizon: 3'
		echo 'intake: [{year: 1, participants: 1}]'
		echo 'effect: {success_rate: 1}'
		echo 'consequences:'
		echo '  - {service: herberg, years: [-1, -1, -1]}'
	} >"$T/herberg$1.soem.yaml"
}
shelter 2025
calc "$T/herberg2025.soem.yaml" \
	"close(d['years'][0]['effects']['stat'], 650, 1e-9)" \
	"close(d['years'][1]['effects']['stat'], 624.34, 1e-9)" \
	"close(d['years'][2]['effects']['stat'], 615.79, 1e-9)" \
	"close(d['years'][0]['effects']['kommune'], 650, 1e-9)" \
	"close(d['years'][1]['effects']['kommune'], 675.66, 1e-9)" \
	"close(d['years'][2]['effects']['kommune'], 684.21, 1e-9)" \
	"all(close(y['effects']['total'], 1300, 1e-9) for y in d['years'])"
shelter 2027
calc "$T/herberg2027.soem.yaml" \
	"all(close(y['effects']['stat'], 615.79, 1e-9) for y in d['years'])" \
	"all(close(y['effects']['kommune'], 684.21, 1e-9) for y in d['years'])"

# Point 2: AM-bidrag belongs to the state's share of income tax on
# earnings.  1 000 kr. more earned income: AM-bidrag 8 % = 80 to the state,
# the 920 left taxed at 25 % (kommune 230) and 12.06 % (state 110.952),
# the state's share rounded to 0.191 in dk.yaml: 191.  (Without AM-bidrag
# the state got 120; the kommune 250 on the whole 1 000.)
{
	echo 'soem_calc: 2'
	echo 'kb: {profile: dk, version: "2026.3"}'
	echo 'intervention: {name: Skat af løn, start_year: 2026}'
	echo 'horizon: 1'
	echo 'intake: [{year: 1, participants: 1}]'
	echo 'effect: {success_rate: 1}'
	echo 'consequences:'
	echo '  - {service: indkomstskat, years: [1000]}'
} >"$T/earn.soem.yaml"
calc "$T/earn.soem.yaml" \
	"close(abs(d['totals']['effects']['kommune']), 230, 1e-9)" \
	"close(abs(d['totals']['effects']['stat']), 191, 1e-9)" \
	"close(abs(d['totals']['effects']['stat']), 80 + 0.92 * 0.1206 * 1000, 1e-3)"

# The price index has 2025 and 2026 (illustrative, see its source) and
# no later year: a calculation reported at 2026 prices converts a 2024
# price by 123.28 / 118.68; at 2027 prices it is refused (65).
{
	echo 'soem_calc: 2'
	echo 'kb: {profile: dk, version: "2026.3"}'
	echo 'intervention: {name: Prisniveau, start_year: 2024}'
	echo 'price_level: 2026'
	echo 'horizon: 1'
	echo 'intake: [{year: 1, participants: 1}]'
	echo 'effect: {success_rate: 1}'
	echo 'consequences:'
	echo '  - {service: sikret_institution, years: [-1]}'
} >"$T/level.soem.yaml"
calc "$T/level.soem.yaml" \
	"d['price_year'] == 2026" \
	"close(d['totals']['effects']['kommune'], 4727.59 * 123.28 / 118.68, 1e-9)"
sed 's/^price_level: 2026$/price_level: 2025/' "$T/level.soem.yaml" >"$T/level25.soem.yaml"
calc "$T/level25.soem.yaml" \
	"close(d['totals']['effects']['kommune'], 4727.59 * 120.96 / 118.68, 1e-9)"
sed 's/^price_level: 2026$/price_level: 2027/' "$T/level.soem.yaml" >"$T/level27.soem.yaml"
expect_exit 65 "$SOEM_BIN" calc --format yaml $KB "$T/level27.soem.yaml"
expect_in "$ERR" "2027"
finish
