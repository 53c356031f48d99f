#!/bin/sh
# A file Save may not replace opens read-only, with the reason, like one
# another soem has (issue 12, §3): a write-protected file of one's own
# (0444; root's access() would say it is writable) and a trainer's course
# file of another user in a shared folder (as root: the wizard runs as the
# user nobody, setpriv or runuser of util-linux).  Save is refused and the
# file is never touched; Save as another name works.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

EX="$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml"

# one's own file, write-protected
cp "$EX" "$WORK/mine.soem.yaml"
chmod 444 "$WORK/mine.soem.yaml"
sum0=$(cksum <"$WORK/mine.soem.yaml")
soem_start -- mine.soem.yaml
wait_for "Enter: OK"
check 'popup_text | grep -qF "mine.soem.yaml is write-protected (mode 444): opened read-only. Save as (Alt-w) saves a copy under another name."' "no reason given: $(popup_text)"
keys Enter
wait_for "[mine.soem.yaml, read-only]"
down_to "Participants who start in this year"
type "71"
keys Enter
wait_for "Year 1 (2026)                71"
keys C-s
wait_for "Enter: OK"
check 'popup_text | grep -qF "mine.soem.yaml is open read-only: it is write-protected (mode 444). Save is refused"' "Save was not refused: $(popup_text)"
keys Enter
wait_gone "Enter: OK"
check 'screen_has "[mine.soem.yaml, changed, read-onl"' "the work is not kept as changed"
check '[ "$(cksum <"$WORK/mine.soem.yaml")" = "$sum0" ]' "the write-protected file was replaced"
keys C-w
wait_for "File name"
keys C-u
type "mine2.soem.yaml"
keys Enter
wait_for "Saved to mine2.soem.yaml."
check 'grep -q "{year: 1, participants: 71}" "$WORK/mine2.soem.yaml"' "Save as did not save"
check '[ "$(stat -c %a "$WORK/mine.soem.yaml")" = 444 ]' "the file's mode changed"
keys C-q
wait_for "__EXIT=0"

# a trainer's course file (root's, 0444) in a shared folder, opened by a
# participant (uid 65534): today's soem replaced it on Save
if [ "$(id -u)" != 0 ]; then
	echo "note: not root: another user's file cannot be made here; that part is left out"
	finish
fi
if command -v setpriv >/dev/null 2>&1; then
	SOEM_WRAP="setpriv --reuid=65534 --regid=65534 --clear-groups"
elif command -v runuser >/dev/null 2>&1; then
	SOEM_WRAP="runuser -u nobody --"
else
	echo "SKIP: running as root without setpriv or runuser"
	exit 77
fi
mkdir "$T/bin"
cp "$SOEM_BIN" "$T/bin/soem"
cp -R "$SOEM_KB_DIR" "$T/kb"
SOEM_BIN="$T/bin/soem"
SOEM_KB_DIR="$T/kb"
chmod 755 "$T"
chown -R 65534:65534 "$TH" "$WORK"
mkdir "$WORK/course"
chmod 777 "$WORK/course"
cp "$EX" "$WORK/course/hf.soem.yaml"
chmod 444 "$WORK/course/hf.soem.yaml"
sum0=$(cksum <"$WORK/course/hf.soem.yaml")
soem_start -- course/hf.soem.yaml
wait_for "Enter: OK"
check 'popup_text | grep -qF "course/hf.soem.yaml belongs to root (uid 0): opened read-only, so that Save does not replace another user'"'"'s file."' "no reason given: $(popup_text)"
keys Enter
wait_for "[hf.soem.yaml, read-only]"
down_to "Participants who start in this year"
type "72"
keys Enter
wait_for "Year 1 (2026)                72"
keys C-s
wait_for "Enter: OK"
check 'popup_text | grep -qF "course/hf.soem.yaml is open read-only: it belongs to root (uid 0). Save is refused"' "Save was not refused: $(popup_text)"
keys Enter
wait_gone "Enter: OK"
check '[ "$(cksum <"$WORK/course/hf.soem.yaml")" = "$sum0" ]' "the course file was replaced"
check '[ "$(stat -c %u "$WORK/course/hf.soem.yaml")" = 0 ]' "the course file changed owner"
check '[ ! -e "$WORK/course/hf.soem.yaml.lock" ]' "a lock was taken on a read-only file"
keys C-w
wait_for "File name"
keys C-u
type "course/my-hf.soem.yaml"
keys Enter
wait_for "Saved to course/my-hf.soem.yaml."
check 'grep -q "{year: 1, participants: 72}" "$WORK/course/my-hf.soem.yaml"' "Save as did not save"
check '[ "$(stat -c %u:%a "$WORK/course/my-hf.soem.yaml")" = 65534:600 ]' "the copy: $(stat -c %u:%a "$WORK/course/my-hf.soem.yaml")"
keys C-q
wait_for "__EXIT=0"
finish
