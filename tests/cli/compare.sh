#!/bin/sh
# soem compare (issue 17): the two examples (different profiles: one is
# left out), a Danish variant made here, a file given twice (counted
# once), a copy (all differences zero), the numbers against each file's
# own `soem calc --format yaml`, hostile names, and unreadable files.
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 is not installed"; exit 77; }
python3 -c 'import yaml' 2>/dev/null || { echo "python3-yaml is not installed"; exit 77; }
KB="--kb $(cd "$SOEM_KB_DIR" && pwd)"
EX=$(cd "$SOEM_SRCDIR/share/soem/examples" && pwd)
HF="$EX/housing-first.soem.yaml"
SE="$EX/samordningsteam.soem.yaml"
sed 's/p1: {value: 0.40, low: 0.30, high: 0.50}/p1: 0.45/; s/amount: 300000}/amount: 350000}/' \
	"$HF" >"$T/mentor.soem.yaml"
grep -q 'p1: 0.45' "$T/mentor.soem.yaml" || fail "the variant was not made"
cp "$HF" "$T/copy.soem.yaml"

# the two examples: se is left out (profile), one remains -> 65
expect_exit 65 "$SOEM_BIN" compare "$HF" "$SE" $KB
expect_in "$ERR" "samordningsteam.soem.yaml: left out: profile se, not dk"

# with the Danish variant: two remain -> 0, se listed in the report
expect_exit 0 "$SOEM_BIN" compare "$HF" "$SE" "$T/mentor.soem.yaml" $KB --lang en
expect_in "$OUT" "profile se, not dk"
expect_in "$OUT" "p1 (with the intervention)"
expect_in "$OUT" "+5.0 pp"
expect_in "$OUT" 'Cost "Opstart af team" (Municipality): amount'
expect_in "$OUT" 'Discounted net after year 10: Municipality'
expect_in "$OUT" "+50,000"

# a file given twice counts once: one remains and nothing failed -> 2
expect_exit 2 "$SOEM_BIN" compare "$HF" "$HF" $KB
expect_in "$ERR" "given more than once"
ln -s "$HF" "$T/link.soem.yaml"
expect_exit 2 "$SOEM_BIN" compare "$HF" "$T/link.soem.yaml" $KB
# ... and with a third file it is listed in the report
expect_exit 0 "$SOEM_BIN" compare "$HF" "$T/mentor.soem.yaml" "$HF" $KB --format yaml
python3 - "$OUT" <<'PY' || fail "the duplicate is not listed in YAML"
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
assert len(d['files']) == 2, d['files']
assert [l['exit'] for l in d['left_out']] == [0], d['left_out']
assert d['left_out'][0]['same_as'].endswith('housing-first.soem.yaml')
PY

# a copy: no input differs, every difference is zero
expect_exit 0 "$SOEM_BIN" compare "$HF" "$T/copy.soem.yaml" $KB --format yaml
python3 - "$OUT" <<'PY' || fail "a copy shows differences"
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
assert d['inputs'] == [], d['inputs']
assert d['results'], 'no results'
for r in d['results']:
    for x in r.get('difference', []):
        assert x in (0, None), r
    for x in r.get('percent', []):
        assert x in (0, None), r
    assert r['values'][0] == r['values'][1], r
PY
expect_exit 0 "$SOEM_BIN" compare "$HF" "$T/copy.soem.yaml" $KB --lang en
expect_in "$OUT" "(none: the inputs are the same)"
expect_not_in "$OUT" "  difference"

# the numbers equal each file's own soem calc --format yaml
expect_exit 0 "$SOEM_BIN" compare "$HF" "$T/mentor.soem.yaml" $KB --format yaml
cp "$OUT" "$T/cmp.yaml"
expect_exit 0 "$SOEM_BIN" calc "$HF" $KB --format yaml
cp "$OUT" "$T/a.yaml"
expect_exit 0 "$SOEM_BIN" calc "$T/mentor.soem.yaml" $KB --format yaml
cp "$OUT" "$T/b.yaml"
python3 - "$T/cmp.yaml" "$T/a.yaml" "$T/b.yaml" <<'PY' || fail "compare and calc disagree"
import sys, yaml
c = yaml.safe_load(open(sys.argv[1]))
calcs = [yaml.safe_load(open(p)) for p in sys.argv[2:]]
tot = {'pv_costs', 'pv_effects', 'pv_net'}
n = 0
for r in c['results']:
    k, p = r['key'], r.get('payer')
    for i, res in enumerate(calcs):
        v = r['values'][i]
        if k in tot:
            want = res['totals'][k][p]
        elif k == 'net':
            want = res['totals']['net'][p]
        elif k in ('break_even_year', 'return_per_krone', 'per_participant'):
            want = res[k][p]
        elif k == 'break_even_success_rate':
            want = res[k]
        elif k == 'cumulative_discounted':
            want = res['years'][r['year'] - 1]['cumulative_discounted'][p]
        elif k == 'cumulative':
            want = sum(y['net'][p] for y in res['years'][:r['year']])
            assert abs(v - want) <= 1e-6 * max(1, abs(want)), (r, want)
            n += 1
            continue
        else:
            raise SystemExit('unknown result ' + k)
        assert v == want, (k, p, i, v, want)
        if i and isinstance(v, float) and isinstance(r['values'][0], float):
            assert r['difference'][i] == v - r['values'][0], r
        n += 1
assert n >= 2 * 60, n
assert {r['key'] for r in c['results']} >= tot | {'net', 'break_even_year',
    'return_per_krone', 'per_participant', 'break_even_success_rate',
    'cumulative', 'cumulative_discounted'}
s = [r for r in c['inputs'] if r['key'] == 'effect.s'][0]
assert s['values'] == [calcs[0]['success_rate'], calcs[1]['success_rate']], s
PY

# hostile names: ESC and =cmd in a file name and in the intervention name
H="$T/$(printf 'evil\033[31m=cmd')"
mkdir -p "$H"
sed "s/name: Housing First med bostøtte/name: \"=cmd|x \\\\e[2J\"/" "$T/mentor.soem.yaml" >"$H/x.soem.yaml"
grep -q '=cmd' "$H/x.soem.yaml" || fail "the hostile file was not made"
cp "$H/x.soem.yaml" "$T/=cmd.soem.yaml"
expect_exit 0 "$SOEM_BIN" compare "$HF" "$H/x.soem.yaml" $KB --lang en
CHECKS=$((CHECKS + 1))
if grep -q "$(printf '\033')" "$OUT" "$ERR"; then fail "a raw ESC reached the terminal"; fi
expect_in "$OUT" "evil�[31m=cmd"
expect_in "$OUT" "=cmd|x �[2J"
(cd "$T" && "$SOEM_BIN" compare "$HF" "=cmd.soem.yaml" $KB --lang en --format csv) >"$T/h.csv" 2>"$ERR" || fail "csv of a hostile file"
expect_in "$T/h.csv" ",'=cmd.soem.yaml,"
expect_in "$T/h.csv" ",'=cmd|x �[2J,"
CHECKS=$((CHECKS + 1))
if grep -q "$(printf '\033')" "$T/h.csv"; then fail "a raw ESC in the CSV"; fi
# numbers are not neutralised
CHECKS=$((CHECKS + 1))
# (the number is the example's own net after year 1 for the kommune, read
# from `soem calc`, so a change of the shipped database does not matter)
N=$("$SOEM_BIN" calc --format yaml $KB "$HF" 2>/dev/null |
	python3 -c 'import sys, yaml; print(int(yaml.safe_load(sys.stdin)["years"][0]["net"]["kommune"]))')
case "$N" in -[0-9]*) ;; *) fail "the example's net after year 1 is not negative: $N" ;; esac
grep -q ",$N\.[0-9]*," "$T/h.csv" || grep -q ",$((N - 1))\.[0-9]*," "$T/h.csv" || \
	{ fail "a negative number in the CSV was changed"; grep after "$T/h.csv" | head -3; }
expect_exit 0 "$SOEM_BIN" compare "$HF" "$H/x.soem.yaml" $KB --format html
expect_in "$OUT" "=cmd|x [2J"
expect_not_in "$OUT" "$(printf '\033')"

# All at the first file's price level (issue 17): a copy that reports at
# 2020 prices by itself is computed at the reference's level, so its
# results equal the reference's, and a row shows each file's own level.
# Without this the copy's amounts would be at 2020 prices (SPEC 2.9).
{ cat "$HF"; echo "price_level: 2020"; } >"$T/level2020.soem.yaml"
expect_exit 0 "$SOEM_BIN" calc "$T/level2020.soem.yaml" $KB --format yaml
CHECKS=$((CHECKS + 1))
grep -q "price_year: 2020" "$OUT" || fail "the copy does not report at 2020 prices by itself"
expect_exit 0 "$SOEM_BIN" compare "$HF" "$T/level2020.soem.yaml" $KB --format yaml
python3 - "$OUT" <<'PY' || fail "the copy was not compared at the first file's price level"
import sys, yaml
c = yaml.safe_load(open(sys.argv[1]))
rows = {r['key']: r for r in c['inputs']}
assert rows['price_level']['values'] == [2024, 2020], rows.get('price_level')
for r in c['results']:
    if r['key'].startswith('pv_net.'):
        assert r['differences'][1] == 0, r
PY

# Completion and groups are inputs that differ (issue 17 point 1, SPEC
# 2.9): a copy where 5 of 6 complete, and a grouped file beside a copy
# with one group renamed.
{ cat "$HF"; echo "completion: 0.8"; } >"$T/compl.soem.yaml"
expect_exit 0 "$SOEM_BIN" compare "$HF" "$T/compl.soem.yaml" $KB --format yaml
python3 - "$OUT" <<'PY' || fail "completion is not an input that differs"
import sys, yaml
c = yaml.safe_load(open(sys.argv[1]))
rows = {r['key']: r for r in c['inputs']}
assert rows['completion']['values'] == [1.0, 0.8], rows.get('completion')
PY
G="$SOEM_TEST_DATA/cases/groups.soem.yaml"
sed 's/name: Voksne/name: Aeldre/' "$G" >"$T/groups2.soem.yaml"
grep -q 'name: Aeldre' "$T/groups2.soem.yaml" || fail "the renamed group was not made"
expect_exit 0 "$SOEM_BIN" compare "$G" "$T/groups2.soem.yaml" --kb "$SOEM_TEST_DATA/cases/kb" --format yaml
python3 - "$OUT" <<'PY' || fail "the groups are not an input that differs"
import sys, yaml
c = yaml.safe_load(open(sys.argv[1]))
rows = {r['key']: r for r in c['inputs']}
assert rows['groups']['values'] == ['Unge, Voksne', 'Unge, Aeldre'], rows.get('groups')
PY

# -o naming one of the compared files is refused and the file kept (the
# check of issue 12 for soem calc, here for every file compared)
cp "$T/mentor.soem.yaml" "$T/keep.soem.yaml"
expect_exit 73 "$SOEM_BIN" compare "$HF" "$T/keep.soem.yaml" $KB -o "$T/keep.soem.yaml"
expect_in "$ERR" "is the file being read"
CHECKS=$((CHECKS + 1))
cmp -s "$T/mentor.soem.yaml" "$T/keep.soem.yaml" || fail "compare -o overwrote a compared file"

# unreadable: a directory, a missing file, and a file nobody may read
mkdir -p "$T/dir.soem.yaml"
expect_exit 0 "$SOEM_BIN" compare "$HF" "$T/dir.soem.yaml" "$T/missing.soem.yaml" "$T/mentor.soem.yaml" $KB --lang en
expect_in "$OUT" "dir.soem.yaml:"
expect_in "$OUT" "missing.soem.yaml:"
expect_exit 66 "$SOEM_BIN" compare "$T/dir.soem.yaml" "$HF" $KB
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	mkdir -p "$T/room"
	cp "$HF" "$T/room/anna.soem.yaml"
	cp "$T/mentor.soem.yaml" "$T/room/bo.soem.yaml"
	cp "$HF" "$T/room/carl.soem.yaml"
	chmod 644 "$T/room/anna.soem.yaml" "$T/room/bo.soem.yaml"
	chmod 000 "$T/room/carl.soem.yaml"
	chmod 755 "$T" "$T/room"
	expect_exit 0 setpriv --reuid=65534 --regid=65534 --clear-groups \
		env HOME=/nonexistent "$SOEM_BIN" compare "$T"/room/*.soem.yaml $KB --lang en
	expect_in "$OUT" "carl.soem.yaml: "
	expect_in "$ERR" "carl.soem.yaml: left out:"
	expect_in "$OUT" "2  $T/room/bo.soem.yaml"
fi

# usage
expect_exit 2 "$SOEM_BIN" compare $KB
expect_exit 2 "$SOEM_BIN" compare "$HF" $KB
expect_exit 2 "$SOEM_BIN" compare "$HF" "$T/copy.soem.yaml" --format pdf $KB

# 50 files of a training room: text in pages, csv holds all
mkdir -p "$T/fifty"
i=1
while [ $i -le 50 ]; do
	sed "s/participants: 30}/participants: $((20 + i))}/" "$HF" >"$T/fifty/t$i.soem.yaml"
	i=$((i + 1))
done
expect_exit 0 "$SOEM_BIN" compare "$T"/fifty/*.soem.yaml $KB --lang en
expect_in "$OUT" "Files 1 to "
expect_in "$OUT" "of 50"
CHECKS=$((CHECKS + 1))
awk 'length($0) > 80 && !/^ *[0-9]+  \// { bad = 1 } END { exit bad }' "$OUT" || fail "a text line is wider than 80 columns"
expect_exit 0 "$SOEM_BIN" compare "$T"/fifty/*.soem.yaml $KB --lang en --format csv
CHECKS=$((CHECKS + 1))
[ "$(head -1 "$OUT" | tr ',' '\n' | wc -l)" = $((2 + 3 * 50)) ] || fail "the CSV does not hold 50 files"

# Danish: separator, decimal comma and the translation
expect_exit 0 "$SOEM_BIN" compare "$HF" "$T/mentor.soem.yaml" $KB --lang da --format csv
expect_in "$OUT" ";"
finish
