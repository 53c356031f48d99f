#!/bin/sh
# The training room (issue 14 point 18, issue 17 point 4), end to end as
# soem(1)'s TRAINING ROOM section tells it.  The trainer (root here) puts
# the course file in a folder the trainees cannot write, and a hand-in
# folder (group writable, sticky, setgid) named in soem.ini's [course]
# handin.  A trainee (uid 65534, setpriv; its own private home) runs
# `soem --step consequences COURSE/case.soem.yaml`: read-only, on the
# Consequences step; Save as proposes ~/case.soem.yaml and saves there
# (~ expanded, mode 0600).  `soem --copy` opens a private copy at once.
# Hand in (h on Results) puts a copy into the hand-in folder, mode 0640,
# the folder's group.  The trainer (another uid in that group) runs
# `soem compare IN/*.soem.yaml`: the files it can read side by side, the
# one it cannot listed with whose it is.  A file whose lock another user
# holds says who, not only "Permission denied".
#
# Bugs it catches: Save as in a read-only session proposing the course
# file itself (refused) and taking "~/x" as a folder named "~"; no --copy;
# no Hand in; "cannot create the lock file ...: Permission denied" alone.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

if [ "$(id -u)" != 0 ]; then
	echo "note: not root: other users cannot be made here; the test needs them"
	finish
fi
if command -v setpriv >/dev/null 2>&1; then
	TRAINEE="setpriv --reuid=65534 --regid=65534 --clear-groups"
	TRAINER="setpriv --reuid=65533 --regid=65534 --clear-groups"
else
	echo "SKIP: running as root without setpriv (util-linux)"
	exit 77
fi
EX="$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml"
mkdir "$T/bin"
cp "$SOEM_BIN" "$T/bin/soem"
cp -R "$SOEM_KB_DIR" "$T/kb"
SOEM_BIN="$T/bin/soem"
SOEM_KB_DIR="$T/kb"
chmod 755 "$T"
# the trainee's home is private
chown -R 65534:65534 "$TH"
chmod 700 "$TH"
chmod 755 "$WORK"
# the trainer's course folder: trainees cannot write it
C="$T/srv/course"
mkdir -p "$C/in"
chmod 755 "$T/srv" "$C"
cp "$EX" "$C/case.soem.yaml"
chmod 644 "$C/case.soem.yaml"
# the hand-in folder: the group (65534) writes, sticky, setgid
chown 0:65534 "$C/in"
chmod 3770 "$C/in"
printf '[course]\nhandin = %s\n' "$C/in" >"$T/srv/soem.ini"
chmod 644 "$T/srv/soem.ini"
SOEM_WRAP=$TRAINEE
sum0=$(cksum <"$C/case.soem.yaml")

# 1. the course file, read-only, at the Consequences step
soem_start -- --config "$T/srv/soem.ini" --step consequences "$C/case.soem.yaml"
wait_for "Enter: OK"
check 'popup_text | grep -qF "case.soem.yaml belongs to root (uid 0): opened read-only"' "no reason: $(popup_text)"
keys Enter
wait_for "[case.soem.yaml, read-only]"
check 'screen | grep -q "Step 5 of 7"' "not opened at the Consequences step"
# Save as proposes the home folder, "~" written as the user reads it
keys M-w
wait_for "File name"
check 'screen | grep -qF "~/case.soem.yaml"' "Save as does not propose ~/case.soem.yaml"
keys Enter
wait_for "Saved to $TH/case.soem.yaml."
check '[ "$(stat -c %u:%a "$TH/case.soem.yaml")" = 65534:600 ]' "the copy: $(stat -c %u:%a "$TH/case.soem.yaml" 2>&1)"
check '[ ! -e "$WORK/~" ]' "a folder named ~ was made"
check 'screen | grep -qF "[case.soem.yaml]"' "not working on the copy"
# a name typed with ~ is the home folder too
keys M-w
wait_for "File name"
keys C-u
type "~/typed.soem.yaml"
keys Enter
wait_for "Saved to $TH/typed.soem.yaml."
keys C-x
wait_for "__EXIT=0"
check '[ "$(cksum <"$C/case.soem.yaml")" = "$sum0" ]' "the course file changed"

# 2. --copy: a private copy at once (none there yet)
rm -f "$TH/case.soem.yaml"
soem_start -- --config "$T/srv/soem.ini" --copy --step consequences "$C/case.soem.yaml"
wait_for "Working on your own copy $TH/case.soem.yaml"
check 'screen | grep -qF "[case.soem.yaml]"' "the copy is not open (or read-only)"
check 'screen | grep -q "Step 5 of 7"' "--copy lost --step"
check '[ "$(stat -c %u:%a "$TH/case.soem.yaml")" = 65534:600 ]' "the copy: $(stat -c %u:%a "$TH/case.soem.yaml" 2>&1)"
check '[ -e "$TH/case.soem.yaml.lock" ]' "the copy is not locked"
keys C-s
wait_for "Saved to $TH/case.soem.yaml."
keys C-x
wait_for "__EXIT=0"
# a second --copy asks: open the copy, or replace it
soem_start -- --config "$T/srv/soem.ini" --copy "$C/case.soem.yaml"
wait_for "You have a copy already"
keys o
wait_for "[case.soem.yaml]"

# 3. Hand in from Results: into the hand-in folder, for its group
keys C-g
wait_for "Go to step"
keys 7
wait_for "Step 7 of 7"
keys h
wait_for "Handed in"
H="$C/in/nobody-case.soem.yaml"
check '[ "$(stat -c %u:%g:%a "$H")" = 65534:65534:640 ]' "the handed-in file: $(stat -c %u:%g:%a "$H" 2>&1)"
check 'cmp -s "$H" "$TH/case.soem.yaml"' "the handed-in file is not the trainee's work"
keys C-x
wait_for "__EXIT=0"

# 4. the trainer's closing view: another trainee's variant, and one the
# trainer may not read (mode 0600 of uid 65532)
sed 's/amount: 300000}/amount: 350000}/' "$EX" >"$C/in/carl-case.soem.yaml"
chown 65531:65534 "$C/in/carl-case.soem.yaml"
chmod 640 "$C/in/carl-case.soem.yaml"
cp "$EX" "$C/in/bob-case.soem.yaml"
chown 65532:65534 "$C/in/bob-case.soem.yaml"
chmod 600 "$C/in/bob-case.soem.yaml"
$TRAINER env HOME=/nonexistent SOEM_LOCALEDIR="$SOEM_LOCALEDIR" SOEM_DATADIR="$SOEM_DATADIR" \
	SOEM_SYSCONFDIR="$SOEM_SYSCONFDIR" LANG=C.UTF-8 \
	"$SOEM_BIN" --kb "$SOEM_KB_DIR" --lang en compare "$C"/in/*.soem.yaml \
	>"$T/cmp.out" 2>"$T/cmp.err"
rc=$?
check '[ "$rc" = 0 ]' "soem compare exited $rc: $(cat "$T/cmp.err")"
check 'grep -qF "carl-case.soem.yaml" "$T/cmp.out" && grep -qF "nobody-case.soem.yaml" "$T/cmp.out"' "the readable files are not compared: $(cat "$T/cmp.out")"
check 'grep -qF "Left out:" "$T/cmp.out" && grep -F "bob-case.soem.yaml" "$T/cmp.out" | grep -qF "Permission denied (the file belongs to 65532, uid 65532, mode 600)"' "the unreadable file is not listed with whose it is: $(grep -F bob "$T/cmp.out")"
check 'grep -qF "+50,000" "$T/cmp.out"' "the variant's cost difference is not shown"

# 5. a file in a shared folder whose lock another user holds: who has it
mkdir "$WORK/shared"
chmod 1777 "$WORK/shared"
cp "$EX" "$WORK/shared/team.soem.yaml"
chmod 644 "$WORK/shared/team.soem.yaml" # distcheck's source tree is read-only
chown 65534:65534 "$WORK/shared/team.soem.yaml"
: >"$WORK/shared/team.soem.yaml.lock"
chown 65532:65532 "$WORK/shared/team.soem.yaml.lock"
chmod 600 "$WORK/shared/team.soem.yaml.lock"
soem_start -- shared/team.soem.yaml
wait_for "Enter: OK"
check 'popup_text | grep -qF "shared/team.soem.yaml is in use by 65532 (uid 65532)"' "the lock's owner is not named: $(popup_text)"
keys Enter
wait_for "[team.soem.yaml, read-only]"
keys C-x
wait_for "__EXIT=0"
finish
