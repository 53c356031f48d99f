#!/bin/sh
# Values just outside their bounds are refused (exit 65, naming the key):
# the boundaries that the mutation run (make mutants) found untested --
# a persistence share above 1, a range whose value lies outside its own
# low..high, and a database price just below 0.
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
D="$SOEM_TEST_DATA/effect"
TU="$SOEM_TEST_DATA/uncertainty/kb"
KB="--kb $TU"

# A share of the effect still present is at most 1 (SPEC 2.2): 1.5 is not.
sed 's/persistence: {years: \[1, 0.5\]}/persistence: {years: [1, 1.5]}/' \
	"$D/persistence.soem.yaml" >"$T/rho.soem.yaml"
expect_exit 65 "$SOEM_BIN" calc "$T/rho.soem.yaml" $KB
expect_in "$ERR" "effect.persistence.years[1]"
expect_in "$ERR" "1.5 is not a share between 0 and 1"
# ... and exactly 1 is.
sed 's/persistence: {years: \[1, 0.5\]}/persistence: {years: [1, 1]}/' \
	"$D/persistence.soem.yaml" >"$T/rho1.soem.yaml"
expect_exit 0 "$SOEM_BIN" calc "$T/rho1.soem.yaml" $KB

# A range's value lies within its own low and high (SPEC 2.7): here low
# and high are in order, but the value is above high.
sed 's/success_rate: 0.1$/success_rate: {value: 0.5, low: 0.1, high: 0.3}/' \
	"$D/persistence.soem.yaml" >"$T/range.soem.yaml"
grep -q 'value: 0.5, low: 0.1, high: 0.3' "$T/range.soem.yaml" ||
	fail "the test file was not made"
expect_exit 65 "$SOEM_BIN" calc "$T/range.soem.yaml" $KB
expect_in "$ERR" "effect.success_rate"
expect_in "$ERR" "low must not be above value and high not below it"
# and below low
sed 's/success_rate: 0.1$/success_rate: {value: 0.05, low: 0.1, high: 0.3}/' \
	"$D/persistence.soem.yaml" >"$T/range2.soem.yaml"
expect_exit 65 "$SOEM_BIN" calc "$T/range2.soem.yaml" $KB
expect_in "$ERR" "low must not be above value and high not below it"

# A database price is not below 0, not even by a cent (a service that
# brings money in is kind: revenue).
mkdir -p "$T/kb"
sed 's/prices: {kommune: 2000.0, stat: 1000.0}/prices: {kommune: -0.01, stat: 1000.0}/' \
	"$TU/tu.yaml" >"$T/kb/tu.yaml"
grep -q 'kommune: -0.01' "$T/kb/tu.yaml" || fail "the test database was not made"
expect_exit 65 "$SOEM_BIN" kb validate "$T/kb/tu.yaml"
expect_in "$ERR" "a price must not be below 0"
finish
