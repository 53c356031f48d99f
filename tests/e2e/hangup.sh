#!/bin/sh
# SIGHUP (the SSH link drops) while a value is being typed into a table
# cell: the emergency save keeps it (SPEC §5.4).  The next start offers
# the work with its name and time; recovered, it shows the typed value,
# and saved, the file holds it.  The modes of everything soem creates.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

AS="$TH/.local/state/soem/autosave"
mode() { stat -c %a "$1"; }

soem_start
new_calc
type "Hangup test"
keys Enter
wait_for "Hangup test  ["
down_to "Participants who start in this year"  # year 1's participants (Enter went on)
type "37"                                           # no Enter: still typing
wait_for "Year 1                       37"
pid=$(soem_pid)
kill -HUP "$pid"
wait_for "__EXIT=129"
wait_for "soem: the work was saved to"

# the emergency file: in a private directory, readable by its owner only
f=$(ls "$AS"/*.autosave.soem.yaml 2>/dev/null | head -n 1)
check '[ -n "$f" ] && [ -f "$f" ]' "no emergency file in $AS"
check '[ "$(mode "$TH/.local/state/soem")" = 700 ]' "state dir mode $(mode "$TH/.local/state/soem")"
check '[ "$(mode "$AS")" = 700 ]' "autosave dir mode $(mode "$AS")"
check '[ "$(mode "$f")" = 600 ]' "emergency file mode $(mode "$f")"
check 'grep -q "participants: 37" "$f"' "the typed value is not in the emergency file"
check 'grep -q "name: Hangup test" "$f"' "the name is not in the emergency file"
check '[ -z "$(ls "$AS" | grep "\.lock$")" ]' "a lock stayed behind in $AS"

# the next start offers it: what (name, file) and when (the file's time)
when=$(date -u -d "@$(stat -c %Y "$f")" '+%Y-%m-%d %H:%M')
soem_start
wait_for "Unsaved work from an earlier session"
wait_for "Hangup test  [not saved yet]  $when"
keys Enter
wait_for "r: recover the unsaved work"
keys r
wait_for "Recovered the unsaved work"
# the intake stands below the fields at 80x24: the cursor to it
down_to "Participants who start in this year"
check 'screen_has "Year 1                       37"' "the typed value is not back"
check 'screen_has "[not saved yet, changed]"' "not marked changed"
up_to "What the intervention is called"   # back on the name

# saved: the file has it, mode 0600, locked while open; the autosave goes
keys C-s
wait_for "File name"
keys Enter
wait_for "Saved to hangup-test.soem.yaml."
check 'grep -q "participants: 37" "$WORK/hangup-test.soem.yaml"' "the saved file lacks the value"
check '[ "$(mode "$WORK/hangup-test.soem.yaml")" = 600 ]' "saved file mode $(mode "$WORK/hangup-test.soem.yaml")"
check '[ -f "$WORK/hangup-test.soem.yaml.lock" ]' "no lock file while open"
check '[ "$(mode "$WORK/hangup-test.soem.yaml.lock")" = 600 ]' "lock file mode"
pid=$(soem_pid)
check 'grep -qE "^[^ ]+ [^ ]+ $pid [0-9]+$" "$WORK/hangup-test.soem.yaml.lock"' "the lock does not say user host pid time: $(cat "$WORK/hangup-test.soem.yaml.lock")"
check '[ -z "$(ls "$AS")" ]' "the autosave stayed after saving: $(ls "$AS")"

# a change, autosaved on the step change; quitting without saving on
# purpose removes it, and the lock goes
keys Down Down
type "Kommune"
keys Enter
keys C-n
wait_for "Step 2 of 7"
check '[ -n "$(ls "$AS" | grep "autosave.soem.yaml$")" ]' "no autosave on the step change"
a=$(ls "$AS"/*.autosave.soem.yaml | head -n 1)
check '[ "$(mode "$a")" = 600 ]' "autosave mode $(mode "$a")"
check 'case "$a" in */[0-9a-f][0-9a-f][0-9a-f][0-9a-f]*-hangup-test.soem.yaml.autosave.soem.yaml) true;; *) false;; esac' "autosave not named after the file: $a"
keys C-q
wait_for "Save the changes before quitting?"
keys n
wait_for "__EXIT=0"
check '[ -z "$(ls "$AS")" ]' "files stayed after quitting on purpose: $(ls "$AS")"
check '[ ! -e "$WORK/hangup-test.soem.yaml.lock" ]' "the lock stayed after quitting"
finish
