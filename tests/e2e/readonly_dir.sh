#!/bin/sh
# A read-only directory (SPEC §3.2, §5.4): a file in it cannot be locked,
# so it opens read-only with a message; Save is refused; Save as into the
# directory fails with a clear message and the work stays open and
# changed; Save as elsewhere works.  Root may write anywhere, so as root
# the wizard runs as the user nobody (setpriv, or runuser, of util-linux).
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

mkdir "$WORK/ro"
cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$WORK/ro/hf.soem.yaml"
chmod 644 "$WORK/ro/hf.soem.yaml"
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		SOEM_WRAP="setpriv --reuid=65534 --regid=65534 --clear-groups"
	elif command -v runuser >/dev/null 2>&1; then
		SOEM_WRAP="runuser -u nobody --"
	else
		echo "SKIP: running as root without setpriv or runuser"
		exit 77
	fi
	# nobody needs the binary, the database, a home and the work folder
	mkdir "$T/bin"
	cp "$SOEM_BIN" "$T/bin/soem"
	cp -R "$SOEM_KB_DIR" "$T/kb"
	SOEM_BIN="$T/bin/soem"
	SOEM_KB_DIR="$T/kb"
	chmod 755 "$T"
	chown -R 65534:65534 "$TH" "$WORK"
fi
chmod 555 "$WORK/ro"
mtime0=$(stat -c %Y "$WORK/ro/hf.soem.yaml")

soem_start -- ro/hf.soem.yaml
wait_for "Enter: OK"
check 'popup_text | grep -qF "cannot create the lock file ro/hf.soem.yaml.lock: Permission denied; opened read-only."' "no clear message: $(popup_text)"
keys Enter
wait_for "[hf.soem.yaml, read-only]"

down_to "Participants who start in this year"
type "77"
keys Enter
wait_for "Year 1 (2026)                77"
keys C-s
wait_for "Enter: OK"
check 'popup_text | grep -qF "Save is refused"' "Save was not refused: $(popup_text)"
keys Enter
wait_gone "Enter: OK"

# Save as into the read-only folder: a clear message, the work stays
keys C-w
wait_for "File name"
keys C-u
type "ro/new.soem.yaml"
keys Enter
wait_for "Enter: OK"
check 'popup_text | grep -qF "ro/new.soem.yaml: cannot save: the folder ro cannot be written (Permission denied). Your work is still open and not saved."' "no clear message: $(popup_text)"
keys Enter
wait_gone "Enter: OK"
check 'screen_has "[hf.soem.yaml, changed, read-only]"' "the work is not kept as changed"
check 'screen_has "Year 1 (2026)                77"' "the value is gone"
check '[ -z "$(ls -A "$WORK/ro" | grep -v "^hf.soem.yaml$")" ]' "files appeared in ro: $(ls -A "$WORK/ro")"
check '[ "$(stat -c %Y "$WORK/ro/hf.soem.yaml")" = "$mtime0" ]' "the file was touched"

# elsewhere it works, mode 0600
keys C-w
wait_for "File name"
keys C-u
type "saved.soem.yaml"
keys Enter
wait_for "Saved to saved.soem.yaml."
check 'grep -q "{year: 1, participants: 77}" "$WORK/saved.soem.yaml"' "not saved"
check '[ "$(stat -c %a "$WORK/saved.soem.yaml")" = 600 ]' "mode $(stat -c %a "$WORK/saved.soem.yaml")"
check 'screen_has "[saved.soem.yaml]"' "still read-only after Save as"
keys C-q
wait_for "__EXIT=0"
chmod 755 "$WORK/ro"
finish
