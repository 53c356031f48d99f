#!/bin/sh
# Issue 15: the reports of a calculation with groups (SPEC §2.9) show each
# group's own inputs, name the group of each consequence row, list a
# service used by two groups once among the illustrative values, and
# count a row copied from the database as illustrative by its own group's
# target group.  A small profile of its own (tg), written here:
#
#   services a, b, c: 100 kr. a unit for kommune; only c's price is
#   marked illustrative.  Target group g1, measure m: a row for a marked
#   illustrative; g2, measure m: a row for a not marked.  No discounting.
#
#   Unge (g1): success_rate 0.5, 10 start in year 1, course 1 year: 5
#     successes, consequence year 1 = t1.  a (from the database) -1, b
#     (own) -1, c (own) -1: effects 500 each for kommune.  Illustrative:
#     a (its estimate, g1's row) and c (its price): 1 000 of 1 500.
#   Voksne (g2): p1 0.4, p0 0.2 (s = 0.2), 25 start in year 1, course 2
#     years, completion 0.8: 5 successes, consequence year 1 = t2 (in the
#     horizon of 2).  a (from the database) -3: 1 500, not illustrative
#     (g2's row is not marked); c (own) -1: 500, illustrative (price).
#     Illustrative: 500 of 2 000.
#
#   Each group as its own calculation (unge.soem.yaml, voksne.soem.yaml):
#   shares 1 000 / 1 500 = 2/3 and 500 / 2 000 = 1/4.  The grouped one
#   counts the same rows: (2/3 * 1 500 + 1/4 * 2 000) / 3 500
#   = 1 500 / 3 500 = 3/7.  (Looking a up in no target group, as the
#   top-level keys of a grouped file give, counts only c: 1 000 / 3 500;
#   looking it up in the first group's g1 for both: 3 000 / 3 500.)
. "$SOEM_SRCDIR/tests/lib.sh"
YC="python3 $SOEM_SRCDIR/tests/cli/yamlcheck.py"
K="$T/kb"
mkdir -p "$K"
cat >"$K/tg.yaml" <<'EOF'
soem_kb: 2
profile: {id: tg, name: Test groups, version: "1", currency: DKK, price_year: 2024, language: da,
          target_group_areas: [{id: adults, name: Voksne}]}
payers: [{id: kommune, name: Kommune}, {id: stat, name: Stat}]
discount: {first_year: undiscounted, steps: []}
price_index: {years: {2024: 100.0}}
areas: [{id: social, name: Socialområdet}]
services:
  - {id: a, name: Tjeneste A, unit: timer, area: social, kind: expense, prices: {kommune: 100.0}}
  - {id: b, name: Tjeneste B, unit: timer, area: social, kind: expense, prices: {kommune: 100.0}}
  - {id: c, name: Tjeneste C, unit: timer, area: social, kind: expense, prices: {kommune: 100.0},
     illustrative: true}
target_groups:
  - id: g1
    name: Første målgruppe
    area: adults
    success_measures:
      - id: m
        name: Mål et
        consequences:
          - {service: a, years: [-1], illustrative: true}
  - id: g2
    name: Anden målgruppe
    area: adults
    success_measures:
      - id: m
        name: Mål to
        consequences:
          - {service: a, years: [-3]}
EOF
cat >"$T/groups.soem.yaml" <<'EOF'
soem_calc: 2
kb: {profile: tg, version: "1"}
intervention: {name: To grupper}
horizon: 2
groups:
  - name: Unge
    target_group: {kb: g1}
    effect: {measure: {kb: m}, success_rate: 0.5}
    intake: [{year: 1, participants: 10}]
    course_years: 1
    match: {target_group: partly, effect_measure: "yes", note: Kun de unge}
    consequences:
      - {service: a, years: [-1], from_kb: true}
      - {service: b, years: [-1]}
      - {service: c, years: [-1]}
  - name: Voksne
    target_group: {kb: g2}
    effect: {measure: {kb: m}, p1: 0.4, p0: 0.2}
    intake: [{year: 1, participants: 25}]
    course_years: 2
    completion: 0.8
    consequences:
      - {service: a, years: [-3], from_kb: true}
      - {service: c, years: [-1]}
costs:
  - {name: Drift, payer: kommune, basis: once, years: [1], amount: 1000}
EOF
cat >"$T/unge.soem.yaml" <<'EOF'
soem_calc: 2
kb: {profile: tg, version: "1"}
horizon: 2
target_group: {kb: g1}
effect: {measure: {kb: m}, success_rate: 0.5}
intake: [{year: 1, participants: 10}]
course_years: 1
consequences:
  - {service: a, years: [-1], from_kb: true}
  - {service: b, years: [-1]}
  - {service: c, years: [-1]}
EOF
cat >"$T/voksne.soem.yaml" <<'EOF'
soem_calc: 2
kb: {profile: tg, version: "1"}
horizon: 2
target_group: {kb: g2}
effect: {measure: {kb: m}, p1: 0.4, p0: 0.2}
intake: [{year: 1, participants: 25}]
course_years: 2
completion: 0.8
consequences:
  - {service: a, years: [-3], from_kb: true}
  - {service: c, years: [-1]}
EOF

calc() {
	expect_exit 0 "$SOEM_BIN" calc --lang en --kb "$K" "$@"
}

# sect FILE START STOP: the lines of FILE from the first containing START
# up to (not including) the next containing STOP, into $T/sect
sect() {
	awk -v a="$2" -v b="$3" '
		on && index($0, b) { exit }
		index($0, a) { on = 1 }
		on { print }' "$1" >"$T/sect"
}

# The illustrative share (YAML, exact): each group alone, then grouped.
calc --format yaml "$T/unge.soem.yaml"
CHECKS=$((CHECKS + 1))
$YC "$OUT" "close(d['illustrative_share'], 2/3, 1e-9)" \
	"close(d['totals']['pv_effects']['total'], 1500, 1e-9)" ||
	fail "unge.soem.yaml: see above"
calc --format yaml "$T/voksne.soem.yaml"
CHECKS=$((CHECKS + 1))
$YC "$OUT" "close(d['illustrative_share'], 1/4, 1e-9)" \
	"close(d['totals']['pv_effects']['total'], 2000, 1e-9)" ||
	fail "voksne.soem.yaml: see above"
calc --format yaml "$T/groups.soem.yaml"
CHECKS=$((CHECKS + 1))
$YC "$OUT" "close(d['illustrative_share'], 3/7, 1e-9)" \
	"close(d['illustrative_share'], (2/3 * 1500 + 1/4 * 2000) / 3500, 1e-9)" \
	"close(d['totals']['pv_effects']['total'], 3500, 1e-9)" ||
	fail "groups.soem.yaml: see above"
# the same share, as the reports round it (42.857... %)
for f in text markdown html; do
	calc --format "$f" "$T/groups.soem.yaml"
	expect_in "$OUT" "42.9 % of the present value of effects rests on illustrative"
done
calc --format csv "$T/groups.soem.yaml"
expect_in "$OUT" "resting on illustrative figures, per cent\",,,42.9"

# Each format's inputs: both groups, each with its own values.
unge_inputs() {
	expect_in "$T/sect" "Target group${1}Første målgruppe"
	expect_in "$T/sect" "Effect measure${1}Mål et"
	expect_in "$T/sect" "Success rate${1}50.0 %"
	expect_in "$T/sect" "Participants who start, per year${1}year 1: 10"
	expect_in "$T/sect" "Course length (years)${1}1"
	expect_in "$T/sect" "Share of starters who complete${1}100.0 %"
	expect_not_in "$T/sect" "p0"
	expect_not_in "$T/sect" "Voksne"
}
voksne_inputs() {
	expect_in "$T/sect" "Target group${1}Anden målgruppe"
	expect_in "$T/sect" "Effect measure${1}Mål to"
	expect_in "$T/sect" "Success rate${1}20.0 %"
	expect_in "$T/sect" "Success with the intervention (p1)${1}40.0 %, without (p0): 20.0 %"
	expect_in "$T/sect" "Participants who start, per year${1}year 1: 25"
	expect_in "$T/sect" "Course length (years)${1}2"
	expect_in "$T/sect" "Share of starters who complete${1}80.0 %"
	expect_not_in "$T/sect" "Unge"
}

calc --format text "$T/groups.soem.yaml"
cp "$OUT" "$T/out.txt"
sect "$T/out.txt" "Inputs of the group Unge" "Inputs of the group Voksne"
expect_in "$T/sect" "Inputs of the group Unge"
unge_inputs ": "
sect "$T/out.txt" "Inputs of the group Voksne" "Effects by service"
expect_in "$T/sect" "Inputs of the group Voksne"
voksne_inputs ": "

calc --format markdown "$T/groups.soem.yaml"
cp "$OUT" "$T/out.md"
# the shared inputs say nothing of one group's course or target group
sect "$T/out.md" "## Inputs" "## Inputs of the group Unge"
expect_in "$T/sect" "- Participants: 35"
expect_not_in "$T/sect" "Course length"
expect_not_in "$T/sect" "Target group"
expect_not_in "$T/out.md" "(not chosen)"
sect "$T/out.md" "## Inputs of the group Unge" "## Inputs of the group Voksne"
expect_in "$T/sect" "## Inputs of the group Unge"
unge_inputs ": "
sect "$T/out.md" "## Inputs of the group Voksne" "## Match"
expect_in "$T/sect" "## Inputs of the group Voksne"
voksne_inputs ": "
# each group's match with the database
expect_in "$T/out.md" "- Unge: target group partly, effect measure yes; Kun de unge"
expect_in "$T/out.md" "- Voksne: not assessed"
# the consequences name their group
expect_in "$T/out.md" "| Group | Service | Unit |"
expect_in "$T/out.md" "| Unge | Tjeneste A | timer |"
expect_in "$T/out.md" "| Voksne | Tjeneste A | timer |"
expect_in "$T/out.md" "| Voksne | Tjeneste C | timer |"
# the illustrative values: c (both groups) once, a for its estimate once
sect "$T/out.md" "## Illustrative values" "## Assumptions"
CHECKS=$((CHECKS + 1))
n=$(grep -c "^- Tjeneste C: the database's price$" "$T/sect")
[ "$n" = 1 ] || fail "markdown: Tjeneste C listed $n times among the illustrative values"
CHECKS=$((CHECKS + 1))
n=$(grep -c "^- Tjeneste A: the database's consequence estimates$" "$T/sect")
[ "$n" = 1 ] || fail "markdown: Tjeneste A listed $n times among the illustrative values"

calc --format html "$T/groups.soem.yaml"
cp "$OUT" "$T/out.html"
expect_not_in "$T/out.html" "(not chosen)"
L=':</span> '
sect "$T/out.html" "<h2>Inputs of the group Unge" "</section>"
expect_in "$T/sect" "<h2>Inputs of the group Unge</h2>"
unge_inputs "$L"
sect "$T/out.html" "<h2>Inputs of the group Voksne" "</section>"
expect_in "$T/sect" "<h2>Inputs of the group Voksne</h2>"
voksne_inputs "$L"
expect_in "$T/out.html" "<th scope=\"col\">Group</th>"
CHECKS=$((CHECKS + 1))
n=$(grep -c "Tjeneste C:</span> the database&#39;s price</li>" "$T/out.html")
[ "$n" = 1 ] || fail "html: Tjeneste C listed $n times among the illustrative values"

# In Danish too (the real catalogue)
expect_exit 0 "$SOEM_BIN" calc --lang da --kb "$K" --format markdown "$T/groups.soem.yaml"
expect_in "$OUT" "## Inddata for gruppen Unge"
expect_not_in "$OUT" "Inputs of the group"

finish
