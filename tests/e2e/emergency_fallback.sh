#!/bin/sh
# The autosave folder is a symbolic link (refused, SPEC §5.4): the
# emergency save on SIGTERM or SIGHUP still keeps the work, in a 0600 file
# of the user's own folder (beside the calculation, else in $HOME), never
# over an existing file, and the message says where.  Nothing is written
# through the link.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

mkdir -p "$T/elsewhere" "$TH/.local/state/soem"
ln -s "$T/elsewhere" "$TH/.local/state/soem/autosave"
F="$WORK/hf.soem.yaml"
cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$F"
chmod 600 "$F"
touch -d '2020-01-01 12:00' "$F"
mtime0=$(stat -c %Y "$F")
# the screen's text without spaces and line ends: a wrapped message whole
flat() { screen | tr -d ' \n'; }
said() { flat | grep -qF -- "$(printf '%s' "$1" | tr -d ' ')"; }

# a calculation from a file, SIGTERM: beside the file
soem_start -- hf.soem.yaml
wait_for "Step 1 of 7: Intervention"
down_to "Participants who start in this year"
type "45"
keys Enter
wait_for "Year 1 (2026)                45"
kill -TERM "$(soem_pid)"
wait_for "__EXIT=143"
e=$(ls "$WORK"/hf.emergency-*.soem.yaml 2>/dev/null | head -n 1)
check '[ -n "$e" ] && [ -f "$e" ]' "no emergency file beside the calculation: $(ls -A "$WORK")"
check '[ "$(stat -c %a "$e")" = 600 ]' "emergency file mode $(stat -c %a "$e")"
check 'grep -q "{year: 1, participants: 45}" "$e"' "the change is not in the emergency file"
check 'said "soem: the work was saved to $e, because the autosave folder cannot be used"' "the message does not say where"
check 'said "$TH/.local/state/soem/autosave is not a directory of yours"' "the message does not say why"
check '[ -z "$(ls -A "$T/elsewhere")" ]' "written through the link: $(ls -A "$T/elsewhere")"
check '[ "$(stat -c %Y "$F")" = "$mtime0" ]' "the calculation file was touched"
check '[ ! -e "$F.lock" ]' "the lock stayed"
# the emergency file opens as a calculation, with the change
soem_start -- "$(basename "$e")"
wait_for "Step 1 of 7: Intervention"
# the intake stands below the fields at 80x24: the cursor to it
down_to "Participants who start in this year"
check 'screen_has "Year 1 (2026)                45"' "the emergency file does not open with the work"
keys C-q
wait_for "__EXIT=0"

# a new calculation, SIGHUP: in $HOME; a second one is not written over
soem_start
new_calc
type "Fallback test"
keys Enter
wait_for "Fallback test  ["
kill -HUP "$(soem_pid)"
wait_for "__EXIT=129"
h=$(ls "$TH"/untitled.emergency-*.soem.yaml 2>/dev/null | head -n 1)
check '[ -n "$h" ] && [ -f "$h" ]' "no emergency file in HOME: $(ls -A "$TH")"
check '[ "$(stat -c %a "$h")" = 600 ]' "emergency file mode $(stat -c %a "$h")"
check 'grep -q "name: Fallback test" "$h"' "the work is not in the emergency file"
check 'said "soem: the work was saved to $h"' "the message does not say where"
check '[ -z "$(ls -A "$T/elsewhere")" ]' "written through the link: $(ls -A "$T/elsewhere")"
finish
