#!/bin/sh
# Builds each fuzz harness with clang and libFuzzer (+ ASan/UBSan) and runs
# it for FUZZ_SECONDS seconds (10 in make check; `make fuzz` runs longer)
# from the seed corpus.  A harness that does not build fails the test.
# A crash fails it too; libFuzzer's input is kept under FUZZ_ARTIFACTS
# (default: a temporary directory, printed) so it can become a
# regression file in tests/fuzz/regress/.
set -u
b=${SOEM_BUILDDIR:?}; s=${SOEM_SRCDIR:?}
secs=${FUZZ_SECONDS:-10}
command -v clang >/dev/null 2>&1 || { echo "clang is not installed"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/soem-fuzz.XXXXXX")
art=${FUZZ_ARTIFACTS:-$T/artifacts}
mkdir -p "$art"
keep=0
trap '[ "$keep" = 1 ] || rm -rf "$T"' EXIT
# the core library's sources, exactly as the Makefile lists them
srcs=
for f in ${SOEM_CORE_SOURCES:?}; do
	case $f in *.c) srcs="$srcs $s/$f" ;; esac
done
ini=$(pkg-config --cflags iniparser 2>/dev/null || echo -I/usr/include/iniparser)
status=0
for h in kb calc num; do
	bin="$T/fuzz_$h"
	# shellcheck disable=SC2086
	if ! clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -D_GNU_SOURCE -I"$b" -I"$s/src" $ini \
		-DKB_DIR="\"$s/share/soem/kb\"" -DLOCALEDIR="\"/nonexistent\"" \
		-DPKGDATADIR="\"/nonexistent\"" -DSYSCONFDIR="\"/nonexistent\"" \
		-DABS_SRCDIR="\"$s\"" \
		$srcs "$s/tests/fuzz/fuzz_$h.c" -lyaml -liniparser -lm -o "$bin" \
		2>"$T/build-$h.log"; then
		echo "FAIL: fuzz_$h does not build:"; cat "$T/build-$h.log"
		status=1; continue
	fi
	mkdir -p "$T/corpus-$h"
	cp "$s/tests/fuzz/corpus/$h"/* "$T/corpus-$h/"
	dict=
	[ "$h" != num ] && dict=
	if "$bin" -max_total_time="$secs" -seed=1 -rss_limit_mb=2048 \
		-max_len=16384 -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$art/$h-" "$T/corpus-$h" \
		"$s/tests/fuzz/regress/$h" >"$T/run-$h.log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$T/run-$h.log")
		echo "fuzz_$h: $runs executions in ${secs}s, no crash"
	else
		echo "FAIL: fuzz_$h found a problem; inputs kept in $art:"
		ls -l "$art"; tail -n 60 "$T/run-$h.log"
		keep=1; status=1
	fi
done
exit $status
