#!/bin/sh
# The whole test suite, from a fresh clone, as root on Debian 12:
# installs what is needed, builds, runs `make check` normally and again
# built with AddressSanitizer + UndefinedBehaviorSanitizer, then
# `make distcheck`.  Ends with a line "N passed, N failed".  Fails if any
# test fails or skips (every tool a test needs is installed above).
set -u
cd "$(dirname "$0")/.."
top=$(pwd)
sh tests/setup-debian.sh || { echo "setup failed"; exit 1; }
jobs=$(nproc 2>/dev/null || echo 2)
status=0
pass=0; fail=0; skip=0

count() { # $1 = build dir
	for log in "$1"/test-suite.log; do
		[ -f "$log" ] || continue
		p=$(sed -n 's/^# PASS: *//p' "$log" | head -n1)
		f=$(sed -n 's/^# FAIL: *//p' "$log" | head -n1)
		x=$(sed -n 's/^# XPASS: *//p' "$log" | head -n1)
		e=$(sed -n 's/^# ERROR: *//p' "$log" | head -n1)
		s=$(sed -n 's/^# SKIP: *//p' "$log" | head -n1)
		pass=$((pass + ${p:-0}))
		fail=$((fail + ${f:-0} + ${x:-0} + ${e:-0}))
		skip=$((skip + ${s:-0}))
	done
}

run() { # $1 = build dir, rest = configure options
	dir=$1; shift
	echo "=== build in $dir ($*)"
	rm -rf "$dir" && mkdir -p "$dir" &&
	(cd "$dir" && "$top/configure" -q "$@" && make -s -j"$jobs" &&
	 make -s -j"$jobs" check) || status=1
	count "$dir"
	if grep -q '^SKIP\|^FAIL\|^ERROR' "$dir"/test-suite.log 2>/dev/null; then
		grep -h '^\(SKIP\|FAIL\|ERROR\)' "$dir"/tests/*/*.log "$dir"/tests/*/*/*.log 2>/dev/null | head -n 40
	fi
}

./autogen.sh >/dev/null 2>&1 || { echo "autogen.sh failed"; ./autogen.sh; exit 1; }
run _build
run _build-san --enable-sanitizers
echo "=== make distcheck"
(cd _build && make -s -j"$jobs" distcheck >distcheck.log 2>&1) ||
	{ status=1; fail=$((fail + 1)); tail -n 40 _build/distcheck.log; echo "FAIL: make distcheck"; }
[ "$status" = 0 ] && pass=$((pass + 1))

if [ "$skip" -gt 0 ]; then
	echo "FAIL: $skip test(s) skipped although tests/setup-debian.sh installs every tool"
	status=1
fi
echo "$pass passed, $fail failed, $skip skipped"
exit $status
