#!/bin/sh
# The loaders and `soem calc` under valgrind: no invalid access, no use of
# uninitialised memory, no leak, on good files and on every bad one.
# (Part of make check in the normal build; the sanitizer build has ASan.)
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
command -v valgrind >/dev/null 2>&1 || { echo "valgrind is not installed"; exit 77; }
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --show-leak-kinds=definite,indirect,possible"
KB="--kb $SOEM_KB_DIR"

vg() { # expected-exit args...
	want=$1; shift
	CHECKS=$((CHECKS + 1))
	# shellcheck disable=SC2086
	$VG "$SOEM_BIN" "$@" >"$OUT" 2>"$ERR" </dev/null
	got=$?
	if [ "$got" = 99 ] || [ "$got" != "$want" ]; then
		fail "valgrind: exit $got (expected $want): soem $*"
		head -c 3000 "$ERR"
	fi
}

for ex in "$SOEM_SRCDIR"/share/soem/examples/*.soem.yaml; do
	for fmt in text csv yaml markdown html; do
		vg 0 calc "$ex" $KB --format "$fmt"
	done
	vg 0 calc "$ex" $KB --format csv --lang da
done
vg 0 kb list $KB
vg 0 kb validate $KB
vg 0 kb show hjemloese $KB
for f in "$SOEM_TEST_DATA"/bad/kb-*.yaml; do
	vg 65 kb validate "$f"
done
for f in "$SOEM_TEST_DATA"/bad/calc-*.soem.yaml; do
	vg 65 calc "$f" $KB
done
vg 66 calc "$T/missing.soem.yaml" $KB
vg 2 calc
# the fast and the recalculating Monte Carlo and soem design (these were
# in tests/cli/uncertainty.sh, left out without a word when valgrind was
# missing; here a missing valgrind is a SKIP)
U="$SOEM_TEST_DATA/uncertainty"
for f in all nonlinear experiment-zero; do
	vg 0 calc "$U/$f.soem.yaml" --kb "$U/kb" --format yaml
	vg 0 calc "$U/$f.soem.yaml" --kb "$U/kb" --format markdown
done
vg 0 design "$SOEM_TEST_DATA/design/plan.soem.yaml" \
	--x-t 5 --n-t 56 --x-c 0 --n-c 29
vg 65 design "$SOEM_TEST_DATA/design/bad-site.soem.yaml"
vg 2 design --p0 .2 --p1 .3 --site a:1:1 --site a:1:1
# the unit tests of the loaders, writers and engine (not built after
# configure --disable-tests: tests/unit/disabled.sh counts them skipped)
for t in test_kb test_calc_io test_engine test_report test_headcache; do
	if [ "${SOEM_UNIT_TESTS:-yes}" = no ]; then
		echo "note: $t is not built (configure --disable-tests)"
		continue
	fi
	CHECKS=$((CHECKS + 1))
	if [ ! -x "$SOEM_BUILDDIR/tests/unit/$t" ]; then
		fail "$SOEM_BUILDDIR/tests/unit/$t is not built"
		continue
	fi
	$VG "$SOEM_BUILDDIR/tests/unit/$t" >"$OUT" 2>"$ERR" </dev/null
	rc=$?
	[ "$rc" = 0 ] || { fail "valgrind: $t exit $rc"; tail -n 30 "$ERR"; tail -n 5 "$OUT"; }
done
finish
