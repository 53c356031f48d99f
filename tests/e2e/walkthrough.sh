#!/bin/sh
# A new calculation from the start screen to the results, keys only, in
# 80x24; saved; every number on the Results screen is compared with
# `soem calc --format yaml` of the saved file, to the precision printed.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

# step 5 adds the supported estimates: a test database that has some
# (the shipped profile marks none, issue 16)
kb_with_supported
soem_start
new_calc

# Step 1: the intervention.  Typing on a text field starts editing it;
# Enter keeps the value and goes on to the next field.
type "Housing First test"
keys Enter
wait_for "Housing First test  ["
keys Down Down Down Down Down           # the start year
type "2026"
keys Enter
wait_for "Start year (calendar year)     2026"
down_to "Participants who start in this year"  # year 1
type "30"
keys Enter
wait_for "Year 1 (2026)                30"
keys a                                  # add a year: 2, 30 participants
wait_for "Add a year"
keys Enter
wait_for "Participants who start in that year"
type "30"
keys Enter
wait_for "Year 2 (2027)                30"
keys C-n

# Step 2: the target group, found by typing
wait_for "Step 2 of 7: Target group"
type "homeless"
wait_for "Citizens in homelessness"
keys Enter
wait_for "Chosen: Citizens in homelessness"
keys C-n

# Step 3: the effect: p1 40 %, p0 10 %, a professional estimate
wait_for "Step 3 of 7: Effect measure"
wait_for "Stops staying at a shelter"
keys Down Down
type "40 %"
keys Enter
wait_for "40.0 %"
type "0,10"
keys Enter
wait_for "s = p1 - p0: the effect used       30.0 %"
keys Enter
wait_for "Where the figures come from"
keys Down Down Down Enter
wait_for "professional estimate"
keys C-n

# Step 4: three cost items
wait_for "Step 4 of 7: Costs"
keys a
wait_for "A new cost: type its name"
type "Team start-up"
keys Enter Right Enter
wait_for "How the amount is counted"
keys Down Down Enter                    # once (year 1)
wait_for "once"
keys Right Right
type "300000"
keys Enter
wait_for "300,000"
keys a
type "Support"                          # replaces the proposed name
keys Enter Right Enter
wait_for "How the amount is counted"
keys Down Enter                         # per participant and year
keys Right                              # (no years: to the amount)
type "85000"
keys Enter
wait_for "85,000"
keys a
type "Shelter today"
keys Enter Right Right
type "45000"
keys Enter
wait_for "45,000"
keys Space                              # saved: the usual practice
wait_for "Nothing is missing on this step."
keys C-n

# Step 5: the supported consequences
wait_for "Step 5 of 7: Consequences"
keys s
wait_for "Added the estimates of"
keys m
wait_for "Does your target group match"
keys Enter
wait_for "Does your effect measure match"
keys Down Enter
wait_for "Why (what differs"
type "Our measure is close to SOM's."
keys Enter
wait_for "target group yes; effect measure partly"
keys C-n

# Step 6: prices as in the database
wait_for "Step 6 of 7: Prices"
keys C-n

# Step 7: the results, page by page
wait_for "Step 7 of 7: Results"
wait_for "Every step is filled in."
n=0
while :; do
	n=$((n + 1))
	settle
	screen >"$T/page$n"
	grep -qF "(end of the results)" "$T/page$n" && break
	[ $n -gt 40 ] && { fail "the results do not end"; break; }
	keys NPage
done

# save under the proposed name
keys C-s
wait_for "File name"
keys Enter
wait_for "Saved to housing-first-test.soem.yaml."
check '[ -f "$WORK/housing-first-test.soem.yaml" ]' "the file was not written"
mode=$(stat -c %a "$WORK/housing-first-test.soem.yaml")
check '[ "$mode" = 600 ]' "a new calculation file has mode $mode, not 600"

"$SOEM_BIN" calc "$WORK/housing-first-test.soem.yaml" --kb "$SOEM_KB_DIR" \
	--format yaml >"$T/result.yaml" 2>"$T/calc.err"
check '[ $? = 0 ]' "soem calc of the saved file failed: $(cat "$T/calc.err")"
python3 "$SCREENPY" results "$T/result.yaml" "$T"/page* >"$T/cmp.out" 2>&1
rc=$?
cat "$T/cmp.out"
check '[ $rc = 0 ]' "the Results screen differs from soem calc"

# nothing changed since the save: quitting does not ask
keys C-q
wait_for "__EXIT=0"
finish
