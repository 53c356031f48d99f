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
# the unit tests of the loaders, writers and engine
for t in test_kb test_calc_io test_engine test_report; do
	CHECKS=$((CHECKS + 1))
	$VG "$SOEM_BUILDDIR/tests/unit/$t" >"$OUT" 2>"$ERR" </dev/null
	rc=$?
	[ "$rc" = 0 ] || { fail "valgrind: $t exit $rc"; tail -n 30 "$ERR"; tail -n 5 "$OUT"; }
done
finish
