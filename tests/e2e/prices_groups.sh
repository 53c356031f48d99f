#!/bin/sh
# The Prices step of a calculation with two groups (SPEC 2.9): a service
# that only the second group uses is a row of the step, its price type
# says "net of tax" (the database's tax shares), and t and s on that row
# open the tax shares and the price schedule of that service: the popups
# find the row among every group's consequences, not the calculation's
# top-level list (empty when the groups hold the consequences).
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

SOEM_KB_DIR="$SOEM_TEST_DATA/cases/kb"
cat >"$WORK/g.soem.yaml" <<'EOF'
soem_calc: 2
kb: {profile: tc, version: "1"}
intervention: {name: To grupper, start_year: 2026}
horizon: 3
groups:
  - name: Unge
    course_years: 1
    intake: [{year: 1, participants: 10}]
    effect: {success_rate: 0.5}
    consequences:
      - {service: herberg, years: [-10, -5]}
  - name: Voksne
    course_years: 1
    intake: [{year: 1, participants: 20}]
    effect: {p1: 0.3, p0: 0.1}
    consequences:
      - {service: herberg, years: [-4]}
      - {service: kontanthjaelp, years: [-1]}
costs:
  - {name: Drift, payer: kommune, basis: yearly, amount: 5000}
EOF

soem_start -- --step prices g.soem.yaml
wait_for "Step 6 of 7: Prices"
# herberg once (both groups), then Voksne's kontanthjaelp
wait_for "Kontanthjælp"
check 'screen_has_re "Kontanthjælp.*net of tax"' "the second group's taxed transfer is not marked net of tax"
check '! screen_has_re "Herberg.*net of tax"' "an untaxed service is marked net of tax"
# t on the second group's row: its tax shares (the database's)
keys Down t
wait_for "Tax shares ("
# Kontanthjælp's shares in tc.yaml (Herberg has none)
wait_for "Kommune: 25.0 %"
check 'screen_has "Stat: 12.0 %"' "the tax shares are not those of Kontanthjælp"
keys Escape
wait_gone "Tax shares ("
# s on it: its price schedule
keys s
wait_for "Price from year"
check 'screen_has "Price from year (2024 prices): Kontanthjælp, Kommune"' \
	"the schedule is not that of Kontanthjælp"
keys Escape
wait_gone "Price from year"
keys C-x
wait_for "__EXIT=0"
finish
