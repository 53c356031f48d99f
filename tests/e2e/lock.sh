#!/bin/sh
# Two soem on one file (SPEC §5.4): the second is told who has it (user,
# host, pid, since when) and may open it read-only; then Save is refused
# (Save as to another file works) and the file is never touched.  A lock
# left by a killed soem does not block.  A lock file planted by another
# user with a note naming someone else is not believed: "locked by uid N"
# (as root, which makes the other user's file; CI runs as root).
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

F="$WORK/hf.soem.yaml"
cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$F"
chmod 600 "$F"
touch -d '2020-01-01 12:00' "$F"
mtime0=$(stat -c %Y "$F")
me=$(id -un)
host=$(uname -n)

# the first soem
E2E_SESSION=a
soem_start -- hf.soem.yaml
wait_for "Step 1 of 7: Intervention"
pid_a=$(soem_pid)
check '[ -f "$F.lock" ]' "no lock file"
since=$(date -u -d "@$(awk '{print $4}' "$F.lock")" '+%Y-%m-%d %H:%M')

# the second: told who has it
E2E_SESSION=b
soem_start -- hf.soem.yaml
wait_for "hf.soem.yaml is open in another soem"
check 'popup_text | grep -qF "user $me on $host, process $pid_a, since $since."' "pid or time missing (want $pid_a, $since)"
wait_for "y: open read-only"
keys y
wait_for "[hf.soem.yaml, read-only]"
check 'screen_has "Read-only: $me has the file open ($host, process $pid_a)"' "no read-only message"

# change something; Save is refused, Save as over the file too
down_to "Participants who start in this year"
type "99"
keys Enter
wait_for "Year 1 (2026)                99"
keys C-s
wait_for "hf.soem.yaml is open read-only"
check 'popup_text | grep -qF "Save is refused. Save as (Alt-w) saves a copy under another name."' "no clear refusal"
keys Enter
wait_gone "Enter: OK"
check 'screen_has "[hf.soem.yaml, changed, read-only]"' "the work is not kept as changed"
keys C-w
wait_for "File name"
# the proposal is ~/hf.soem.yaml (issue 14): the file's own name typed
keys C-u
type "hf.soem.yaml"
keys Enter
wait_for "hf.soem.yaml is open read-only: it is not saved over"
keys Enter
wait_gone "Enter: OK"
# Save as another file works, and that file is then the one open
keys C-w
wait_for "File name"
keys C-u
type "copy.soem.yaml"
keys Enter
wait_for "Saved to copy.soem.yaml."
check 'grep -q "{year: 1, participants: 99}" "$WORK/copy.soem.yaml"' "the copy lacks the change"
check '[ "$(stat -c %a "$WORK/copy.soem.yaml")" = 600 ]' "copy mode"
check '[ -f "$WORK/copy.soem.yaml.lock" ]' "the copy is not locked"
check '[ -f "$F.lock" ] && grep -q " $pid_a " "$F.lock"' "the first soem's lock was touched"
keys C-q
wait_for "__EXIT=0"
check '[ ! -e "$WORK/copy.soem.yaml.lock" ]' "the copy's lock stayed"

# the first quits: the file was never touched, no lock stays
E2E_SESSION=a
keys C-q
wait_for "__EXIT=0"
check '[ "$(stat -c %Y "$F")" = "$mtime0" ]' "the file's mtime changed"
check '[ ! -e "$F.lock" ]' "the lock stayed"
check '! grep -q "participants: 99" "$F"' "the file was changed"

# a soem killed with SIGKILL leaves its lock file: it does not block
soem_start -- hf.soem.yaml
wait_for "Step 1 of 7: Intervention"
p=$(soem_pid)
kill -KILL "$p"
i=0
while kill -0 "$p" 2>/dev/null && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
check '! kill -0 "$p" 2>/dev/null' "soem survived SIGKILL"
check '[ -f "$F.lock" ]' "the killed soem left no lock file (test setup)"
E2E_SESSION=b
soem_start -- hf.soem.yaml
wait_for "Step 1 of 7: Intervention"
check '! screen | grep -qF "open in another soem"' "a dead process's lock blocked"
check 'screen_has "[hf.soem.yaml]"' "opened read-only"
pid_b=$(soem_pid)
check 'grep -q " $pid_b " "$F.lock"' "the lock does not name the new holder"
down_to "Participants who start in this year"
type "31"
keys Enter
wait_for "Year 1 (2026)                31"
keys C-s
wait_for "Saved to hf.soem.yaml."
check 'grep -q "{year: 1, participants: 31}" "$F"' "not saved"
check '[ "$(stat -c %a "$F")" = 600 ]' "the file's mode changed"
keys C-q
wait_for "__EXIT=0"
check '[ ! -e "$F.lock" ]' "the lock stayed"

# a lock planted in a world-writable folder by another user (uid 65534),
# 0666, held, with a note that names root on a trainer's server
if [ "$(id -u)" = 0 ]; then
	P="$WORK/course.soem.yaml"
	cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$P"
	chmod 600 "$P" # distcheck's source tree is read-only
	chmod 777 "$WORK"
	printf 'root trainer-server 1 0\n' >"$P.lock"
	chmod 666 "$P.lock"
	chown 65534:65534 "$P.lock"
	python3 -c 'import fcntl, sys, time
f = open(sys.argv[1], "r")
fcntl.flock(f, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(600)' "$P.lock" "$T/held" &
	holder=$!
	i=0
	while [ ! -e "$T/held" ] && [ $i -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	soem_start -- course.soem.yaml
	wait_for "y: open read-only"
	check 'popup_text | grep -qF "course.soem.yaml is locked by uid 65534 (the lock file'"'"'s note of who has it cannot be trusted)."' "no uid: $(popup_text)"
	check '! screen | grep -qF "trainer-server"' "the planted note was believed"
	check '! screen | grep -qF "user root"' "the planted note was believed"
	keys y
	wait_for "[course.soem.yaml, read-only]"
	check 'screen_has "Read-only: the file is locked by uid 65534."' "no read-only message"
	keys C-q
	wait_for "__EXIT=0"
	kill "$holder"
	check '[ "$(cat "$P.lock")" = "root trainer-server 1 0" ]' "the planted lock was changed"
fi
finish
