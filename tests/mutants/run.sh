#!/bin/sh
# tests/mutants/run.sh - the mutation job behind `make mutants` (never part
# of `make check`).  Each mutant of tests/mutants/mutants.txt is a small
# deliberate bug in the engine, the loaders or the number formatting; it
# is written into a copy of the source tree (never the working tree), the
# copy is rebuilt, and the fast tests (the unit tests and tests/cli) run.
# A mutant is "killed" when a test fails, "survived" when every test
# passes: then the tests have a gap.  Prints a table and a summary line;
# exits 1 when a mutant survived or could not be tried.
#
# Environment:
#   SOEM_SRCDIR      the source tree (default: the directory above this one)
#   MUTANTS          a comma list of names to run (default: all)
#   MUTANT_JOBS      copies built and tried in parallel (default: the
#                    number of processors, at most 2 on a 2-core machine
#                    that is nproc; each copy builds with make -j1)
#   MUTANT_WORK      working directory (default: ./mutants-work; removed
#                    and made anew)
#   MUTANT_TESTS     the tests to run (default: tests/unit/* and tests/cli/*
#                    of the Makefile's TESTS)
#   MUTANT_TIMEOUT   seconds for one mutant's tests (default 600; a test run
#                    that takes longer counts as killed: a hang is noticed)
#   MUTANT_CONFIGURE_FLAGS  extra arguments for configure in the copies
set -u
here=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "${SOEM_SRCDIR:-$here/../..}" && pwd)
DATA=$here/mutants.txt
WORK=${MUTANT_WORK:-$PWD/mutants-work}
TIMEOUT=${MUTANT_TIMEOUT:-600}
PY=python3

command -v $PY >/dev/null 2>&1 || { echo "mutants: python3 is needed" >&2; exit 2; }
[ -x "$SRC/configure" ] || {
	echo "mutants: $SRC/configure is missing (run ./autogen.sh)" >&2; exit 2; }
names=$($PY "$here/mutate.py" list "$DATA" "${MUTANTS:-}") || exit 2
$PY "$here/mutate.py" check "$DATA" "$SRC" || {
	echo "mutants: $DATA no longer matches the sources" >&2; exit 2; }
total=$(echo "$names" | wc -l)
jobs=${MUTANT_JOBS:-$(nproc 2>/dev/null || echo 1)}
[ "$jobs" -ge 1 ] 2>/dev/null || jobs=1
[ "$jobs" -gt "$total" ] && jobs=$total

case $WORK in /|"$SRC"|"$SRC"/) echo "mutants: refusing MUTANT_WORK=$WORK" >&2; exit 2 ;; esac
rm -rf "$WORK"
mkdir -p "$WORK" || exit 2

# The copy: the source tree without git and build directories.
excl="--exclude=./.git --exclude=./_build* --exclude=./autom4te.cache"
case $WORK in "$SRC"/*) excl="$excl --exclude=./${WORK#"$SRC"/}" ;; esac
case $PWD in "$SRC"/?*) excl="$excl --exclude=./${PWD#"$SRC"/}" ;; esac

log() { echo "mutants: $*" >&2; }

# worker N NAME... : builds copy N, then tries each NAME in it.
worker() {
	w=$1; shift
	top=$WORK/w$w
	tree=$top/src
	res=$top/results
	mkdir -p "$tree"
	: >"$res"
	# shellcheck disable=SC2086
	(cd "$SRC" && tar $excl -cf - .) | (cd "$tree" && tar -xf -) || {
		for n in "$@"; do printf '%s\terror\tcould not copy the tree\n' "$n" >>"$res"; done
		return; }
	if [ -f "$tree/config.status" ]; then
		bld=$tree        # the tree was configured in place
	else
		bld=$tree/_mb
	fi
	mkdir -p "$bld"
	# shellcheck disable=SC2086
	if ! (cd "$bld" && "$tree/configure" -q ${MUTANT_CONFIGURE_FLAGS:-} \
		>"$top/configure.log" 2>&1 && make -j1 all >"$top/build.log" 2>&1 &&
		make -j1 check TESTS= >>"$top/build.log" 2>&1); then
		log "copy $w does not build unchanged; see $top/build.log"
		for n in "$@"; do printf '%s\terror\tthe unchanged copy does not build\n' "$n" >>"$res"; done
		return
	fi
	tests=${MUTANT_TESTS:-$(cd "$bld" && printf 'print-mutant-tests:\n\t@echo $(TESTS)\n' |
		make -s -f Makefile -f - print-mutant-tests | tr ' ' '\n' |
		grep -E '^tests/(unit|cli)/' | tr '\n' ' ')}
	# The tests must pass before a mutant can be said to break them.
	if ! (cd "$bld" && timeout "$TIMEOUT" make -j1 check TESTS="$tests" \
		>"$top/baseline.log" 2>&1); then
		log "copy $w: the tests fail without a mutant; see $top/baseline.log"
		for n in "$@"; do printf '%s\terror\tthe tests fail without a mutant\n' "$n" >>"$res"; done
		return
	fi
	for n in "$@"; do
		if ! $PY "$here/mutate.py" apply "$DATA" "$n" "$tree" 2>"$top/$n.log"; then
			printf '%s\terror\t%s\n' "$n" "$(head -1 "$top/$n.log")" >>"$res"
			continue
		fi
		if ! (cd "$bld" && make -j1 all >>"$top/$n.log" 2>&1 &&
			make -j1 check TESTS= >>"$top/$n.log" 2>&1); then
			printf '%s\terror\tdoes not compile\n' "$n" >>"$res"
		else
			(cd "$bld" && timeout "$TIMEOUT" make -j1 -k check TESTS="$tests" \
				>"$top/$n.check" 2>&1)
			rc=$?
			killers=$(grep -E '^(FAIL|ERROR):' "$top/$n.check" |
				sed 's/^[A-Z]*: //' | tr '\n' ' ')
			if [ "$rc" = 124 ]; then
				printf '%s\tkilled\ttimed out after %ss\n' "$n" "$TIMEOUT" >>"$res"
			elif [ "$rc" != 0 ]; then
				printf '%s\tkilled\t%s\n' "$n" "${killers:-make check failed}" >>"$res"
			else
				printf '%s\tsurvived\t\n' "$n" >>"$res"
			fi
		fi
		$PY "$here/mutate.py" restore "$DATA" "$n" "$tree" || {
			log "copy $w: could not restore after $n"; return; }
		log "$(tail -1 "$res" | cut -f1,2 | tr '\t' ' ')"
	done
}

log "$total mutant(s), $jobs cop$( [ "$jobs" = 1 ] && echo y || echo ies) in $WORK"
i=0
pids=
while [ "$i" -lt "$jobs" ]; do
	# copy i takes mutants i, i + jobs, i + 2 jobs, ...
	mine=$(echo "$names" | awk -v j="$jobs" -v i="$i" '(NR - 1) % j == i')
	# shellcheck disable=SC2086
	worker "$i" $mine &
	pids="$pids $!"
	i=$((i + 1))
done
trap 'kill $pids 2>/dev/null' INT TERM
wait

# The table, in the order of mutants.txt.
cat "$WORK"/w*/results >"$WORK/all"
killed=0 survived=0 errors=0
printf '%-44s %-9s %s\n' MUTANT RESULT "KILLED BY / WHY"
for n in $names; do
	line=$(awk -F '\t' -v n="$n" '$1 == n' "$WORK/all" | head -1)
	st=$(printf '%s' "$line" | cut -f2)
	why=$(printf '%s' "$line" | cut -f3)
	[ -n "$st" ] || { st=error; why="not tried"; }
	case $st in
	killed) killed=$((killed + 1)) ;;
	survived) survived=$((survived + 1)) ;;
	*) errors=$((errors + 1)) ;;
	esac
	printf '%-44s %-9s %s\n' "$n" "$st" "$why"
done | tee "$WORK/table"
killed=$(grep -c ' killed ' "$WORK/table")
survived=$(grep -c ' survived ' "$WORK/table")
errors=$(grep -c ' error ' "$WORK/table")
echo "mutants: $killed killed, $survived survived, $errors error(s) of $total"
[ "$survived" = 0 ] && [ "$errors" = 0 ]
