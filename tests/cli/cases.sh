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
finish
