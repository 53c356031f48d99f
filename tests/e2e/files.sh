#!/bin/sh
# Files on a shared server in the wizard (issue 12 §3): a FIFO given as the
# calculation is refused at once with a message (it blocked forever in
# open()), from the command line and from Open; a knowledge-database
# folder with a broken file still starts, lists the good profiles and says
# which file was skipped (SPEC §3.3).
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

mkfifo "$WORK/pipe.soem.yaml"

# --- the command line: the message, and soem has left (no hang) -----------
soem_start -- pipe.soem.yaml
wait_for "__EXIT=66"
check 'screen_has "pipe.soem.yaml: is not a regular file"' "no message for the FIFO"

# --- Open from the start screen: a message, the wizard goes on -------------
soem_start
wait_for "What would you like to do?"
keys Down
wait_for "Open a calculation saved before"
keys Enter
wait_for "Open a calculation"
wait_for "pipe.soem.yaml"
keys Enter
wait_for "pipe.soem.yaml: is not a regular file" 5
check 'screen_has "What would you like to do?"' "the start screen is gone after the refusal"
keys C-q
wait_for "__EXIT=0"

# --- a database folder with a broken file ----------------------------------
# (a relative --kb, so that the file's name fits on the message line)
mkdir -p "$WORK/kb"
sed -e 's/^  id: dk$/  id: odense/' "$SOEM_KB_DIR/dk.yaml" >"$WORK/kb/odense.yaml"
printf 'soem_kb: 1\nprofile: {id: aarhus, name: [\n' >"$WORK/kb/aarhus.yaml"
soem_start -- --kb kb
wait_for "What would you like to do?"
# soem started, and the broken file is named on the message line
wait_for "1 database file does not load and is skipped: kb/aarhus.yaml:3:1:"
check '! screen_has "__EXIT" 1' "soem did not start"
check 'screen_has "Profile: Denmark (SØM) (dk)"' "the good profiles are not listed"
# a new calculation can use every good profile, the one beside the broken
# file too
keys Enter
wait_for "Which knowledge database"
wait_for "(odense, version 2026.3)"
check 'screen_has "(dk, version 2026.3)"' "dk is not offered"
check '! screen_has "aarhus"' "the broken profile is offered"
keys Escape
wait_gone "Which knowledge database"
keys C-q
wait_for "__EXIT=0"
finish
