#!/bin/sh
# Autosaves of two calculations whose paths once gave one name (issue 12:
# `rate%a.soem.yaml` and `rate/a.soem.yaml`, '/' written as '%') are two
# files; recovery offers the work only for the file recorded inside it,
# so one calculation's work never lands in the other.  An autosave left
# under an older soem's name ("%dir%file") is still offered, opened as
# an untitled calculation.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

AS="$TH/.local/state/soem/autosave"
EX="$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml"
mkdir "$WORK/rate"
cp "$EX" "$WORK/rate%a.soem.yaml"
cp "$EX" "$WORK/rate/a.soem.yaml"
chmod 600 "$WORK/rate%a.soem.yaml" "$WORK/rate/a.soem.yaml"

# rate%a: a change, then SIGTERM (the emergency save)
soem_start -- 'rate%a.soem.yaml'
wait_for "Step 1 of 7: Intervention"
down_to "Participants who start in this year"
type "61"
keys Enter
wait_for "Year 1 (2026)                61"
kill -TERM "$(soem_pid)"
wait_for "__EXIT=143"

# rate/a has no unsaved work: nothing is offered, its numbers are its own
soem_start -- rate/a.soem.yaml
wait_for "Step 1 of 7: Intervention"
check '! screen | grep -qF "Unsaved work"' "rate%a's work was offered for rate/a"
check '! screen | grep -qF "Year 1 (2026)                61"' "rate%a's work is in rate/a"
# its own change and emergency save: a second autosave
down_to "Participants who start in this year"
type "62"
keys Enter
wait_for "Year 1 (2026)                62"
kill -TERM "$(soem_pid)"
wait_for "__EXIT=143"
check '[ "$(ls "$AS" | grep -c "autosave.soem.yaml$")" = 2 ]' "not two autosaves: $(ls "$AS")"

# each file gets its own work back
soem_start -- 'rate%a.soem.yaml'
wait_for "Unsaved work on rate%a.soem.yaml was kept"
keys r
wait_for "Recovered the unsaved work of rate%a.soem.yaml"
# the intake stands below the fields at 80x24: the cursor to it
down_to "Participants who start in this year"
check 'screen_has "Year 1 (2026)                61"' "rate%a did not get its own work"
keys C-s
wait_for "Saved to rate%a.soem.yaml."
keys C-q
wait_for "__EXIT=0"
soem_start -- rate/a.soem.yaml
wait_for "Unsaved work on rate/a.soem.yaml was kept"
keys r
wait_for "Recovered the unsaved work of rate/a.soem.yaml"
# the intake stands below the fields at 80x24: the cursor to it
down_to "Participants who start in this year"
check 'screen_has "Year 1 (2026)                62"' "rate/a did not get its own work"
keys C-s
wait_for "Saved to rate/a.soem.yaml."
keys C-q
wait_for "__EXIT=0"
check 'grep -q "{year: 1, participants: 61}" "$WORK/rate%a.soem.yaml"' "rate%a lost its work"
check 'grep -q "{year: 1, participants: 62}" "$WORK/rate/a.soem.yaml"' "rate/a lost its work"

# an autosave under an older soem's name, which both paths shared: it is
# offered, and opens as a new calculation, written into neither file
sed 's/{year: 1, participants: 30}/{year: 1, participants: 63}/; s/^  name: .*/  name: Old autosave/' "$EX" \
	>"$AS/%$(echo "$WORK" | tr / %)%rate%a.soem.yaml.autosave.soem.yaml"
grep -q "participants: 63" "$AS/"%*.autosave.soem.yaml || fail "test setup: the old autosave lacks 63"
chmod 600 "$AS/"%*
soem_start -- rate/a.soem.yaml
wait_for "Step 1 of 7: Intervention"
check '! screen | grep -qF "Unsaved work on"' "the old autosave was offered for rate/a"
keys C-q
wait_for "__EXIT=0"
soem_start
wait_for "Unsaved work from an earlier session"
wait_for "file not known"
keys Enter
wait_for "kept by an older soem"
keys r
wait_for "Recovered the unsaved work of a new calculation"
check 'screen_has "[not saved yet, changed]"' "not opened as untitled"
# the intake stands below the fields at 80x24: the cursor to it
down_to "Participants who start in this year"
check 'screen_has "Year 1 (2026)                63"' "the old work is not back"
keys C-q
wait_for "Save the changes before quitting?"
keys n
wait_for "__EXIT=0"
check 'grep -q "{year: 1, participants: 61}" "$WORK/rate%a.soem.yaml"' "rate%a was changed"
check 'grep -q "{year: 1, participants: 62}" "$WORK/rate/a.soem.yaml"' "rate/a was changed"
finish
