#!/bin/sh
# The break-even success rate outside [0, 1 - p0] (issue 14 point 8): the
# text, markdown and html reports give only the sentence, never a number
# such as "474.1 %" beside "cannot break even"; the YAML keeps the number.
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
TKB="--kb $SOEM_TEST_DATA/kb-steps"

cat >"$T/never.soem.yaml" <<'YAML'
soem_calc: 1
kb: {profile: tst}
intervention: {name: Never, start_year: 2026}
horizon: 5
intake: [{year: 1, participants: 10}]
target_group: {kb: gruppe_med}
effect: {measure: {kb: maal_med}, p1: 0.3, p0: 0.1}
costs: [{name: Team, payer: kommune, basis: once, years: [1], amount: 5000000}]
consequences:
  - {service: ydelse_a, years: [-3, -2]}
YAML
# savings during the course pay the costs even at s = 0: s* < 0
sed -e 's/Never/Always/' -e 's/amount: 5000000/amount: 10/' \
	-e 's/years: \[-3, -2\]}/years: [-3, -2], during: -5}/' \
	"$T/never.soem.yaml" >"$T/always.soem.yaml"

for fmt in text markdown html; do
	expect_exit 0 "$SOEM_BIN" calc "$T/never.soem.yaml" $TKB --lang en --format $fmt
	expect_in "$OUT" "cannot break even at any possible success rate"
	# the sentence only: no 3379.0 % (s* = 33.79)
	expect_not_in "$OUT" "3379"
	expect_not_in "$OUT" "3,379"
	expect_exit 0 "$SOEM_BIN" calc "$T/always.soem.yaml" $TKB --lang en --format $fmt
	expect_in "$OUT" "positive even at a success rate of 0"
	expect_not_in "$OUT" "-101"
	expect_not_in "$OUT" "cannot break even"
done
expect_exit 0 "$SOEM_BIN" calc "$T/never.soem.yaml" $TKB --format yaml
expect_in "$OUT" "break_even_success_rate: 33.79"
expect_exit 0 "$SOEM_BIN" calc "$T/always.soem.yaml" $TKB --format yaml
expect_in "$OUT" "break_even_success_rate: -1.01"
finish
