#!/bin/sh
# The whole test suite, from a fresh clone, as root on Debian 12:
# installs what is needed, builds, runs `make check` normally and again
# built with AddressSanitizer + UndefinedBehaviorSanitizer, then
# `make distcheck`.  Ends with a line "N passed, N failed, N skipped".
# Fails if any test fails or skips (every tool a test needs is installed
# above), or if a build ran fewer tests than its Makefile lists
# (`make print-tests`): each missing test counts as a failure.
# `make distcheck` counts as one test of its own, pass or fail.
#
# It works after the README's first command in the same clone: a source
# tree configured in place (./configure && make there) is cleaned with
# `make distclean` first, since the builds here are out of tree
# (`make install`'s files under /usr/local stay, and no test reads them).
set -u
cd "$(dirname "$0")/.."
top=$(pwd)
sh tests/setup-debian.sh || { echo "setup failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
jobs=$(nproc 2>/dev/null || echo 2)
status=0
pass=0; fail=0; skip=0

if [ -f config.status ]; then
	echo "=== the source tree is configured in place: make distclean there"
	if ! { [ -f Makefile ] && make -s distclean >/dev/null 2>&1; } ||
		[ -f config.status ]; then
		echo "FAIL: make distclean in $top did not clean the source tree;"
		echo "      out-of-tree builds need it clean (remove config.status and the objects)"
		echo "0 passed, 1 failed, 0 skipped"
		exit 1
	fi
fi

count() { # $1 = build dir, $2 = number of tests expected
	p=0 f=0 s=0 total=0
	log="$1/test-suite.log"
	if [ -f "$log" ]; then
		p=$(sed -n 's/^# PASS: *//p' "$log" | head -n1)
		f=$(sed -n 's/^# FAIL: *//p' "$log" | head -n1)
		x=$(sed -n 's/^# XPASS: *//p' "$log" | head -n1)
		xf=$(sed -n 's/^# XFAIL: *//p' "$log" | head -n1)
		e=$(sed -n 's/^# ERROR: *//p' "$log" | head -n1)
		s=$(sed -n 's/^# SKIP: *//p' "$log" | head -n1)
		total=$(sed -n 's/^# TOTAL: *//p' "$log" | head -n1)
		p=${p:-0}
		# an expected failure is still no pass: counted as failed
		f=$((${f:-0} + ${x:-0} + ${xf:-0} + ${e:-0}))
		s=${s:-0}
		total=${total:-0}
	fi
	if [ "$total" -lt "$2" ]; then
		echo "FAIL: $1: $total of the $2 tests of 'make print-tests' ran; the $(($2 - total)) missing count as failed"
		f=$((f + $2 - total))
		status=1
	fi
	pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
}

run() { # $1 = build dir, rest = configure options
	dir=$1; shift
	echo "=== build in $dir ($*)"
	rm -rf "$dir" && mkdir -p "$dir" || { fail=$((fail + 1)); status=1; return; }
	if ! (cd "$dir" && "$top/configure" -q "$@"); then
		echo "FAIL: configure in $dir"
		fail=$((fail + 1)); status=1
		return
	fi
	expected=$(cd "$dir" && make -s print-tests | wc -l)
	if [ "$expected" -lt 1 ]; then
		echo "FAIL: $dir: make print-tests lists no test"
		fail=$((fail + 1)); status=1
		return
	fi
	(cd "$dir" && make -s -j"$jobs" && make -s -j"$jobs" check) || status=1
	count "$dir" "$expected"
	if grep -q '^SKIP\|^FAIL\|^ERROR\|^XFAIL\|^XPASS' "$dir"/test-suite.log 2>/dev/null; then
		grep -h '^\(SKIP\|FAIL\|ERROR\|XFAIL\|XPASS\)' "$dir"/tests/*/*.log "$dir"/tests/*/*/*.log 2>/dev/null | head -n 40
	fi
}

./autogen.sh >/dev/null 2>&1 || { echo "autogen.sh failed"; ./autogen.sh; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
run _build
run _build-san --enable-sanitizers
# distcheck on its own: configured here if the build above failed to
echo "=== make distcheck"
if [ -f _build/Makefile ] || { mkdir -p _build && (cd _build && "$top/configure" -q); }; then
	if (cd _build && make -s -j"$jobs" distcheck >distcheck.log 2>&1); then
		pass=$((pass + 1))
	else
		tail -n 40 _build/distcheck.log; echo "FAIL: make distcheck"
		fail=$((fail + 1)); status=1
	fi
else
	echo "FAIL: make distcheck: configure failed"
	fail=$((fail + 1)); status=1
fi

if [ "$skip" -gt 0 ]; then
	echo "FAIL: $skip test(s) skipped although tests/setup-debian.sh installs every tool"
	status=1
fi
[ "$fail" -gt 0 ] && status=1
echo "$pass passed, $fail failed, $skip skipped"
exit $status
