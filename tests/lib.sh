# tests/lib.sh - shared by the shell tests.  Source it; then use
#   expect_exit CODE CMD...       runs CMD, saves stdout/stderr, checks code
#   expect_in FILE TEXT           FILE contains TEXT (fixed string)
#   expect_not_in FILE TEXT
# Each failure prints what was expected and what came, and sets FAILED.
set -u
: "${SOEM_BIN:?SOEM_BIN is not set (run through make check)}"
: "${SOEM_SRCDIR:=.}"
: "${SOEM_TEST_DATA:=$SOEM_SRCDIR/tests/data}"
: "${SOEM_KB_DIR:=$SOEM_SRCDIR/share/soem/kb}"
FAILED=0
CHECKS=0
T=$(mktemp -d "${TMPDIR:-/tmp}/soem-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
# Nothing installed on the machine is read (make check sets these; the
# defaults are for running a test by hand): the build's translations,
# the source tree's databases and examples, no system configuration.
: "${SOEM_LOCALEDIR:=${SOEM_BUILDDIR:-.}/tests/locale}"
: "${SOEM_DATADIR:=$SOEM_SRCDIR/share/soem}"
: "${SOEM_SYSCONFDIR:=$T/no-sysconfdir}"
export SOEM_LOCALEDIR SOEM_DATADIR SOEM_SYSCONFDIR
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" \
	XDG_STATE_HOME="$T/home/.local/state" \
	XDG_DATA_HOME="$T/home/.local/share" XDG_CACHE_HOME="$T/home/.cache" \
	TZ=UTC
mkdir -p "$HOME"
OUT="$T/stdout"
ERR="$T/stderr"

fail() {
	echo "FAIL: $*"
	FAILED=1
}

expect_exit() {
	want=$1; shift
	CHECKS=$((CHECKS + 1))
	"$@" >"$OUT" 2>"$ERR" </dev/null
	got=$?
	if [ "$got" != "$want" ]; then
		fail "exit $got, expected $want: $*"
		echo "--- stdout"; head -c 2000 "$OUT"; echo "--- stderr"; head -c 2000 "$ERR"
	fi
}

expect_in() {
	CHECKS=$((CHECKS + 1))
	if ! grep -qF -- "$2" "$1"; then
		fail "'$2' not found in $(basename "$1")"
		echo "--- $(basename "$1"):"; head -c 2000 "$1"
	fi
}

expect_not_in() {
	CHECKS=$((CHECKS + 1))
	if grep -qF -- "$2" "$1"; then
		fail "'$2' found in $(basename "$1") but should not be"
	fi
}

finish() {
	echo "$CHECKS checks, failed: $FAILED"
	[ "$FAILED" = 0 ] && exit 0
	exit 1
}
