#!/bin/sh
# The wizard at the end of the README's first command, without a person:
# `soem` (the installed one, found on PATH) in a private tmux server, as a
# newcomer starts it; waits for the start screen, quits with the quit key
# (Ctrl-X, as the key bar shows) and checks that soem exited 0.  .ci/run puts this in place of
# the command's last word.
set -u
command -v tmux >/dev/null 2>&1 || { echo "FAIL: tmux is not installed"; exit 1; }
bin=$(command -v soem) || { echo "FAIL: soem is not on PATH after make install"; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/soem-ci.XXXXXX")
sock="soem-ci-$$"
tm() { TMUX_TMPDIR="$T" tmux -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT
mkdir -p "$T/home"
tm new-session -d -s ci -x 80 -y 24 \
	"env -i PATH='$PATH' HOME='$T/home' LANG=C.UTF-8 TERM=screen TZ=UTC \
'$bin'; echo __EXIT=\$?; sleep 600" || { echo "FAIL: tmux could not start"; exit 1; }
# wait for TEXT (10 s)
wait_for() {
	i=0
	while [ $i -lt 200 ]; do
		tm capture-pane -t ci -p | grep -qF -- "$1" && return 0
		i=$((i + 1))
		sleep 0.05
	done
	echo "FAIL: the wizard did not show '$1'; the screen:"
	tm capture-pane -t ci -p | sed 's/^/| /'
	exit 1
}
wait_for "What would you like to do?"
echo "soem: the start screen is up ($bin)"
tm send-keys -t ci C-x   # the quit key the bar shows (issue 14: ^X, which tmux, screen and browsers leave alone)
wait_for "__EXIT=0"
echo "soem: quit with Ctrl-X, exit 0"
