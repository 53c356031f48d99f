#!/bin/sh
# The periodic autosave (SPEC §3.3, §5.4): with `[autosave] interval = 1`
# a change is in the autosave within about a second, without a key; an
# idle wizard neither writes nor spins.  With interval = 0 there is no
# periodic autosave, but a step change still writes one.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

AS="$TH/.local/state/soem/autosave"
mkdir -p "$TH/.config/soem"
printf '[autosave]\ninterval = 1\n' >"$TH/.config/soem/soem.ini"

# polls a shell condition every 0.1 s for at most SECS
wait_cond() {
	_c_i=0
	while [ $_c_i -lt $(($2 * 10)) ]; do
		eval "$1" && return 0
		_c_i=$((_c_i + 1))
		sleep 0.1
	done
	return 1
}
autosave() { ls "$AS"/*.autosave.soem.yaml 2>/dev/null | head -n 1; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

soem_start
new_calc
pid=$(soem_pid)
type "Periodic test"
keys Enter
wait_for "Periodic test  ["
check 'wait_cond "[ -n \"\$(autosave)\" ]" 5' "no autosave after 5 s"
a=$(autosave)
check 'grep -q "name: Periodic test" "$a"' "the autosave lacks the change"
check '[ "$(stat -c %a "$a")" = 600 ]' "autosave mode"
# the session's lock on its autosave: private too, naming this process
check '[ "$(stat -c %a "$a.lock")" = 600 ]' "autosave lock mode"
check 'grep -q " $pid " "$a.lock"' "the autosave lock does not name the process"
check '[ "$(stat -c %a "$AS")" = 700 ]' "autosave dir mode"

keys Down                               # Enter went on to Description
type "Aarhus"
keys Enter
wait_for "Municipality                   Aarhus"
check 'wait_cond "grep -q \"municipality: Aarhus\" \"\$a\"" 5' "the second change is not autosaved"

# idle: nothing to save, no writes, no busy loop
m1=$(stat -c %y "$a")
t1=$(cpu_ticks "$pid")
sleep 2.5
check '[ "$(stat -c %y "$a")" = "$m1" ]' "an unchanged calculation was written again"
t2=$(cpu_ticks "$pid")
check '[ $((t2 - t1)) -lt 25 ]' "the idle wizard used $((t2 - t1)) CPU ticks in 2.5 s"

keys C-q
wait_for "Save the changes before quitting?"
keys n
wait_for "__EXIT=0"
check '[ -z "$(ls "$AS")" ]' "the autosave stayed after quitting on purpose"

# interval = 0: only the step change writes
printf '[autosave]\ninterval = 0\n' >"$TH/.config/soem/soem.ini"
soem_start
new_calc
type "No periodic"
keys Enter
wait_for "No periodic  ["
sleep 2
check '[ -z "$(autosave)" ]' "interval = 0 wrote a periodic autosave"
keys C-n
wait_for "Step 2 of 7"
check '[ -n "$(autosave)" ] && grep -q "name: No periodic" "$(autosave)"' "no autosave on the step change"
keys C-q
wait_for "Save the changes before quitting?"
keys n
wait_for "__EXIT=0"
finish
