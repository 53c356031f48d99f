#!/bin/sh
# The Consequences step (SPEC §5.5): bold on the name and the * marker of
# each supported row and on no unsupported row; each bulk action changes
# exactly the rows it should; the filter hides the rows without
# estimates; an own service reaches the Prices step; with horizon 25, year
# 25 is reached by scrolling, edited, saved and found in the file; a row
# not in use shows no default scale; with an own target group the bulk
# actions say there are no estimates.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

# a test database: the shipped profile marks no row supported (issue 16)
kb_with_supported
KB="$SOEM_KB_DIR/dk.yaml"
python3 "$SCREENPY" kbrows "$KB" hjemloese ophold_herberg >"$T/kb.rows"
# the four marked consequences must be there and supported
for id in kontanthjaelp foertidspension uddannelseshjaelp oevrige_overfoersler; do
	check "grep -q '^$id|1|' '$T/kb.rows'" "$id is not a supported consequence of hjemloese/ophold_herberg in $KB"
done
name_of() { grep "^$1|" "$T/kb.rows" | cut -d'|' -f3 | cut -c1-15; }
ids_with() { grep "^[^|]*|$1|" "$T/kb.rows" | cut -d'|' -f1 | sort; }

cat >"$WORK/cons.soem.yaml" <<'EOF'
soem_calc: 1
kb: {profile: dk}
intervention: {name: Consequences test}
horizon: 10
intake: [{year: 1, participants: 20}]
target_group: {kb: hjemloese}
effect: {measure: {kb: ophold_herberg}, p1: 0.3, p0: 0.1}
costs: [{name: Team, payer: kommune, basis: once, years: [1], amount: 100000}]
EOF

soem_start -- --step intervention cons.soem.yaml
wait_for "Step 1 of 7: Intervention"
# the horizon: 25 years
keys Down Down Down Down Down Down Down
type "25"
keys Enter
wait_for "Horizon in years               25"
keys C-g
wait_for "Go to step"
keys 5
wait_for "Step 5 of 7: Consequences"
wait_for "Use Service"

# --- bold: every supported row's marker and name, no unsupported row ---
settle
screen_e >"$T/cons1.e"
for id in kontanthjaelp foertidspension uddannelseshjaelp oevrige_overfoersler; do
	n=$(name_of $id)
	got=$(python3 "$SCREENPY" attrs "$T/cons1.e" "* $n")
	want=$(printf '%s' "* $n" | python3 -c 'import sys; print("B" * len(sys.stdin.read()))')
	check '[ "$got" = "$want" ]' "supported row $id: bold map '$got', expected '$want' for '* $n'"
done
# unsupported rows with estimates (only those are shown after f) and rows
# without estimates: no bold at all
for id in sygedagpenge a_dagpenge; do
	n=$(name_of $id)
	[ -n "$n" ] || continue
	got=$(python3 "$SCREENPY" rowbold "$T/cons1.e" "$n")
	check '[ "$got" = no ]' "row without estimates $id ($n): bold: $got"
done
keys f
wait_for "[only services with estimates]"
seen=""
for page in 1 2 3 4; do
	settle
	screen_e >"$T/f$page.e"
	keys NPage
done
for id in $(ids_with 0); do
	n=$(name_of $id)
	f=$(grep -lF "$n" "$T"/f*.e | head -n1)
	check '[ -n "$f" ]' "unsupported row $id ($n) is not shown with the filter on"
	[ -n "$f" ] || continue
	got=$(python3 "$SCREENPY" rowbold "$f" "$n")
	check '[ "$got" = no ]' "unsupported row $id ($n) has bold cells"
	got=$(python3 "$SCREENPY" attrs "$f" "* $n" 2>/dev/null)
	check '[ "$got" = "not found: '"'* $n'"'" ] || [ -z "${got##not found*}" ]' "unsupported row $id ($n) has the * marker"
done

# --- the filter hides every row without estimates ---
for id in $(ids_with -); do
	n=$(name_of $id)
	check '! grep -qF "$n" "$T"/f*.e' "with the filter on, $id ($n) without estimates is shown"
done
keys f
wait_for "All services are shown."
keys Home Home
wait_for "$(name_of sygedagpenge)"

# --- bulk: add the supported estimates ---
keys s
wait_for "Added the estimates of"
keys C-s
wait_for "Saved to cons.soem.yaml."
python3 "$SCREENPY" calcrows "$WORK/cons.soem.yaml" | grep -v '^price' >"$T/calc.rows"
cut -d'|' -f1 "$T/calc.rows" | sort >"$T/got"
ids_with 1 >"$T/want"
check 'cmp -s "$T/got" "$T/want"' "after s the rows in use are $(tr '\n' ' ' <"$T/got"), expected $(tr '\n' ' ' <"$T/want")"
# with the database's values
for id in $(cat "$T/want"); do
	kbv=$(grep "^$id|" "$T/kb.rows" | cut -d'|' -f4)
	cv=$(grep "^$id|" "$T/calc.rows" | cut -d'|' -f3)
	check '[ "$kbv" = "$cv" ]' "$id: values $cv, the database has $kbv"
done
settle
screen >"$T/after_s"
n=$(name_of kontanthjaelp)
check 'grep -F "$n" "$T/after_s" | grep -qF "[x]"' "after s, $n is not ticked"
n=$(name_of sygedagpenge)
check 'grep -F "$n" "$T/after_s" | grep -qF "[ ]"' "after s, $n is ticked"

# --- bulk: add the estimates for all ---
keys e
wait_for "Added the estimates of"
keys C-s
wait_for "Saved to cons.soem.yaml."
python3 "$SCREENPY" calcrows "$WORK/cons.soem.yaml" | grep -v '^price' | cut -d'|' -f1 | sort >"$T/got"
{ ids_with 1; ids_with 0; } | sort >"$T/want"
check 'cmp -s "$T/got" "$T/want"' "after e the rows in use are $(tr '\n' ' ' <"$T/got"), expected $(tr '\n' ' ' <"$T/want")"
keys e
wait_for "Nothing to add"

# --- year 25: scroll to it, edit it, save, find it in the file ---
keys Home Home
settle
screen >"$T/top"
n=$(name_of kontanthjaelp)
check 'grep -F "$n" "$T/top" | grep -q "^▸"' "the cursor is not on $n after Home Home"
keys End Left Left Left Left           # past High, Low, Scale, In course
wait_for "Cons.yr 25"
type "7.5"
keys Enter
wait_for "7.50"
keys C-s
wait_for "Saved to cons.soem.yaml."
python3 "$SCREENPY" calcrows "$WORK/cons.soem.yaml" >"$T/calc.rows"
yrs=$(grep '^kontanthjaelp|' "$T/calc.rows" | cut -d'|' -f3)
count=$(echo "$yrs" | wc -w)
last=$(echo "$yrs" | awk '{print $NF}')
check '[ "$count" = 25 ] && [ "$last" = 7.5 ]' "kontanthjaelp's years in the file: $yrs (expected 25 values ending in 7.5)"

# --- the scale: 1.00 on a row in use, nothing on a row not in use (issue
# 18: a column of default scales was rewritten at every sideways scroll) ---
keys r
wait_for "Scale"
settle
screen >"$T/scale"
check 'grep -F "[ ]" "$T/scale" | grep -q .' "no row not in use is on the screen to look at"
check 'grep -F "[x]" "$T/scale" | grep -q "1\.00"' "no row in use shows its scale 1.00: $(grep -F '[x]' "$T/scale" | head -1)"
check '! grep -F "[ ]" "$T/scale" | grep -q "1\.00"' "a row not in use shows a default scale: $(grep -F '[ ]' "$T/scale" | head -1)"

# --- an own service reaches the Prices step ---
keys n
wait_for "Name of the service"
type "Mentor hours test"
keys Enter
wait_for "Unit the change"
type "hours"
keys Enter
wait_for "Which consequence area?"
keys Enter
wait_for "Expense or revenue?"
keys Enter
wait_for "Added. Enter its change per year"
type "10"
keys Enter
keys C-n
wait_for "Step 6 of 7: Prices"
wait_for "Mentor hours test"
wait_for "your own service 'Mentor hours test' has no price yet"
keys End End Home
type "450"
keys Enter
wait_for "Nothing is missing on this step."
keys C-s
wait_for "Saved to cons.soem.yaml."
python3 "$SCREENPY" calcrows "$WORK/cons.soem.yaml" >"$T/calc.rows"
check 'grep -q "^price|mentor_hours_test|kommune|450.0$" "$T/calc.rows"' "the own service's price is not in the file: $(grep price "$T/calc.rows")"
check 'grep -q "^mentor_hours_test|1|10.0$" "$T/calc.rows"' "the own service is not in the file"
"$SOEM_BIN" calc "$WORK/cons.soem.yaml" --kb "$SOEM_KB_DIR" >/dev/null 2>"$T/err"
check '[ $? = 0 ]' "soem calc does not take the saved file: $(cat "$T/err")"

# --- an own target group: the bulk actions say there are no estimates ---
keys C-g
wait_for "Go to step"
keys 2
wait_for "Step 2 of 7: Target group"
keys Home Enter
wait_for "Name your target group"
type "Our own group"
keys Enter
wait_for "Own target group: Our own group"
keys C-g
wait_for "Go to step"
keys 5
wait_for "Step 5 of 7: Consequences"
keys s
wait_for "no database estimates for your own target group"
keys e
wait_for "no database estimates for your own target group"

# quitting with unsaved changes asks
keys C-q
wait_for "Save the changes before quitting?"
keys n
wait_for "__EXIT=0"
finish
