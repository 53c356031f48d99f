#!/bin/sh
# Installing (issue 7): a second build configured with --prefix=$T/p.
#  - `make install DESTDIR=$T/stage` puts the binary, both knowledge
#    databases, the examples, the translations (.mo) and the four manual
#    pages under $T/stage$T/p;
#  - `make install` to the prefix itself, then, from a directory outside
#    the source tree and with nothing of the build in the environment,
#    the installed binary finds its data and its translations there:
#    `soem kb list` names profiles under $T/p (soem falls back to the
#    source tree's share/soem/kb only when PKGDATADIR/kb is missing, so
#    the path is what tells), `soem calc` computes an installed example,
#    and `soem --lang da --help` is Danish;
#  - then a bogus catalogue (every message "INSTALLED-BOGUS") is put in
#    that prefix's LOCALEDIR and an extra example in its PKGDATADIR, and
#    the build's tests of tests/env/ and two tests that read Danish
#    messages must still pass: tests read nothing installed (issue 12).
# One extra configure and build (about 30 s), four tests in it.
set -u
: "${SOEM_SRCDIR:?SOEM_SRCDIR is not set (run through make check)}"
SRC=$(cd "$SOEM_SRCDIR" && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/soem-install.XXXXXX")
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
FAILED=0
CHECKS=0
MAKE=${MAKE:-make}
# a build of its own: nothing from the make that runs this test
unset MAKEFLAGS MFLAGS MAKELEVEL DESTDIR

fail() {
	echo "FAIL: $*"
	FAILED=1
}

if [ -f "$SRC/config.status" ]; then
	echo "SKIP: the source tree is configured in place; a second build needs a clean one"
	exit 77
fi
mkdir -p "$T/build" "$T/elsewhere" "$T/home"
cd "$T/build" || exit 1
if ! "$SRC/configure" -q --prefix="$T/p" CFLAGS="-O0" >"$T/configure.log" 2>&1; then
	tail -30 "$T/configure.log"
	fail "configure --prefix=$T/p"
	exit 1
fi
if ! $MAKE -j2 >"$T/make.log" 2>&1; then
	tail -30 "$T/make.log"
	fail "make"
	exit 1
fi

# DESTDIR: every part in its place
if ! $MAKE install DESTDIR="$T/stage" >"$T/install-destdir.log" 2>&1; then
	tail -30 "$T/install-destdir.log"
	fail "make install DESTDIR=$T/stage"
	exit 1
fi
S="$T/stage$T/p"
for f in bin/soem share/soem/kb/dk.yaml share/soem/kb/se.yaml \
	share/soem/examples/housing-first.soem.yaml \
	share/soem/examples/samordningsteam.soem.yaml \
	share/soem/examples/reform-housing-first.soem.yaml \
	share/soem/examples/samordningsforbund.soem.yaml \
	share/locale/da/LC_MESSAGES/soem.mo share/locale/sv/LC_MESSAGES/soem.mo \
	share/man/man1/soem.1 share/man/man5/soem-calc.5 \
	share/man/man5/soem-kb.5 share/man/man5/soem.ini.5; do
	CHECKS=$((CHECKS + 1))
	[ -s "$S/$f" ] || fail "make install DESTDIR=... did not install $f"
done
CHECKS=$((CHECKS + 1))
[ -x "$S/bin/soem" ] || fail "the installed soem is not executable"
CHECKS=$((CHECKS + 1))
[ ! -e "$T/p" ] || fail "make install DESTDIR=... wrote outside DESTDIR ($T/p)"

# the prefix itself, used from elsewhere
if ! $MAKE install >"$T/install.log" 2>&1; then
	tail -30 "$T/install.log"
	fail "make install"
	exit 1
fi
cd "$T/elsewhere" || exit 1
run() {
	env -i PATH=/usr/bin:/bin HOME="$T/home" LANG=C.UTF-8 TZ=UTC "$@"
}
CHECKS=$((CHECKS + 1))
if run "$T/p/bin/soem" kb list >"$T/list" 2>"$T/list.err"; then
	grep -q " $T/p/share/soem/kb/dk.yaml\$" "$T/list" ||
		fail "kb list does not read dk from the prefix: $(cat "$T/list")"
	grep -q " $T/p/share/soem/kb/se.yaml\$" "$T/list" ||
		fail "kb list does not read se from the prefix"
	grep -qF "$SRC" "$T/list" && fail "kb list reads from the source tree"
else
	fail "soem kb list: $(cat "$T/list.err")"
fi
CHECKS=$((CHECKS + 1))
run "$T/p/bin/soem" calc "$T/p/share/soem/examples/housing-first.soem.yaml" \
	--format yaml >"$T/calc" 2>&1 || fail "soem calc of the installed example: $(head -5 "$T/calc")"
CHECKS=$((CHECKS + 1))
if run "$T/p/bin/soem" --lang da --help >"$T/help" 2>&1; then
	run "$T/p/bin/soem" --lang en --help >"$T/help.en" 2>&1
	head -1 "$T/help" | grep -q '^Brug:' ||
		fail "--lang da --help is not Danish: $(head -1 "$T/help")"
	cmp -s "$T/help" "$T/help.en" && fail "--lang da --help is the English text"
else
	fail "soem --lang da --help"
fi
# a message of the command line, in Danish and Swedish
CHECKS=$((CHECKS + 1))
run "$T/p/bin/soem" --lang da calc 2>&1 | grep -q 'præcis én beregningsfil' ||
	fail "soem --lang da calc: the message is not Danish"
CHECKS=$((CHECKS + 1))
run "$T/p/bin/soem" --lang sv calc 2>&1 | grep -q 'exakt en kalkylfil' ||
	fail "soem --lang sv calc: the message is not Swedish"
CHECKS=$((CHECKS + 1))
run "$T/p/bin/soem" --lang sv --help 2>&1 | head -1 | grep -q '^Användning:' ||
	fail "--lang sv --help is not Swedish"

# Tests never read what is installed (issue 12): a bogus Danish and
# Swedish catalogue in this build's own LOCALEDIR ($T/p/share/locale, where
# soem looks without SOEM_LOCALEDIR), an extra example in its PKGDATADIR;
# then this build's tests of that rule, its configuration test and a
# wizard test that speaks Danish must still pass.
CHECKS=$((CHECKS + 1))
if command -v msgfilter >/dev/null 2>&1 && command -v msgfmt >/dev/null 2>&1; then
	for l in da sv; do
		msgfilter --keep-header -i "$SRC/po/$l.po" -o "$T/$l-bogus.po" \
			sed -e 's/.*/INSTALLED-BOGUS/' &&
		msgfmt -o "$T/p/share/locale/$l/LC_MESSAGES/soem.mo" "$T/$l-bogus.po" ||
			fail "could not make the bogus $l catalogue"
	done
	cp "$SRC/share/soem/examples/housing-first.soem.yaml" \
		"$T/p/share/soem/examples/zz-installed.soem.yaml"
	run "$T/p/bin/soem" --lang da calc 2>&1 | grep -q INSTALLED-BOGUS ||
		fail "the bogus installed catalogue is not what an installed soem reads"
	cd "$T/build" || exit 1
	if ! $MAKE test-locale >"$T/check.log" 2>&1 ||
		! $MAKE check-TESTS TESTS="tests/env/isolated.sh tests/env/isolated-tmux.sh tests/cli/config.sh tests/e2e/export.sh" \
			>>"$T/check.log" 2>&1; then
		grep -h '^FAIL' "$T/check.log" tests/env/*.log tests/cli/config.log \
			tests/e2e/export.log 2>/dev/null | head -n 20
		grep -h INSTALLED-BOGUS tests/*/*.log 2>/dev/null | head -n 5
		fail "with a bogus installed catalogue, the build's tests fail"
	fi
else
	fail "msgfilter or msgfmt (gettext) is missing"
fi

echo "$CHECKS checks, failed: $FAILED"
[ "$FAILED" = 0 ]
