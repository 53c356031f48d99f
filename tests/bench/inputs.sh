#!/bin/sh
# tests/bench/inputs.sh - the inputs `make bench` generates are what
# tests/bench/README says they are: gen.py writes a valid 5-payer profile
# and a calculation of 50 years x 5 payers x 200 services x 10 cohorts
# that soem computes, its Monte Carlo twin, and a valid knowledge database
# of at least 10 MB, and a profile and calculation of 100 000 services.  Nothing is timed here (`make bench` measures); this
# keeps the benchmark honest about what it measures.
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
if ! command -v python3 >/dev/null 2>&1; then
	echo "python3 is not installed"
	exit 77
fi
G="$T/gen"
GEN="$SOEM_SRCDIR/tests/bench/gen.py"

expect_exit 0 python3 "$GEN" engine "$G"
expect_exit 0 "$SOEM_BIN" kb validate "$G/kb/bench5.yaml"
expect_in "$OUT" "valid (profile bench5"
expect_in "$OUT" "200 services"

count() { # count PATTERN FILE WANT WHAT
	CHECKS=$((CHECKS + 1))
	n=$(grep -c -- "$1" "$2")
	[ "$n" = "$3" ] || fail "$n $4, expected $3"
}
count '^  - {year: [0-9]*, participants:' "$G/calc.soem.yaml" 10 cohorts
count '^  - {service: svc[0-9]*, years: ' "$G/calc.soem.yaml" 200 consequences
for f in calc calc-mc; do
	CHECKS=$((CHECKS + 1))
	bad=$(grep '^  - {service:' "$G/$f.soem.yaml" |
		awk -F'years: \\[' '{ split($2, a, "]"); if (split(a[1], y, ",") != 50) print }' |
		wc -l)
	[ "$bad" = 0 ] || fail "$f: $bad consequence rows without 50 years"
done

expect_exit 0 "$SOEM_BIN" --kb "$G/kb" calc "$G/calc.soem.yaml" --format yaml
expect_in "$OUT" "horizon: 50"
expect_in "$OUT" "payers: [kommune, region, stat, fk, af]"
count '^  discount_factor: ' "$OUT" 50 years  # one per entry of years: (at_years has none)
count '^- {service: svc' "$OUT" 200 "services in by_service"
expect_not_in "$OUT" "monte_carlo:"

expect_exit 0 "$SOEM_BIN" --kb "$G/kb" calc "$G/calc-mc.soem.yaml" --format yaml
expect_in "$OUT" "monte_carlo:"
expect_in "$OUT" "draws: 10000"

# 100 000 services (the list limit): a profile that loads, a calculation
# that names every one of them and computes, and its twin with one
# service listed twice, refused with the row of its first listing
expect_exit 0 python3 "$GEN" services "$G/svc"
expect_exit 0 "$SOEM_BIN" kb validate "$G/svc/kb/svc100000.yaml"
expect_in "$OUT" "100000 services"
count '^  - {service: ' "$G/svc/calc-svc.soem.yaml" 100000 consequences
expect_exit 0 "$SOEM_BIN" --kb "$G/svc/kb" calc "$G/svc/calc-svc.soem.yaml" --format yaml
expect_in "$OUT" "service: own"
expect_in "$OUT" "service: s099998"
expect_in "$OUT" "monte_carlo:"
expect_exit 65 "$SOEM_BIN" --kb "$G/svc/kb" calc "$G/svc/calc-svc-dup.soem.yaml"
expect_in "$ERR" "consequences[99999].service: the service 's099998' is already listed as consequences[99998]"

expect_exit 0 python3 "$GEN" kb10 "$G/kb10.yaml"
CHECKS=$((CHECKS + 1))
size=$(wc -c <"$G/kb10.yaml")
[ "$size" -ge 10000000 ] || fail "kb10.yaml has $size bytes, expected 10 MB"
expect_exit 0 "$SOEM_BIN" kb validate "$G/kb10.yaml"
expect_in "$OUT" "2000 services"
finish
