#!/bin/sh
# soem design (SPEC 2.8, 4): each problem, the YAML keys, the numbers of
# oracles.md section C, the plain-language text, FILE's evaluation:
# section, and the exit codes of wrong usage and bad files.
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 missing"; exit 77; }
YC="python3 $SOEM_SRCDIR/tests/cli/yamlcheck.py"
D="$SOEM_TEST_DATA/design"

# yc EXPR...: the YAML in $OUT satisfies every EXPR (see yamlcheck.py)
yc() {
	CHECKS=$((CHECKS + 1))
	$YC "$OUT" "$@" || { fail "YAML check"; head -c 2000 "$OUT"; }
}

SITES="--site a:240:0.7 --site b:180:0.7 --site c:120:0.7 --site d:90:0.7
	--site e:60:0.7 --site f:48:0.7 --site g:36:0.7 --site h:24:0.7"

# C4: sample size, attrition, eight förbund, 40 each, a subgroup; the
# keys of SPEC 4 in their order
# shellcheck disable=SC2086
expect_exit 0 "$SOEM_BIN" design --p0 0.2 --p1 0.3 --attrition 0.1 $SITES \
	--site-min 40 --subgroup 0.5 --format yaml
yc "keys == ['soem_design', 'alpha', 'power', 'ratio', 'p0', 'p1', 'n_control', 'n_treatment', 'enrol', 'months', 'site_months', 'subgroups']" \
	"d['soem_design'] == 1" "d['alpha'] == 0.05" "d['power'] == 0.8" \
	"d['ratio'] == 1" "d['p0'] == 0.2" "d['p1'] == 0.3" \
	"close(d['n_control'], 293.1512855, 1e-9)" \
	"d['n_treatment'] == d['n_control']" \
	"d['enrol'] == {'control': 327, 'treatment': 327, 'total': 654}" \
	"d['months'] == 15" \
	"list(d['site_months']) == list('abcdefgh')" \
	"abs(d['site_months']['h'] - 28.57) < 0.005" \
	"close(d['site_months']['h'], 40 / 1.4, 1e-12)" \
	"close(d['site_months']['a'], 40 / 14, 1e-12)" \
	"d['subgroups'][0]['share'] == 0.5" \
	"0.34 < d['subgroups'][0]['detectable_p1'] < 0.35"

# the stress case "inflow halved": 654 / 23.275 = 28.1 -> 29 months
# shellcheck disable=SC2086
expect_exit 0 "$SOEM_BIN" design --p0 0.2 --p1 0.3 --attrition 0.1 $SITES \
	--inflow-scale 0.5 --format yaml
yc "d['months'] == 29" "'site_months' not in d" "'subgroups' not in d"

# C1: power for n, and the detectable p1
expect_exit 0 "$SOEM_BIN" design --p0 .5 --p1 .75 --n 50 --format yaml
yc "close(d['power'], 0.7401659, 1e-6)" "d['n_control'] == 50" \
	"d['enrol']['total'] == 100" "'months' not in d" "'ci' not in d"
expect_exit 0 "$SOEM_BIN" design --p0 .5 --n 50 --power .9 --format yaml
yc "close(d['p1'], 0.8026306, 1e-6)" "d['power'] == 0.9"
expect_exit 0 "$SOEM_BIN" design --p0 .5 --p1 .75 --power .9 --format yaml
yc "close(d['n_control'], 76.706928, 1e-6)" "d['enrol']['control'] == 77"
expect_exit 0 "$SOEM_BIN" design --p0 .9 --p1 1 --format yaml
yc "close(d['n_control'], 73.37427, 1e-6)"
expect_exit 0 "$SOEM_BIN" design --p0 .5 --p1 .501 --alpha .001 --power .9 \
	--format yaml
yc "abs(d['n_control'] - 10451937) < 0.5"
# a detectable p1 that does not exist is null
expect_exit 0 "$SOEM_BIN" design --p0 .9 --n 3 --power .99 --format yaml
yc "d['p1'] is None"

# C2: Fleiss with continuity correction, 3 treated per control
expect_exit 0 "$SOEM_BIN" design --p0 0.45 --p1 0.25 --power 0.9 --ratio 3 \
	--cc --format yaml
yc "abs(d['n_control'] - 83.1527) < 5e-5" \
	"abs(d['n_treatment'] - 249.4581) < 5e-5" "d['ratio'] == 3"
expect_exit 0 "$SOEM_BIN" design --p0 0.45 --p1 0.25 --power 0.9 --cc \
	--format yaml
yc "abs(d['n_control'] - 127.2343) < 5e-5"
expect_exit 0 "$SOEM_BIN" design --p0 0.45 --p1 0.25 --power 0.9 --ratio 3 \
	--format yaml
yc "close(d['n_control'], 76.61966, 1e-6)"

# C5 through the design effect and attrition: 40 per group after a
# design effect, 20 % drop out -> 50
expect_exit 0 "$SOEM_BIN" design --p0 .5 --p1 .75 --n 40 --attrition 0.2 \
	--format yaml
yc "d['enrol'] == {'control': 50, 'treatment': 50, 'total': 100}"
expect_exit 0 "$SOEM_BIN" design --p0 .5 --p1 .75 --n 20 --deff 2 \
	--attrition 0.2 --format yaml
yc "d['enrol']['control'] == 50"

# C3: the difference and its Newcombe interval, alone and with a plan
expect_exit 0 "$SOEM_BIN" design --x-t 56 --n-t 70 --x-c 48 --n-c 80 \
	--format yaml
yc "keys == ['soem_design', 'p0', 'p1', 'ci']" \
	"d['ci']['level'] == 0.95" "abs(d['ci']['difference'] - 0.2) < 1e-12" \
	"abs(d['ci']['low'] - 0.0524) < 5e-5" \
	"abs(d['ci']['high'] - 0.3339) < 5e-5" "close(d['p1'], 0.8)" \
	"close(d['p0'], 0.6)"
expect_exit 0 "$SOEM_BIN" design --x-t 5 --n-t 56 --x-c 0 --n-c 29 \
	--format yaml
yc "abs(d['ci']['low'] + 0.0381) < 5e-5" "abs(d['ci']['high'] - 0.1926) < 5e-5"
expect_exit 0 "$SOEM_BIN" design --x-t 10 --n-t 10 --x-c 0 --n-c 20 \
	--format yaml
yc "abs(d['ci']['low'] - 0.6791) < 5e-5" "d['ci']['high'] == 1"
expect_exit 0 "$SOEM_BIN" design --p0 0.2 --p1 0.3 --x-t 12 --n-t 100 \
	--x-c 2 --n-c 100 --level 0.9 --format yaml
yc "keys[-1] == 'ci'" "'n_control' in d" "d['ci']['level'] == 0.9"

# text: one plain-language sentence under each number, the user's
# number convention
expect_exit 0 "$SOEM_BIN" design --p0 0.2 --p1 0.3 --attrition 0.1 \
	--site Umeå:240:0.7 --site-min 40 --subgroup 0.5 --lang en
expect_in "$OUT" "Sample size for an experiment with two groups"
expect_in "$OUT" "293.15 / 293.15"
expect_in "$OUT" "To enrol = 327 + 327 = 654"
expect_in "$OUT" "so that enough outcomes remain when 10 % of them drop out"
expect_in "$OUT" "Months of recruitment = 47"
expect_in "$OUT" "Umeå: 2.86 months"
expect_in "$OUT" "cannot be told from chance"
python3 - "$OUT" <<'PY' || fail "text: a number without its explanation"
import sys
lines = [l for l in open(sys.argv[1], encoding='utf-8').read().split('\n') if l]
# after the title, label lines and indented sentences alternate
body = lines[1:]
ok = len(body) % 2 == 0 and all(
    not body[i].startswith(' ') and body[i + 1].startswith('    ')
    and body[i + 1].rstrip().endswith('.') for i in range(0, len(body), 2))
sys.exit(0 if ok else 1)
PY
CHECKS=$((CHECKS + 1))
expect_exit 0 "$SOEM_BIN" design --p0 0,2 --p1 0,3 --lang da
expect_in "$OUT" "293,15 / 293,15"
expect_in "$OUT" "p0 = 20,0 %"
expect_exit 0 "$SOEM_BIN" design --p0 '20 %' --p1 '30 %' --format yaml
yc "d['p0'] == 0.2"
expect_exit 0 "$SOEM_BIN" design --p0 .5 --p1 .75 --n 50 --lang en
expect_in "$OUT" "Power = 74.0 % (computed)"
expect_exit 0 "$SOEM_BIN" design --x-t 0 --n-t 10 --x-c 0 --n-c 20 --lang en
expect_in "$OUT" "cannot tell the effect from zero"
expect_exit 0 "$SOEM_BIN" design --p0 0.2 --p1 0.3 --format markdown --lang en
expect_in "$OUT" "# Evaluation design"
expect_in "$OUT" "- **To enrol = 294 + 294 = 588**: "

# FILE: the evaluation: section; options override it
expect_exit 0 "$SOEM_BIN" design "$D/plan.soem.yaml" --format yaml
# Umeå 14 a month from 0, Luleå 6 a month from month 2: 20 t - 12 >= 654
yc "d['enrol']['total'] == 654" "d['months'] == 34" \
	"close(d['site_months']['Umeå'], 40 / 14, 1e-12)" \
	"close(d['site_months']['Luleå'], 40 / 6 + 2, 1e-12)" \
	"[s['share'] for s in d['subgroups']] == [0.5, 0.25]"
expect_exit 0 "$SOEM_BIN" design "$D/plan.soem.yaml" --inflow-scale 0.5 \
	--format yaml
yc "d['months'] == 66"
expect_exit 0 "$SOEM_BIN" design "$D/plan.soem.yaml" --site x:120:1 \
	--subgroup 1 --format yaml
yc "list(d['site_months']) == ['x']" "close(d['subgroups'][0]['detectable_p1'], 0.3, 1e-9)"
expect_exit 0 "$SOEM_BIN" --lang en design "$D/plan.soem.yaml" -o "$T/plan.txt"
[ -s "$T/plan.txt" ] || fail "-o did not write the design"
CHECKS=$((CHECKS + 1))

# exit codes
expect_exit 2 "$SOEM_BIN" design
expect_in "$ERR" "nothing to plan"
expect_exit 2 "$SOEM_BIN" design --p1 0.3
expect_in "$ERR" "--p0"
expect_exit 2 "$SOEM_BIN" design --p0 1.5 --p1 0.3
expect_in "$ERR" "--p0 '1.5'"
expect_exit 2 "$SOEM_BIN" design --p0 0.2 --p1 0.2
expect_in "$ERR" "no effect to detect"
expect_exit 2 "$SOEM_BIN" design --p0 0.2 --p1 0.3 --power 1
expect_exit 2 "$SOEM_BIN" design --p0 0.2 --p1 0.3 --alpha 0
expect_exit 2 "$SOEM_BIN" design --p0 0.2 --p1 0.3 --ratio -1
expect_exit 2 "$SOEM_BIN" design --p0 0.2 --p1 0.3 --attrition 1
expect_exit 2 "$SOEM_BIN" design --p0 0.2 --n 0
expect_exit 2 "$SOEM_BIN" design --p0 0.2 --p1 0.3 --site Umeå:240
expect_in "$ERR" "NAME:INFLOW:CONSENT"
expect_exit 2 "$SOEM_BIN" design --p0 0.2 --p1 0.3 --site a:1:0.5 --site a:2:0.5
expect_exit 2 "$SOEM_BIN" design --p0 0.2 --p1 0.3 --subgroup 0
expect_exit 2 "$SOEM_BIN" design --x-t 5 --n-t 10
expect_in "$ERR" "all four counts"
expect_exit 2 "$SOEM_BIN" design --x-t 11 --n-t 10 --x-c 1 --n-c 10
expect_exit 2 "$SOEM_BIN" design --x-t -1 --n-t 10 --x-c 1 --n-c 10
expect_exit 2 "$SOEM_BIN" design --p0 0.2 --p1 0.3 --format csv
expect_in "$ERR" "text, yaml or markdown"
expect_exit 2 "$SOEM_BIN" design "$D/plan.soem.yaml" "$D/plan.soem.yaml"
expect_exit 2 "$SOEM_BIN" design --p0 0.2 --p1 0.3 --n
expect_in "$ERR" "needs a value"
expect_exit 2 "$SOEM_BIN" calc "$D/plan.soem.yaml" --p0 0.2
expect_in "$ERR" "belong to 'soem design'"
expect_exit 66 "$SOEM_BIN" design "$T/missing.soem.yaml"
expect_exit 65 "$SOEM_BIN" design "$D/bad-alpha.soem.yaml"
expect_in "$ERR" "bad-alpha.soem.yaml:6:"
expect_in "$ERR" "evaluation.alpha"
expect_exit 65 "$SOEM_BIN" design "$D/bad-site.soem.yaml"
expect_in "$ERR" "evaluation.sites[0]"
expect_exit 1 "$SOEM_BIN" design "$D/no-evaluation.soem.yaml"
expect_in "$ERR" "no evaluation: section"
expect_exit 0 "$SOEM_BIN" design "$D/no-evaluation.soem.yaml" --p0 .2 --p1 .3
finish
