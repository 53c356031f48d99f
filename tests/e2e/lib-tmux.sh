# tests/e2e/lib-tmux.sh - drive the real soem binary in a private tmux
# server.  Source it from a test script; then:
#
#   soem_start [VAR=value ...] [-- soem arguments]
#                          starts soem in a fresh 80x24 session with an
#                          isolated environment (HOME, XDG_*, LANG, TERM,
#                          TZ) and --kb $SOEM_KB_DIR, in the directory $WORK
#   keys KEY...            tmux key names: Enter Escape Tab BTab Up Down
#                          Left Right PPage NPage Home End F1 C-n C-s ...
#   type TEXT              literal text
#   wait_for TEXT [SECS]   polls the screen until TEXT appears (fails with
#                          the screen printed after SECS, default 10)
#   wait_gone TEXT [SECS]  the same until TEXT is gone
#   screen                 the screen as text;  screen_e: with attributes
#   check COND MESSAGE     counts a check; fails with the screen printed
#   resize COLS ROWS       resizes the window (SIGWINCH)
#   finish                 prints the result and exits 0 or 1
#
# Exit 77 (skip) only when tmux is missing.  Nothing sleeps a fixed time
# as its only way to wait: every wait polls the screen with a timeout.
set -u
: "${SOEM_BIN:?SOEM_BIN is not set (run through make check)}"
: "${SOEM_SRCDIR:=.}"
: "${SOEM_KB_DIR:=$SOEM_SRCDIR/share/soem/kb}"
: "${SOEM_TEST_DATA:=$SOEM_SRCDIR/tests/data}"
TMUX_BIN=${TMUX_BIN:-}
[ -n "$TMUX_BIN" ] || TMUX_BIN=$(command -v tmux 2>/dev/null || true)
if [ -z "$TMUX_BIN" ] || [ ! -x "$TMUX_BIN" ]; then
	echo "SKIP: tmux is not installed"
	exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing"; exit 1; }

SOCK="soem-$$"
T=$(mktemp -d "${TMPDIR:-/tmp}/soem-e2e.XXXXXX")
WORK="$T/work"
TH="$T/home"
mkdir -p "$WORK" "$TH/.config" "$TH/.local/state" "$TH/.local/share"
SCREENPY="$SOEM_SRCDIR/tests/e2e/screen.py"
FAILED=0
CHECKS=0

tm() {
	"$TMUX_BIN" -L "$SOCK" -f /dev/null "$@"
}

e2e_cleanup() {
	tm kill-server >/dev/null 2>&1
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
	rm -rf "$T"
}
trap e2e_cleanup EXIT
trap 'exit 1' INT TERM

# soem_start [VAR=value ...] [-- args]
soem_start() {
	_e_envs=""
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		_e_envs="$_e_envs $1"
		shift
	done
	[ $# -gt 0 ] && shift
	_e_args=""
	for _e_a in "$@"; do
		_e_args="$_e_args '$_e_a'"
	done
	tm kill-session -t e2e >/dev/null 2>&1
	tm new-session -d -s e2e -x 80 -y 24 \
		"cd '$WORK' && env -i PATH='$PATH' HOME='$TH' \
XDG_CONFIG_HOME='$TH/.config' XDG_STATE_HOME='$TH/.local/state' \
XDG_DATA_HOME='$TH/.local/share' LANG=C.UTF-8 LC_ALL= TERM=screen TZ=UTC \
ESCDELAY=25 $_e_envs '$SOEM_BIN' --kb '$SOEM_KB_DIR' $_e_args; \
echo __EXIT=\$?; sleep 600"
	tm set-option -t e2e status off >/dev/null
	tm resize-window -t e2e -x 80 -y 24 >/dev/null 2>&1
}

keys() {
	for _k_k in "$@"; do
		tm send-keys -t e2e "$_k_k"
	done
}

type() {
	tm send-keys -t e2e -l -- "$1"
}

screen() {
	tm capture-pane -t e2e -p
}

screen_e() {
	tm capture-pane -t e2e -p -e
}

show_screen() {
	echo "---- screen ----"
	screen | sed 's/^/| /'
	echo "----------------"
}

fail() {
	echo "FAIL: $*"
	FAILED=1
	show_screen
}

# polls every 0.05 s
wait_for() {
	_w_want=$1
	_w_secs=${2:-10}
	_w_n=$((_w_secs * 20))
	_w_i=0
	while [ $_w_i -lt $_w_n ]; do
		if screen | grep -qF -- "$_w_want"; then
			CHECKS=$((CHECKS + 1))
			return 0
		fi
		_w_i=$((_w_i + 1))
		sleep 0.05
	done
	fail "timed out after ${_w_secs}s waiting for: $_w_want"
	finish
}

wait_gone() {
	_w_want=$1
	_w_secs=${2:-10}
	_w_n=$((_w_secs * 20))
	_w_i=0
	while [ $_w_i -lt $_w_n ]; do
		if ! screen | grep -qF -- "$_w_want"; then
			CHECKS=$((CHECKS + 1))
			return 0
		fi
		_w_i=$((_w_i + 1))
		sleep 0.05
	done
	fail "timed out after ${_w_secs}s: still on the screen: $_w_want"
	finish
}

# Waits until the screen has been the same for a short while (the program
# has drawn everything it will for the last key), at most SECS.
settle() {
	_s_n=$((${1:-5} * 20))
	_s_prev=""
	_s_i=0
	_s_same=0
	while [ $_s_i -lt $_s_n ]; do
		_s_cur=$(screen_e)
		if [ "$_s_cur" = "$_s_prev" ]; then
			_s_same=$((_s_same + 1))
			[ $_s_same -ge 3 ] && return 0
		else
			_s_same=0
		fi
		_s_prev=$_s_cur
		_s_i=$((_s_i + 1))
		sleep 0.05
	done
}

check() {
	CHECKS=$((CHECKS + 1))
	if ! eval "$1"; then
		fail "$2"
	fi
}

resize() {
	tm resize-window -t e2e -x "$1" -y "$2"
}

finish() {
	echo "$CHECKS checks, failed: $FAILED"
	[ "$FAILED" = 0 ] && exit 0
	exit 1
}

# New calculation from the start screen with the only profile: leaves the
# wizard on step 1.
new_calc() {
	wait_for "What would you like to do?"
	keys Enter
	wait_for "Which knowledge database"
	keys Enter
	wait_for "Step 1 of 7: Intervention"
}
