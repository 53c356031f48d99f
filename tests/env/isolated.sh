#!/bin/sh
# Nothing installed on the machine reaches a test (issue 12): make check
# gives every test the build's catalogues (SOEM_LOCALEDIR, a locale tree
# made from the source tree's po/*.po), the source tree's databases and
# examples (SOEM_DATADIR) and no system configuration (SOEM_SYSCONFDIR);
# tests/lib.sh passes them on.  Here through tests/lib.sh, the wizard's
# tmux helper in tests/env/isolated-tmux.sh.  tests/install/prefix.sh runs
# both in a build whose installed catalogue is a bogus one.
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
: "${SOEM_BUILDDIR:?SOEM_BUILDDIR is not set (run through make check)}"
B=$(cd "$SOEM_BUILDDIR" && pwd)
S=$(cd "$SOEM_SRCDIR" && pwd)

# the catalogue directory is the build tree's, with the build's catalogues
CHECKS=$((CHECKS + 1))
case $(cd "$SOEM_LOCALEDIR" 2>/dev/null && pwd) in
"$B"/*) ;;
*) fail "SOEM_LOCALEDIR='$SOEM_LOCALEDIR' is not in the build tree $B" ;;
esac
for l in $(sed 's/#.*//' "$S/po/LINGUAS"); do
	CHECKS=$((CHECKS + 1))
	msgfmt -o "$T/$l.mo" "$S/po/$l.po" ||
		fail "msgfmt cannot compile $S/po/$l.po"
	cmp -s "$T/$l.mo" "$SOEM_LOCALEDIR/$l/LC_MESSAGES/soem.mo" ||
		fail "$SOEM_LOCALEDIR/$l/LC_MESSAGES/soem.mo is not the build's po/$l.po"
done
# the data directory is the source tree's; no system configuration
CHECKS=$((CHECKS + 1))
[ "$SOEM_DATADIR" -ef "$S/share/soem" ] ||
	fail "SOEM_DATADIR='$SOEM_DATADIR' is not the source tree's share/soem"
CHECKS=$((CHECKS + 1))
[ ! -e "$SOEM_SYSCONFDIR/soem.ini" ] ||
	fail "a system configuration file is read: $SOEM_SYSCONFDIR/soem.ini"

# soem speaks with the build's catalogues (an installed soem.mo of another
# version, or a bogus one, would give other words)
expect_exit 2 "$SOEM_BIN" --lang da calc
expect_in "$ERR" "soem: calc skal have præcis én beregningsfil: soem calc FILE"
expect_exit 2 "$SOEM_BIN" --lang sv calc
expect_in "$ERR" "exakt en kalkylfil"
expect_exit 2 "$SOEM_BIN" --lang en calc
expect_in "$ERR" "soem: calc needs exactly one calculation file: soem calc FILE"

# without --kb every profile comes from SOEM_DATADIR/kb, none from the
# installed PKGDATADIR
expect_exit 0 "$SOEM_BIN" kb list --lang en
CHECKS=$((CHECKS + 1))
grep -q '^[a-z]' "$OUT" || fail "kb list names no profile"
grep '^[a-z]' "$OUT" | grep -vF " $SOEM_DATADIR/kb/" >"$T/other" &&
	fail "kb list reads profiles from elsewhere than $SOEM_DATADIR/kb: $(cat "$T/other")"

# SOEM_DATADIR is what soem reads: a copy of its own
mkdir -p "$T/data/kb"
cp "$S/share/soem/kb/dk.yaml" "$T/data/kb/dk.yaml"
expect_exit 0 env SOEM_DATADIR="$T/data" "$SOEM_BIN" kb list --lang en
expect_in "$OUT" " $T/data/kb/dk.yaml"
expect_not_in "$OUT" "se.yaml"
finish
