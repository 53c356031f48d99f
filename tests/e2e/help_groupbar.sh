#!/bin/sh
# F1 on the Intervention, Target, Effect and Consequences steps explains
# the group bar, the first row of those steps (groupbar.c, SPEC 2.9):
# what each group has of its own there and the keys that reach and use it.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

# help_has STEP-KEY TITLE TEXT: F1 on that step shows TEXT (a regex over
# the screen with its lines joined by spaces, the box's sides removed),
# then the help closes
help_has() {
	keys C-g "$1"
	wait_for "$2"
	keys F1
	wait_for "What to do here"
	_i=0
	while [ $_i -lt 100 ]; do
		screen | sed 's/│/|/g; s/^[^|]*|//; s/|[^|]*$//; s/^ *//; s/ *$//' | tr '\n' ' ' | tr -s ' ' |
			grep -Eq "$3" && break
		_i=$((_i + 1))
		sleep 0.1
	done
	check '[ $_i -lt 100 ]' "F1 on step $1 does not say: $3"
	keys Escape
	wait_gone "What to do here"
}

soem_start
new_calc
help_has 1 "Step 1 of 7: Intervention" "The first row is the group bar: with several groups each has its own intake"
help_has 2 "Step 2 of 7" "The first row is the group bar: each group has its own target group"
help_has 3 "Step 3 of 7" "The first row is the group bar: each group has its own effect measure, p1, p0, persistence and completion"
help_has 5 "Step 5 of 7" "The first row is the group bar: each group has its own consequences"
# not on a step without the bar
keys C-g 4
wait_for "Step 4 of 7"
keys F1
wait_for "What to do here"
check '! screen | grep -q "group bar"' "the Costs step's help names the group bar"
keys Escape
wait_gone "What to do here"
keys C-q
wait_for "Save the changes before quitting?"
keys n
wait_for "__EXIT=0"
finish
