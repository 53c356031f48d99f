#!/bin/sh
# A price schedule while the start year is empty (SPEC 2.9 refuses such a
# file on load) is still autosaved and emergency-saved (SPEC 5.4), and
# the work comes back: recovering it keeps the schedule, names what is
# missing, and once the start year is given the file saves as usual.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

AS="$TH/.local/state/soem/autosave"
cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$WORK/hf.soem.yaml"
chmod u+w "$WORK/hf.soem.yaml"

# to_row LABEL: the cursor (▸) to the form row LABEL, from the top
to_row() {
	keys PPage PPage
	_i=0
	while ! screen_has_re "▸ *$1" && [ $_i -lt 20 ]; do
		keys Down
		_i=$((_i + 1))
		sleep 0.1
	done
	wait_for "▸ $1"
}
# add_entry KEYS YEAR AMOUNT SHOWN: a schedule entry, in the open popup,
# KEYS moving to "+ Add" (the last line but one once there is an entry)
add_entry() {
	keys $1 Enter
	shift
	wait_for "From year (calendar year):"
	keys C-u
	type "$1"
	keys Enter
	wait_for "Amount per unit from that year:"
	keys C-u
	type "$2"
	keys Enter
	wait_for "from $1: $3"
}

soem_start -- --step prices hf.soem.yaml
wait_for "Step 6 of 7: Prices"
wait_for "2,300.00   2,275.57"      # the cursor on social assistance
keys s
wait_for "+ Add an amount from a year"
add_entry Home 2026 2300 2,300.00
add_entry 'End Up' 2028 1150.5 1,150.50
keys Escape
wait_gone "Price from year"
wait_for "schedule"

# the start year emptied: the step says so
keys C-g 1
wait_for "Step 1 of 7: Intervention"
to_row "Start year"
type "1"
keys C-u Enter
wait_gone "(2026)"
wait_for "1 Intervention!"
# a step change autosaves it as it is
keys C-n
wait_for "Step 2 of 7"
a=$(ls "$AS"/*.autosave.soem.yaml 2>/dev/null | head -n 1)
check '[ -n "$a" ] && grep -q "from: 2028" "$a"' "no autosave with the schedule"
check '! grep -q "start_year" "$a"' "the autosave has a start year"
# the link drops: the emergency save keeps the same
pid=$(soem_pid)
kill -HUP "$pid"
wait_for "__EXIT=129"
f=$(ls "$AS"/*.autosave.soem.yaml 2>/dev/null | head -n 1)
check '[ -n "$f" ] && grep -q "from: 2028" "$f" && ! grep -q start_year "$f"' "the emergency file lacks the schedule"

# the next start offers it by its name and recovers it
soem_start
wait_for "Unsaved work from an earlier session"
wait_for "Housing First med bostøtte  [hf.soem.yaml]"
keys Enter
wait_for "r: recover the unsaved work"
keys r
wait_for "Recovered the unsaved work"
wait_for "1 Intervention!"
# the schedule is intact, and the step says what it needs
keys C-g 6
wait_for "Step 6 of 7: Prices"
wait_for "needs the start year"
wait_for "schedule"
keys s
wait_for "from 2026: 2,300.00"
wait_for "from 2028: 1,150.50"
keys Escape
wait_gone "Price from year"
# the start year given, it saves as usual
keys C-g 1
wait_for "Step 1 of 7: Intervention"
to_row "Start year"
type "2026"
keys Enter
wait_for "Start year (calendar year)     2026"
wait_for "1 Intervention✓"
keys C-s
wait_for "Saved to "
wait_for "[hf.soem.yaml]"
keys C-x
wait_for "__EXIT=0"
python3 - "$WORK/hf.soem.yaml" >"$T/p.txt" <<'PYEOF' || fail "the saved prices: $(cat "$T/p.txt")"
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
k = d['prices']['kontanthjaelp']['kommune']
assert k == [{'from': 2026, 'amount': 2300}, {'from': 2028, 'amount': 1150.5}], k
assert d['intervention']['start_year'] == 2026
PYEOF
check 'true' "saved"
finish
