#!/bin/sh
# SPEC §2.9: a file without the keys of §2.9 computes exactly as before.
# Every example and every test calculation that loads is computed with
# `soem calc --format yaml` and compared, byte for byte, with the result
# of the soem of main before issue 15 (commit 14c1e7a, built from
# `git archive` and run once; the files are tests/golden/compat/*.yaml,
# listed in tests/golden/compat/LIST).  Only the two keys that §2.9 adds
# to every result, `at_years` and `break_even_participants`, are taken
# out of today's output before comparing; they must be present.  So is
# issue 16's `illustrative_share` (one line, an addition).
# When an example changes on purpose, regenerate its file with the old
# binary (see the commit that added this test) and review the diff.
# When a shipped database changes (its figures are data, not code), the
# LIST's third column points the example at a frozen copy of the database
# its golden file was made with, never at a regenerated golden file:
# housing-first at tests/data/kb-2026.2 (dk before issue 16 added tax
# shares and the § 110 schedule), samordningsteam at
# tests/data/compat-kb-se (se before issue 16).  The example naming a
# newer version only warns.
. "$SOEM_SRCDIR/tests/lib.sh"
G="$SOEM_SRCDIR/tests/golden/compat"

# Drops the top-level blocks at_years: and break_even_participants:
# (libyaml writes a block sequence under a key at column 0, so a block
# ends at the next line that starts with a letter).
strip_new() {
	awk '
		/^[A-Za-z_]/ { skip = ($0 ~ /^(at_years|break_even_participants|illustrative_share):/) }
		!skip { print }
	' "$1"
}

grep -v '^#' "$G/LIST" | while read -r name file kb; do
	[ -n "$name" ] || continue
	[ "$kb" = - ] && kb="$SOEM_KB_DIR" || kb="$SOEM_SRCDIR/$kb"
	env LANG=C.UTF-8 SOEM_LOCALEDIR="$T/nolocale" \
		"$SOEM_BIN" calc --format yaml --kb "$kb" \
		"$SOEM_SRCDIR/$file" >"$T/$name.yaml" 2>"$T/$name.err"
	rc=$?
	if [ $rc != 0 ]; then
		echo "FAIL: $name: exit $rc"; cat "$T/$name.err"
		echo FAILED >>"$T/failed"
		continue
	fi
	for k in at_years break_even_participants illustrative_share; do
		if ! grep -q "^$k:" "$T/$name.yaml"; then
			echo "FAIL: $name: no $k"
			echo FAILED >>"$T/failed"
		fi
	done
	strip_new "$T/$name.yaml" >"$T/$name.old"
	if ! cmp -s "$G/$name.yaml" "$T/$name.old"; then
		echo "FAIL: $name differs from main before issue 15:"
		diff -u "$G/$name.yaml" "$T/$name.old" | head -40
		echo FAILED >>"$T/failed"
	fi
	echo "checked $name"
done
CHECKS=$(grep -vc '^#' "$G/LIST")
[ -f "$T/failed" ] && FAILED=1
finish
