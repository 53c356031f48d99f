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
#   soem_pid               the pid of the soem in the session
#   popup_text             the text inside the popup's frame, lines joined
#
# E2E_SESSION names the tmux session all of these act on (default e2e;
# set it to run two soem side by side).  SOEM_WRAP is put before the soem
# binary (e.g. setpriv to run it as another user).
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

# nothing installed on the machine is read (see tests/lib.sh)
: "${SOEM_LOCALEDIR:=$(cd "${SOEM_BUILDDIR:-.}" && pwd)/tests/locale}"
: "${SOEM_DATADIR:=$(cd "$SOEM_SRCDIR" && pwd)/share/soem}"
: "${SOEM_SYSCONFDIR:=/nonexistent/soem-sysconfdir}"
SOCK="soem-$$"
E2E_SESSION=${E2E_SESSION:-e2e}
SOEM_WRAP=${SOEM_WRAP:-}
T=$(mktemp -d "${TMPDIR:-/tmp}/soem-e2e.XXXXXX")
# each test's tmux server keeps its socket in the test's own folder
export TMUX_TMPDIR="$T"
WORK="$T/work"
TH="$T/home"
mkdir -p "$WORK" "$TH/.config" "$TH/.local/state" "$TH/.local/share"
SCREENPY="$SOEM_SRCDIR/tests/e2e/screen.py"
FAILED=0
CHECKS=0

tm() {
	"$TMUX_BIN" -L "$SOCK" -f /dev/null "$@"
}

# The soem processes of every pane (children of the panes' shells).
e2e_soem_pids() {
	for _c_sh in $(tm list-panes -a -F '#{pane_pid}' 2>/dev/null); do
		ps -eo pid=,ppid=,comm= | awk -v pp="$_c_sh" \
			'$2 == pp && $3 == "soem" { print $1 }'
	done
}

e2e_cleanup() {
	_c_rc=$?
	_c_pids=$(e2e_soem_pids)
	tm kill-server >/dev/null 2>&1
	# A soem whose terminal is gone must leave by itself (SPEC 5.4: a lost
	# terminal is a hang-up); one still running 10 s later is an orphan
	# that would spin on a shared server: kill it and fail.
	for _c_p in $_c_pids; do
		_c_i=0
		while kill -0 "$_c_p" 2>/dev/null && [ "$_c_i" -lt 100 ]; do
			sleep 0.1
			_c_i=$((_c_i + 1))
		done
		kill -0 "$_c_p" 2>/dev/null || continue
		if ls -l "/proc/$_c_p/fd" 2>/dev/null | grep -q "/proc/$_c_p/task"; then
			# LeakSanitizer's exit-time check, deadlocked with its
			# ptrace tracer (sanitizer builds only): not soem's loop
			echo "note: soem $_c_p stuck in LeakSanitizer's exit check; killed"
		else
			echo "FAIL: soem $_c_p did not exit after its terminal was closed"
			ps -o pid,stat,pcpu,etime,cmd -p "$_c_p"
			_c_rc=1
		fi
		kill -9 "$_c_p" 2>/dev/null
	done
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
	chmod -R u+w "$T" 2>/dev/null # a test's read-only folder
	rm -rf "$T"
	exit "$_c_rc"
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
	# A soem still running in the session is abandoned: closing its
	# terminal is a hang-up, and its emergency save would be offered for
	# recovery at the next start.  Wait for it to leave, and remove what
	# it saved (a test that wants that work lets soem exit first).
	_e_old=""
	_e_sh=$(tm display-message -p -t "$E2E_SESSION" '#{pane_pid}' 2>/dev/null)
	[ -n "$_e_sh" ] && _e_old=$(ps -eo pid=,ppid=,comm= | awk -v pp="$_e_sh" \
		'$2 == pp && $3 == "soem" { print $1 }')
	tm kill-session -t "$E2E_SESSION" >/dev/null 2>&1
	if [ -n "$_e_old" ]; then
		_e_i=0
		while kill -0 "$_e_old" 2>/dev/null && [ $_e_i -lt 200 ]; do
			sleep 0.05
			_e_i=$((_e_i + 1))
		done
		rm -f "$TH/.local/state/soem/autosave/"*
	fi
	# A server that the kill-session above ended may still be exiting:
	# tmux then says "server exited unexpectedly".  Try again.
	_e_try=0
	until tm new-session -d -s "$E2E_SESSION" -x 80 -y 24 \
		"cd '$WORK' && env -i PATH='$PATH' HOME='$TH' \
XDG_CONFIG_HOME='$TH/.config' XDG_STATE_HOME='$TH/.local/state' \
XDG_DATA_HOME='$TH/.local/share' LANG=C.UTF-8 LC_ALL= TERM=screen TZ=UTC \
SOEM_LOCALEDIR='$SOEM_LOCALEDIR' SOEM_DATADIR='$SOEM_DATADIR' \
SOEM_SYSCONFDIR='$SOEM_SYSCONFDIR' ESCDELAY=25 $_e_envs $SOEM_WRAP '$SOEM_BIN' --kb '$SOEM_KB_DIR' $_e_args; \
echo __EXIT=\$?; sleep 600"; do
		_e_try=$((_e_try + 1))
		if [ "$_e_try" -ge 5 ]; then
			echo "FAIL: tmux could not start a session"
			FAILED=1
			return 1
		fi
		sleep 0.2
	done
	tm set-option -t "$E2E_SESSION" status off >/dev/null
	tm resize-window -t "$E2E_SESSION" -x 80 -y 24 >/dev/null 2>&1
}

keys() {
	for _k_k in "$@"; do
		tm send-keys -t "$E2E_SESSION" "$_k_k"
	done
}

type() {
	tm send-keys -t "$E2E_SESSION" -l -- "$1"
}

screen() {
	tm capture-pane -t "$E2E_SESSION" -p
}

screen_e() {
	tm capture-pane -t "$E2E_SESSION" -p -e
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

# screen_has_re RE [SECS]: true once the screen matches the extended
# regular expression RE (polled: a screen read once may be caught half
# redrawn); false after SECS (default 5).
screen_has_re() {
	_r_n=$((${2:-5} * 20))
	_r_i=0
	while [ $_r_i -lt $_r_n ]; do
		screen | grep -qE -- "$1" && return 0
		_r_i=$((_r_i + 1))
		sleep 0.05
	done
	return 1
}

# screen_has TEXT [SECS]: the same for a fixed text.
screen_has() {
	_r_n=$((${2:-5} * 20))
	_r_i=0
	while [ $_r_i -lt $_r_n ]; do
		screen | grep -qF -- "$1" && return 0
		_r_i=$((_r_i + 1))
		sleep 0.05
	done
	return 1
}

check() {
	CHECKS=$((CHECKS + 1))
	if ! eval "$1"; then
		fail "$2"
	fi
}

# The text inside the frame of the popup on the screen (UTF-8 frame), its
# lines joined by one space: wrapped messages can be matched whole.
popup_text() {
	screen | sed -n 's/^[^│]*│\(.*\)│[^│]*$/\1/p' | tr '\n' ' ' | tr -s ' '
}

# The soem process of the session (a child of the pane's shell).
soem_pid() {
	_p_sh=$(tm display-message -p -t "$E2E_SESSION" '#{pane_pid}')
	_p_i=0
	while [ $_p_i -lt 100 ]; do
		_p_pid=$(awk -v pp="$_p_sh" '$4 == pp { print $1; exit }' \
			/proc/[0-9]*/stat 2>/dev/null)
		if [ -n "$_p_pid" ]; then
			echo "$_p_pid"
			return 0
		fi
		_p_i=$((_p_i + 1))
		sleep 0.05
	done
	return 1
}

resize() {
	tm resize-window -t "$E2E_SESSION" -x "$1" -y "$2"
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

# kb_with_supported: a test database for the supported marker and the
# bulk action.  The shipped dk profile marks no row supported (issue 16:
# its source does not say which rows are recommended), so this copies the
# shipped profiles to $T/kb-supported, marks the four rows of
# hjemloese/ophold_herberg that come from SØM's concept note supported
# (with a supported_source naming this test), and points SOEM_KB_DIR there.
kb_with_supported() {
	mkdir -p "$T/kb-supported"
	cp "$SOEM_KB_DIR/se.yaml" "$T/kb-supported/se.yaml"
	python3 - "$SOEM_KB_DIR/dk.yaml" "$T/kb-supported/dk.yaml" <<'PYEOF'
import sys
src = open(sys.argv[1], encoding='utf-8').read()
parts = src.split('\n          - service: ')
n = 0
for i, p in enumerate(parts):
    if 'konceptbeskrivelsen' in p and '            supported: false\n' in p:
        parts[i] = p.replace('            supported: false\n',
                             '            supported: true\n'
                             '            supported_source: marked by the e2e test\n', 1)
        n += 1
if n != 4:
    sys.exit('kb_with_supported: %d rows marked, expected 4' % n)
open(sys.argv[2], 'w', encoding='utf-8').write('\n          - service: '.join(parts))
PYEOF
	SOEM_KB_DIR="$T/kb-supported"
}

# down_to TEXT: presses Down until TEXT is on the screen (the line under a
# form names the field the cursor is on), waiting after each key for the
# screen to change and settle; fails after 24 keys.  Reaches a field by
# what it is, not by how many rows come before it.
down_to() {
	_d_key=Down
	_d_to "$@"
}

# up_to TEXT: the same with Up.
up_to() {
	_d_key=Up
	_d_to "$@"
}

_d_to() {
	_d_i=0
	while [ $_d_i -lt 24 ]; do
		_d_cur=$(screen)
		if printf '%s\n' "$_d_cur" | grep -qF -- "$1"; then
			CHECKS=$((CHECKS + 1))
			return 0
		fi
		keys "$_d_key"
		_d_j=0
		while [ $_d_j -lt 100 ] && [ "$(screen)" = "$_d_cur" ]; do
			sleep 0.05
			_d_j=$((_d_j + 1))
		done
		settle 2
		_d_i=$((_d_i + 1))
	done
	fail "$_d_key never reached: $1"
	finish
}

# kb_frozen: the frozen Danish database of 2026.2 (tests/data/kb-2026.2:
# no tax shares, no price schedules, a price index 2015-2024) copied to
# $T/kb-frozen, and SOEM_KB_DIR pointed there: for tests of the wizard
# whose figures must not move when the shipped database's do.  A test may
# change the copy (it is writable).
kb_frozen() {
	mkdir -p "$T/kb-frozen"
	cp "$SOEM_TEST_DATA/kb-2026.2/dk.yaml" "$T/kb-frozen/dk.yaml"
	chmod u+w "$T/kb-frozen/dk.yaml"
	SOEM_KB_DIR="$T/kb-frozen"
}
