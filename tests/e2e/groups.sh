#!/bin/sh
# Groups in the wizard (SPEC 2.9, issue 15 point 4): the group bar on the
# Intervention, Target group, Effect and Consequences steps.  A file
# without groups shows its one group as "Group 1"; Up from a step's first
# row reaches the bar, Enter on it adds a group (the top-level keys move
# into the first group), renames and deletes; Left/Right switch groups and
# each step then shows that group's intake, course, target group, effect,
# completion and consequences; the Consequences step's bold marks and
# bulk actions follow the current group.  The saved file has both groups
# with their own values, and `soem calc` reports by_group for both.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

# a test database: the shipped profile marks no row supported (issue 16);
# this one marks four rows of hjemloese/ophold_herberg
kb_with_supported
KB="$SOEM_KB_DIR/dk.yaml"
python3 "$SCREENPY" kbrows "$KB" hjemloese ophold_herberg >"$T/kb.rows"
SUPPORTED=$(grep '^[^|]*|1|' "$T/kb.rows" | cut -d'|' -f1 | sort | tr '\n' ' ')
check '[ "$SUPPORTED" = "foertidspension kontanthjaelp oevrige_overfoersler uddannelseshjaelp " ]' \
	"the test database's supported rows: $SUPPORTED"
KH=$(grep '^kontanthjaelp|' "$T/kb.rows" | cut -d'|' -f3 | cut -c1-15)

F="$WORK/grp.soem.yaml"
cat >"$F" <<'YEOF'
soem_calc: 1
kb: {profile: dk}
intervention: {name: Groups test, start_year: 2026}
horizon: 10
intake: [{year: 1, participants: 20}]
target_group: {kb: hjemloese}
effect: {measure: {kb: ophold_herberg}, p1: 0.3, p0: 0.1}
costs: [{name: Team, payer: kommune, basis: once, years: [1], amount: 100000}]
YEOF

soem_start -- --step intervention grp.soem.yaml
# six rows taller than 80x24: the Intervention step's intake rows then
# stand below its fields on the screen while the focus is on the group
# bar (at 80x24 the form scrolls to them; that is not what this tests)
resize 80 30
wait_for "Step 1 of 7: Intervention"
# one implicit group; the focus starts on the form, Up reaches the bar
wait_for "Group: [Group 1]"
keys Up
wait_for "Group bar: this step shows group Group 1 (1 of 1)"
# Enter on the bar: add a group
keys Enter
wait_for "Add a group"
keys Enter
wait_for "Name of the new group"
keys C-u
type "Unge"
keys Enter
wait_for "Group:  Group 1  [Unge]"
# the new group has its own intake (one year, 0 participants)
check 'screen_has_re "Year 1 \(2026\) +0 "' "the new group does not show its own empty intake"
# rename the first group
keys Left
wait_for "Group: [Group 1]  Unge"
check 'screen_has_re "Year 1 \(2026\) +20 "' "the first group does not show the file's intake"
keys Enter
wait_for "Rename this group"
keys Down Enter
wait_for "New name of the group"
keys C-u
type "Voksne"
keys Enter
wait_for "Group: [Voksne]  Unge"

# the second group: course 2 years, 12 participants
keys Right
wait_for "Group:  Voksne  [Unge]"
keys Down
wait_gone "Group bar: this step shows"
down_to "Years in it; consequences count from its end"
type "2"
keys Enter
wait_for "Course length in years         2"
type "12"
keys Enter
check 'screen_has_re "Year 1 \(2026\) +12 "' "Unge's intake was not typed in"
# back on the bar: switching shows each group's own intake and course
keys Up Up Up Up Up Up Up Up Up Up Up Up
wait_for "Group bar: this step shows group Unge (2 of 2)"
keys Left
wait_for "Group: [Voksne]  Unge"
check 'screen_has "Course length in years         1"' "Voksne's course is not 1 year"
check 'screen_has_re "Year 1 \(2026\) +20 "' "Voksne's intake is not 20"
keys Right
wait_for "Group:  Voksne  [Unge]"
check 'screen_has "Course length in years         2"' "Unge's course is not 2 years"
check 'screen_has_re "Year 1 \(2026\) +12 "' "Unge's intake is not 12"

# Target group: Unge gets the group of people with severe mental illness
keys C-f
wait_for "Step 2 of 7: Target group"
wait_for "Group:  Voksne  [Unge]"
type "mental"
wait_for "Citizens with severe mental illness"
keys Enter
wait_for "(•) Citizens with severe mental illness"
check '! screen_has "(•) Citizens in homelessness" 1' "Unge still shows the homelessness group chosen"
keys Up Up Up
wait_for "Group bar: this step shows group Unge"
keys Left
wait_for "Group: [Voksne]  Unge"
keys Escape
wait_for "(•) Citizens in homelessness"
check '! screen_has "(•) Citizens with severe mental illness" 1' "Voksne shows Unge's target group"

# Effect: Unge gets its own measure, p1 40 %, p0 10 %, completion 83 %
keys C-f
wait_for "Step 3 of 7: Effect measure"
wait_for "Group: [Voksne]  Unge"
check 'screen_has "p1: share with the intervention    30.0 %"' "Voksne's p1 is not 30 %"
keys Up
wait_for "Group bar: this step shows group Voksne"
keys Right
wait_for "Group:  Voksne  [Unge]"
keys Down
wait_for "Citizens with severe mental illness"
keys Enter
wait_for "Effect measure"
keys Enter
keys Down Down
type "40 %"
keys Enter
type "10 %"
keys Enter
wait_for "s = p1 - p0: the effect used       30.0 %"
# Enter went on past s (computed) to the source; the completion is the
# last field (after the source, evidence level, note and persistence)
keys Down Down Down Down
type "83 %"
keys Enter
wait_for "Completion: share who complete     83.0 %"
keys Up Up Up Up Up Up Up Up Up Up Up Up Up
wait_for "Group bar: this step shows group Unge"
keys Left
wait_for "Group: [Voksne]  Unge"
check 'screen_has "p1: share with the intervention    30.0 %"' "Voksne's p1 is not 30 % after switching"
check 'screen_has "Completion: share who complete     (empty"' "Voksne shows Unge's completion"
keys Right
wait_for "Group:  Voksne  [Unge]"
check 'screen_has "p1: share with the intervention    40.0 %"' "Unge's p1 is not 40 % after switching"
check 'screen_has "Completion: share who complete     83.0 %"' "Unge's completion is not 83 %"

# Consequences: Voksne's supported rows are bold, Unge's are not; the
# bulk actions add to the current group only
keys C-f C-f
wait_for "Step 5 of 7: Consequences"
wait_for "Group:  Voksne  [Unge]"
wait_for "Use Service"
check 'screen_has_re " 0 of [0-9]+ estimates supported"' "Unge's heading does not say 0 supported estimates"
keys s
wait_for "no consequences marked as supported"
keys e
wait_for "Added the estimates of"
keys Home Up Up Up Up Up Up Up Up Up Up Up Up
wait_for "Group bar: this step shows group Unge"
keys Left
wait_for "Group: [Voksne]  Unge"
wait_for "4 of"
settle
screen_e >"$T/voksne.e"
got=$(python3 "$SCREENPY" rowbold "$T/voksne.e" "$KH")
check '[ "$got" = yes ]' "Voksne: the supported row $KH is not bold ($got)"
keys s
wait_for "Added the estimates of 4 supported services"
keys Right
wait_for "Group:  Voksne  [Unge]"
settle
screen_e >"$T/unge.e"
got=$(python3 "$SCREENPY" rowbold "$T/unge.e" "$KH")
check '[ "$got" = no ]' "Unge: the row $KH is bold ($got), it is supported only for Voksne"
# the Prices step lists the services of every group, each once
keys C-f
wait_for "Step 6 of 7: Prices"
settle
n=$(screen | grep -c "$KH.* weeks ")
check '[ "$n" = 1 ]' "the Prices step shows $KH $n times (used by both groups: once)"
keys C-s
wait_for "Saved to grp.soem.yaml."

# the file: two groups, each with its own values
python3 - "$F" >"$T/check.out" 2>&1 <<'PYEOF'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
bad = []
def want(cond, msg):
    if not cond:
        bad.append(msg)
want(d.get('soem_calc') == 2, 'soem_calc is %r, not 2' % d.get('soem_calc'))
for k in ('target_group', 'effect', 'intake', 'consequences', 'completion'):
    want(k not in d, 'top-level %s beside groups' % k)
g = d.get('groups') or []
want([x.get('name') for x in g] == ['Voksne', 'Unge'], 'group names %r' % [x.get('name') for x in g])
if len(g) == 2:
    v, u = g
    want(v['target_group'] == {'kb': 'hjemloese'}, 'Voksne target %r' % v.get('target_group'))
    want(u['target_group'].get('kb') not in (None, 'hjemloese'), 'Unge target %r' % u.get('target_group'))
    want('completion' not in v, 'Voksne has completion %r' % v.get('completion'))
    want(abs(u.get('completion', 0) - 0.83) < 1e-12, 'Unge completion %r' % u.get('completion'))
    want(v['intake'] == [{'year': 1, 'participants': 20}], 'Voksne intake %r' % v['intake'])
    want(u['intake'] == [{'year': 1, 'participants': 12}], 'Unge intake %r' % u['intake'])
    want(v.get('course_years') == 1 and u.get('course_years') == 2, 'courses %r %r' % (v.get('course_years'), u.get('course_years')))
    want(abs(v['effect']['p1'] - 0.3) < 1e-12 and abs(u['effect']['p1'] - 0.4) < 1e-12, 'p1 %r %r' % (v['effect'].get('p1'), u['effect'].get('p1')))
    vs = sorted(c['service'] for c in v.get('consequences', []))
    want(vs == ['foertidspension', 'kontanthjaelp', 'oevrige_overfoersler', 'uddannelseshjaelp'], 'Voksne consequences %r' % vs)
    us = [c['service'] for c in u.get('consequences', [])]
    want(len(us) > 0, 'Unge has no consequences')
print('\n'.join(bad) if bad else 'ok')
PYEOF
check 'grep -qx ok "$T/check.out"' "the saved file: $(cat "$T/check.out")"
"$SOEM_BIN" calc "$F" --kb "$SOEM_KB_DIR" --format yaml >"$T/r.yaml" 2>"$T/r.err"
check '[ $? -eq 0 ]' "soem calc of the saved file: $(cat "$T/r.err")"
python3 - "$T/r.yaml" >"$T/r.out" 2>&1 <<'PYEOF'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
names = [g.get('name') for g in d.get('by_group') or []]
print('ok' if names == ['Voksne', 'Unge'] else 'by_group %r' % names)
PYEOF
check 'grep -qx ok "$T/r.out"' "soem calc: $(cat "$T/r.out")"
keys C-x
wait_for "__EXIT=0"

# opened again: the groups are there; delete one, then the last one stays
soem_start -- --step effect grp.soem.yaml
wait_for "Step 3 of 7: Effect measure"
wait_for "Group: [Voksne]  Unge"
keys Up Right
wait_for "Group:  Voksne  [Unge]"
check 'screen_has "Completion: share who complete     83.0 %"' "Unge's completion after opening the file again"
keys Enter
wait_for "Delete this group"
keys Down Down Enter
wait_for "Delete group Unge"
keys y
wait_for "Group: [Voksne]  (Left"
keys Enter
wait_for "Delete this group"
keys Down Down Enter
wait_for "The only group cannot be deleted"
keys C-s
wait_for "Saved to grp.soem.yaml."
python3 - "$F" >"$T/check2.out" 2>&1 <<'PYEOF'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
g = d.get('groups') or []
ok = d.get('soem_calc') == 2 and [x.get('name') for x in g] == ['Voksne'] \
    and g[0]['target_group'] == {'kb': 'hjemloese'}
print('ok' if ok else 'after delete: %r' % d)
PYEOF
check 'grep -qx ok "$T/check2.out"' "the file after deleting Unge: $(cat "$T/check2.out")"
keys C-x
wait_for "__EXIT=0"
finish
