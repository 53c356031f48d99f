#!/bin/sh
# Bring your own figures (issue 16 point 9): `soem kb import FILE.csv
# --profile-file BASE --id NEW` writes the new profile to
# $XDG_DATA_HOME/soem/kb, and the wizard offers it when a new calculation
# chooses its knowledge database, with no configuration and no --kb naming
# that folder (SPEC §3.3's search order).  A wizard started with another
# XDG_DATA_HOME does not offer it: the profile is found there and only
# there.  The base is the frozen tests/golden/kb/dk.yaml, not the bundled
# one, which may change.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

KBD="$T/kb"
mkdir -p "$KBD"
cp "$SOEM_SRCDIR/tests/golden/kb/dk.yaml" "$KBD/dk.yaml"
chmod u+w "$KBD/dk.yaml"
XDG="$T/xdg"          # the XDG_DATA_HOME of the import and of the wizard
OTHER="$T/other"      # a second, empty one
mkdir -p "$XDG" "$OTHER"

# the command line in the same isolated environment as the wizard's
soem_cli() {
	env -i PATH="$PATH" HOME="$TH" XDG_CONFIG_HOME="$TH/.config" \
		XDG_STATE_HOME="$TH/.local/state" XDG_DATA_HOME="$XDG" \
		LANG=C.UTF-8 TZ=UTC SOEM_LOCALEDIR="$SOEM_LOCALEDIR" \
		SOEM_DATADIR="$SOEM_DATADIR" SOEM_SYSCONFDIR="$SOEM_SYSCONFDIR" \
		"$SOEM_BIN" "$@"
}

# --- export, then import under a new id -----------------------------------
CHECKS=$((CHECKS + 1))
soem_cli kb export dk --kb "$KBD" --lang en -o "$T/dk.csv" 2>"$T/export.err" ||
	fail "kb export failed: $(cat "$T/export.err")"
CHECKS=$((CHECKS + 1))
soem_cli kb import "$T/dk.csv" --profile-file "$KBD/dk.yaml" --id kommunen \
	--kb "$KBD" 2>"$T/import.err" ||
	fail "kb import failed: $(cat "$T/import.err")"
# written where SPEC §3.3 says, and nowhere else under the test's folder
CHECKS=$((CHECKS + 1))
[ -f "$XDG/soem/kb/kommunen.yaml" ] ||
	fail "kb import did not write \$XDG_DATA_HOME/soem/kb/kommunen.yaml"
CHECKS=$((CHECKS + 1))
found=$(find "$T" -name kommunen.yaml | grep -v "^$XDG/soem/kb/kommunen.yaml\$")
[ -z "$found" ] || fail "kb import wrote elsewhere too: $found"

# --- the wizard with that XDG_DATA_HOME offers it -------------------------
SOEM_KB_DIR="$KBD"
soem_start XDG_DATA_HOME="$XDG"
wait_for "What would you like to do?" 20
keys Enter
wait_for "Which knowledge database" 20
wait_for "(kommunen, version " 20
check 'screen_has "(dk, version "' "dk is no longer offered beside the import"
keys Escape
wait_gone "Which knowledge database"
keys C-x
wait_for "__EXIT=0" 20

# --- another XDG_DATA_HOME: the imported profile is not there -------------
soem_start XDG_DATA_HOME="$OTHER"
wait_for "What would you like to do?" 20
keys Enter
wait_for "Which knowledge database" 20
wait_for "(dk, version " 20
check '! screen_has "kommunen" 2' "the import is offered without its XDG_DATA_HOME"
keys Escape
wait_gone "Which knowledge database"
keys C-x
wait_for "__EXIT=0" 20
finish
