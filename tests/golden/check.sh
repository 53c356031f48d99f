#!/bin/sh
# Every report format against a golden file, compared byte for byte:
# text, CSV (en and da), YAML, Markdown and HTML of the Housing First
# example, computed with a frozen copy of the Danish knowledge database.
#
# The inputs are copies under tests/golden/ (housing-first.soem.yaml and
# kb/dk.yaml), not share/soem/: the bundled database and example may
# change without every report changing with them.  The reports are made
# with SOURCE_DATE_EPOCH (the date they name), TZ=UTC and no translations
# (SOEM_LOCALEDIR points at an empty directory): the labels are the
# English source texts, so a translator's change does not break the test;
# --lang da still gives the Danish numbers and CSV.
#
# After a deliberate change to a report, regenerate and review:
#     make update-golden        (in the build directory)
#     git diff tests/golden/
# (update-golden runs this script with SOEM_UPDATE_GOLDEN=1, which writes
# the files instead of comparing them.)
set -u
: "${SOEM_BIN:?SOEM_BIN is not set (run through make check)}"
: "${SOEM_SRCDIR:=.}"
G="$SOEM_SRCDIR/tests/golden"
T=$(mktemp -d "${TMPDIR:-/tmp}/soem-golden.XXXXXX")
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/home" "$T/nolocale"
FAILED=0
CHECKS=0

# name, then the options
run() {
	name=$1
	shift
	CHECKS=$((CHECKS + 1))
	env -i PATH="$PATH" HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" \
		XDG_STATE_HOME="$T/home/.local/state" LANG=C.UTF-8 TZ=UTC \
		SOURCE_DATE_EPOCH=1767225600 SOEM_LOCALEDIR="$T/nolocale" \
		SOEM_DATADIR="$T/nodata" SOEM_SYSCONFDIR="$T/nosysconf" \
		"$SOEM_BIN" calc "$G/housing-first.soem.yaml" --kb "$G/kb" "$@" \
		>"$T/$name" 2>"$T/$name.err"
	rc=$?
	if [ $rc != 0 ]; then
		echo "FAIL: $name: soem calc $* exited $rc"
		cat "$T/$name.err"
		FAILED=1
		return
	fi
	if [ "${SOEM_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$T/$name" "$G/$name"
		echo "wrote tests/golden/$name"
	elif ! cmp -s "$T/$name" "$G/$name"; then
		echo "FAIL: $name differs from tests/golden/$name (soem calc $*):"
		diff -u "$G/$name" "$T/$name" | head -40
		echo "(if the change is meant: make update-golden, then git diff tests/golden/)"
		FAILED=1
	fi
}

run housing-first.txt --lang en --format text
run housing-first.en.csv --lang en --format csv
run housing-first.da.csv --lang da --format csv
run housing-first.result.yaml --lang en --format yaml
run housing-first.md --lang en --format markdown
run housing-first.html --lang en --format html

# soem compare (issue 17): the example and a variant, run from tests/golden
# so that the file names in the reports are relative.
run_compare() {
	name=$1
	shift
	CHECKS=$((CHECKS + 1))
	(cd "$G" && env -i PATH="$PATH" HOME="$T/home" \
		XDG_CONFIG_HOME="$T/home/.config" \
		XDG_STATE_HOME="$T/home/.local/state" LANG=C.UTF-8 TZ=UTC \
		SOURCE_DATE_EPOCH=1767225600 SOEM_LOCALEDIR="$T/nolocale" \
		"$SOEM_BIN" compare housing-first.soem.yaml \
		housing-first-mentor.soem.yaml --kb kb "$@") \
		>"$T/$name" 2>"$T/$name.err"
	rc=$?
	if [ $rc != 0 ]; then
		echo "FAIL: $name: soem compare $* exited $rc"
		cat "$T/$name.err"
		FAILED=1
		return
	fi
	if [ "${SOEM_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$T/$name" "$G/$name"
		echo "wrote tests/golden/$name"
	elif ! cmp -s "$T/$name" "$G/$name"; then
		echo "FAIL: $name differs from tests/golden/$name (soem compare $*):"
		diff -u "$G/$name" "$T/$name" | head -40
		echo "(if the change is meant: make update-golden, then git diff tests/golden/)"
		FAILED=1
	fi
}

run_compare compare.txt --lang en --format text
run_compare compare.csv --lang en --format csv
run_compare compare.yaml --lang en --format yaml
run_compare compare.md --lang en --format markdown
run_compare compare.html --lang en --format html

echo "$CHECKS checks, failed: $FAILED"
[ "$FAILED" = 0 ]
