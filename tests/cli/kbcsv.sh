#!/bin/sh
# Issue 16: `soem kb export` / `soem kb import` (bring your own figures),
# `kb validate --summary`, and `kb show` naming the basis of an
# illustrative figure.  Works on frozen databases (tests/golden/kb,
# tests/data/kb-illus), never on the bundled ones, which may change.
# Numbers are compared as numbers (yamlcheck.py's loader), never as text.
. "$SOEM_SRCDIR/tests/lib.sh"
export XDG_DATA_HOME="$T/data"
KBD="$T/kb"
mkdir -p "$KBD"
cp "$SOEM_SRCDIR/tests/golden/kb/dk.yaml" "$KBD/dk.yaml"
KB="--kb $KBD"
USER_KB="$XDG_DATA_HOME/soem/kb"

# the golden Housing First calculation, fewer draws; calc_for ID: the same
# naming profile ID
sed 's/draws: 10000/draws: 200/' "$SOEM_SRCDIR/tests/golden/housing-first.soem.yaml" >"$T/hf.soem.yaml"
calc_for() {
	sed "s/profile: dk,/profile: $1,/" "$T/hf.soem.yaml" >"$T/hf-$1.soem.yaml"
	expect_exit 0 "$SOEM_BIN" calc --format yaml $KB "$T/hf-$1.soem.yaml"
	cp "$OUT" "$T/result-$1.yaml"
}
# py EXPR...: every Python expression is true; b, n = the results of
# dk and of the profile named in $NEW
py() {
	CHECKS=$((CHECKS + 1))
	python3 - "$@" <<PYEOF || fail "python check: $*"
import sys
sys.path.insert(0, "$SOEM_SRCDIR/tests/cli")
from yamlcheck import load, close
b = load("$T/result-dk.yaml")
n = load("$T/result-$NEW.yaml")
def svc(d, s):
    return [e for e in d['by_service'] if e['service'] == s][0]
ok = True
for e in sys.argv[1:]:
    if not eval(e):
        print("not true:", e)
        ok = False
sys.exit(0 if ok else 1)
PYEOF
}

calc_for dk
NEW=dk

# --- the share resting on illustrative figures (issue 16 point 7) -------
# (the unit test tests/unit/test_illustrative.c checks the figure by hand)
py "0 < b['illustrative_share'] < 1" \
   "list(b.keys()).index('illustrative_share') == list(b.keys()).index('by_area') + 1"
expect_exit 0 "$SOEM_BIN" calc $KB --lang en "$T/hf-dk.soem.yaml"
expect_in "$OUT" "% of the present value of effects rests on illustrative estimates or prices from the knowledge database."
expect_exit 0 "$SOEM_BIN" calc $KB --lang da "$T/hf-dk.soem.yaml"
expect_in "$OUT" "af nutidsværdien af effekterne bygger på illustrative"
# ... and so do the Markdown and HTML reports (in their summary) and the
# CSV (a figure row): the YAML's share as the text report writes it
# ("96.5 %" in English, "96,5 %" in Danish)
share=$(python3 -c "
import sys; sys.path.insert(0, '$SOEM_SRCDIR/tests/cli')
from yamlcheck import load
print('%.1f' % (100 * load('$T/result-dk.yaml')['illustrative_share']))")
share_da=$(echo "$share" | tr . ,)
for fmt in markdown html; do
	expect_exit 0 "$SOEM_BIN" calc $KB --lang en --format $fmt "$T/hf-dk.soem.yaml"
	expect_in "$OUT" "$share % of the present value of effects rests on illustrative estimates or prices from the knowledge database."
	expect_exit 0 "$SOEM_BIN" calc $KB --lang da --format $fmt "$T/hf-dk.soem.yaml"
	expect_in "$OUT" "$share_da % af nutidsværdien af effekterne bygger på illustrative"
done
expect_exit 0 "$SOEM_BIN" calc $KB --lang en --format csv "$T/hf-dk.soem.yaml"
expect_in "$OUT" "\"Share of the present value of effects resting on illustrative figures, per cent\",,,,$share"
expect_exit 0 "$SOEM_BIN" calc $KB --lang da --format csv "$T/hf-dk.soem.yaml"
expect_in "$OUT" "Andel af nutidsværdien af effekterne, der bygger på illustrative tal, i procent;;;;$share_da"

# --- export ------------------------------------------------------------
expect_exit 0 "$SOEM_BIN" kb export dk $KB --lang en -o "$T/dk.csv"
expect_in "$T/dk.csv" "kind,target_group,measure,service,payer,year,value,unit,name,current_source,source"
expect_in "$T/dk.csv" "price,,,foertidspension,kommune,,"
expect_in "$T/dk.csv" "consequence,hjemloese,ophold_herberg,foertidspension,,1,0.55,"
expect_in "$T/dk.csv" "baseline,hjemloese,ophold_herberg,kontanthjaelp,,,20.98,"
# Danish: semicolons, decimal commas, a byte-order mark (SPEC §4)
expect_exit 0 "$SOEM_BIN" kb export dk $KB --lang da
expect_in "$OUT" "consequence;hjemloese;ophold_herberg;foertidspension;;1;0,55;"
CHECKS=$((CHECKS + 1))
[ "$(head -c 3 "$OUT" | od -An -tx1 | tr -d ' \n')" = efbbbf ] || fail "no BOM in the Danish export"
# --group: only that group's rows and the prices of the services it uses
expect_exit 0 "$SOEM_BIN" kb export dk $KB --lang en --group hjemloese
expect_in "$OUT" "consequence,hjemloese,"
CHECKS=$((CHECKS + 1))
if grep -v '^price' "$OUT" | grep -v '^kind' | grep -qv ',hjemloese,'; then
	fail "--group hjemloese exports rows of other groups"
fi
expect_exit 1 "$SOEM_BIN" kb export dk $KB --group no_such_group
expect_in "$ERR" "no_such_group"
expect_exit 1 "$SOEM_BIN" kb export nosuchprofile $KB

# --- import unchanged: the same results under the new id ---------------
expect_exit 0 "$SOEM_BIN" kb import "$T/dk.csv" --profile-file "$KBD/dk.yaml" --id dksame $KB
expect_in "$ERR" "0 figures changed"
CHECKS=$((CHECKS + 1))
[ -f "$USER_KB/dksame.yaml" ] || fail "import did not write to \$XDG_DATA_HOME/soem/kb"
# found without configuration (SPEC §3.3)
expect_exit 0 "$SOEM_BIN" kb list $KB
expect_in "$OUT" "dksame"
NEW=dksame
calc_for dksame
CHECKS=$((CHECKS + 1))
cmp -s "$T/result-dk.yaml" "$T/result-dksame.yaml" || fail "results differ after an unchanged import"
# the new id must be new
expect_exit 2 "$SOEM_BIN" kb import "$T/dk.csv" --profile-file "$KBD/dk.yaml" --id dk $KB
expect_in "$ERR" "'dk' exists already"
expect_exit 2 "$SOEM_BIN" kb import "$T/dk.csv" --profile-file "$KBD/dk.yaml" --id 'a b' $KB
expect_exit 2 "$SOEM_BIN" kb import "$T/dk.csv" --id x $KB

# --- one price used without an override: foertidspension, kommune -------
# (the calculation overrides only kontanthjaelp's kommune price); doubled,
# the effect changes by exactly the service's kommune effect.  The source
# goes in the last column (the current_source before it may hold commas).
awk -F, 'BEGIN { OFS = "," } { sub(/\r$/, "") }
	$1 == "price" && $4 == "foertidspension" && $5 == "kommune" { $7 = $7 * 2; $0 = $0 "Kommunens egne tal 2025" }
	{ print }' "$T/dk.csv" >"$T/dk-price.csv"
expect_exit 0 "$SOEM_BIN" kb import "$T/dk-price.csv" --profile-file "$KBD/dk.yaml" --id dkprice $KB
expect_in "$ERR" "1 figures changed (1 with a source, 0 marked illustrative)"
NEW=dkprice
calc_for dkprice
py "close(n['totals']['effects']['kommune'] - b['totals']['effects']['kommune'], svc(b, 'foertidspension')['effects']['kommune'], 1e-9)" \
   "close(n['totals']['effects']['total'] - b['totals']['effects']['total'], svc(b, 'foertidspension')['effects']['kommune'], 1e-9)" \
   "close(svc(n, 'foertidspension')['effects']['kommune'], 2 * svc(b, 'foertidspension')['effects']['kommune'], 1e-12)" \
   "n['totals']['effects']['stat'] == b['totals']['effects']['stat']" \
   "svc(b, 'foertidspension')['effects']['kommune'] != 0"
expect_exit 0 "$SOEM_BIN" kb show foertidspension --profile dkprice $KB --lang en
expect_in "$OUT" "Source: Kommunens egne tal 2025"
expect_in "$OUT" "7,521.24 DKK"

# --- a consequence cell: shows in kb show; calculations keep their years
awk -F, 'BEGIN { OFS = "," } { sub(/\r$/, "") }
	$1 == "consequence" && $2 == "hjemloese" && $3 == "ophold_herberg" && $4 == "foertidspension" && $6 == 1 { $7 = 0.75 }
	{ print }' "$T/dk.csv" >"$T/dk-cons.csv"
expect_exit 0 "$SOEM_BIN" kb import "$T/dk-cons.csv" --profile-file "$KBD/dk.yaml" --id dkcons $KB
expect_in "$ERR" "1 figures changed (0 with a source, 1 marked illustrative)"
expect_exit 0 "$SOEM_BIN" kb show ophold_herberg --profile dkcons $KB --lang en
expect_in "$OUT" "years: 0.75 1.09"
expect_exit 0 "$SOEM_BIN" kb show ophold_herberg --profile dk $KB --lang en
expect_in "$OUT" "years: 0.55 1.09"
NEW=dkcons
calc_for dkcons
CHECKS=$((CHECKS + 1))
grep -v '^illustrative_share:' "$T/result-dk.yaml" >"$T/a.yaml"
grep -v '^illustrative_share:' "$T/result-dkcons.yaml" >"$T/b.yaml"
cmp -s "$T/a.yaml" "$T/b.yaml" || fail "a calculation's own years changed with the database's"
# ... but the row it copied is now illustrative (it was sourced), so more
# of the value rests on illustrative figures
py "n['illustrative_share'] > b['illustrative_share']"

# --- the language's separator, quoted fields, decimal comma, -o ---------
printf '\357\273\277kind;target_group;measure;service;payer;year;value;source\r\nprice;;;foertidspension;kommune;;"4000,5";"Egne tal; 2025 ""A"""\r\n' >"$T/semi.csv"
expect_exit 0 "$SOEM_BIN" kb import "$T/semi.csv" --profile-file "$KBD/dk.yaml" --id dksemi $KB -o "$T/dksemi.yaml"
expect_exit 0 "$SOEM_BIN" kb validate "$T/dksemi.yaml"
mkdir -p "$T/semi" && cp "$T/dksemi.yaml" "$T/semi/"
expect_exit 0 "$SOEM_BIN" kb show foertidspension --kb "$T/semi" --profile dksemi --lang en
expect_in "$OUT" "4,000.50 DKK"
expect_in "$OUT" 'Source: Egne tal; 2025 "A"'

# --- malformed CSVs: file:line:column, exit 65 --------------------------
H='kind,target_group,measure,service,payer,year,value,source'
bad() { # NAME ROW: a CSV with the header and ROW
	printf '%s\n%s\n' "$H" "$2" >"$T/$1.csv"
	expect_exit 65 "$SOEM_BIN" kb import "$T/$1.csv" --profile-file "$KBD/dk.yaml" --id "x$1" $KB
}
bad num 'price,,,foertidspension,kommune,,abc,'
expect_in "$ERR" "num.csv:2:34: 'abc' is not a number"
bad quote 'price,,,"foertidspension,kommune,,1,'
expect_in "$ERR" "quote.csv:2:9: a quoted field has no closing quote"
bad svc 'price,,,no_service,kommune,,1,'
expect_in "$ERR" "svc.csv:2:9: no service 'no_service'"
bad payer 'price,,,foertidspension,nobody,,1,'
expect_in "$ERR" "payer.csv:2:25: no payer 'nobody'"
bad kind 'prise,,,foertidspension,kommune,,1,'
expect_in "$ERR" "kind.csv:2:1: unknown kind 'prise'"
bad year 'consequence,hjemloese,ophold_herberg,foertidspension,,x,1,'
expect_in "$ERR" "year.csv:2:55: 'x' is not a year"
bad short 'price,,,foertidspension'
expect_in "$ERR" "short.csv:2:9: this row has 4 fields"
bad gap 'consequence,hjemloese,ophold_herberg,foertidspension,,9,1,'
expect_in "$ERR" "gap.csv:2:55:"
printf 'kind,service\nprice,x\n' >"$T/head.csv"
expect_exit 65 "$SOEM_BIN" kb import "$T/head.csv" --profile-file "$KBD/dk.yaml" --id xhead $KB
expect_in "$ERR" "head.csv:1:1: the header has no column 'target_group'"
# nothing was written for a bad CSV
CHECKS=$((CHECKS + 1))
[ ! -e "$USER_KB/xnum.yaml" ] || fail "a bad CSV wrote a profile"
expect_exit 66 "$SOEM_BIN" kb import "$T/missing.csv" --profile-file "$KBD/dk.yaml" --id xmissing $KB

# --- kb validate --summary ---------------------------------------------
IKB="$SOEM_TEST_DATA/kb-illus"
expect_exit 0 "$SOEM_BIN" kb validate --summary --lang en "$IKB/ill.yaml"
expect_in "$OUT" "ill: 1 target groups, 3 consequence rows (1 sourced, 2 illustrative, 1 supported); 3 services (1 sourced, 2 illustrative)"
expect_exit 0 "$SOEM_BIN" kb validate --summary --kb "$IKB" --lang en
expect_in "$OUT" "ill: 1 target groups, 3 consequence rows"
expect_exit 0 "$SOEM_BIN" kb validate --lang en "$IKB/ill.yaml"
expect_not_in "$OUT" "consequence rows"

# --- kb show: illustrative and based on a source (issue 16 point 5) -----
expect_exit 0 "$SOEM_BIN" kb show herberg_t --kb "$IKB" --lang en
expect_in "$OUT" "Source: illustrative; based on the 2019 shelter rate table of Testby"
expect_exit 0 "$SOEM_BIN" kb show goal --kb "$IKB" --lang en
expect_in "$OUT" "Source: illustrative; based on the 2020 count of stays in Testby"
expect_in "$OUT" "Source: illustrative (no published source)"
expect_in "$OUT" "Source: Register study, test institute 2022"

finish
