#!/bin/sh
# SIGTERM makes the same emergency save as a hang-up (SPEC §5.4), for a
# calculation opened from a file: the autosave is named after the file,
# the lock is released, the file itself is not touched.  A value being
# typed that is not valid leaves the model's value (and the save happens
# all the same).  `soem FILE` then offers the autosave; recovered, the
# last typed state is back.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

AS="$TH/.local/state/soem/autosave"
F="$WORK/hf.soem.yaml"
cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$F"
chmod 600 "$F"
touch -d '2020-01-01 12:00' "$F"
mtime0=$(stat -c %Y "$F")

soem_start -- hf.soem.yaml
wait_for "Step 1 of 7: Intervention"
check '[ -f "$F.lock" ]' "no lock file"
down_to "Participants who start in this year"  # year 1's participants
type "45"
keys Enter
wait_for "Year 1 (2026)                45"
type "4x"                                          # year 2: not a number, not done
wait_for "Year 2 (2027)                4x"
pid=$(soem_pid)
kill -TERM "$pid"
wait_for "__EXIT=143"
a=$(ls "$AS"/*-hf.soem.yaml.autosave.soem.yaml 2>/dev/null | head -n 1)
check '[ -n "$a" ] && [ -f "$a" ]' "no emergency file named after the file: $(ls "$AS")"
check '[ "$(head -n 1 "$a")" = "# soem autosave of: $(realpath "$F")" ]' "the file is not recorded inside: $(head -n 1 "$a")"
check '[ "$(stat -c %a "$a")" = 600 ]' "emergency file mode"
check 'grep -q "{year: 1, participants: 45}" "$a"' "the committed value is missing"
check 'grep -q "{year: 2, participants: 30}" "$a"' "year 2 lost its value"
check '[ ! -e "$F.lock" ]' "the lock was not released"
check '[ "$(stat -c %Y "$F")" = "$mtime0" ]' "the file was touched"

# soem FILE: the autosave is offered
soem_start -- hf.soem.yaml
wait_for "Unsaved work on hf.soem.yaml was kept"
wait_for "r: recover the unsaved work"
keys r
wait_for "Recovered the unsaved work of hf.soem.yaml"
# the intake stands below the fields at 80x24: the cursor to it
down_to "Participants who start in this year"
check 'screen_has "Year 1 (2026)                45"' "the value is not back"
check 'screen_has "[hf.soem.yaml, changed]"' "not marked changed"
# SIGINT asks (and offers to save) instead of quitting
kill -INT "$(soem_pid)"
wait_for "Save the changes before quitting?"
keys c
wait_gone "Save the changes before quitting?"
# Ctrl-C (a key in raw mode) asks too; "do not save": the autosave goes
keys C-c
wait_for "Save the changes before quitting?"
keys n
wait_for "__EXIT=0"
check '[ ! -e "$a" ]' "the autosave stayed after quitting without saving"
check '[ "$(stat -c %Y "$F")" = "$mtime0" ]' "the file was touched"

# the next start has nothing to offer
soem_start -- hf.soem.yaml
wait_for "Step 1 of 7: Intervention"
check '! screen | grep -qF "Unsaved work"' "an autosave was offered again"
keys C-q
wait_for "__EXIT=0"
finish
