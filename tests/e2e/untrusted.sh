#!/bin/sh
# Untrusted text in the wizard (issue 12, soem(1) "UNTRUSTED TEXT"): a
# calculation whose name holds a bidi override (U+202E), an isolate
# (U+2066) and an OSC that sets the window title, in a file whose name
# holds an OSC too.  The wizard shows them as U+FFFD, not obeyed; the
# message printed after the emergency save (it names the autosave, whose
# name comes from the file's) shows them the same way: the pane's title
# never becomes PWNED.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"
python3 -c 'import yaml' 2>/dev/null || { echo "FAIL: python3-yaml is missing"; exit 1; }

bad=$(printf 'calc\033]2;PWNEDFILE\007.soem.yaml')
python3 - "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$WORK/$bad" <<'PY'
import sys, yaml
c = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
c["intervention"]["name"] = "Bidi\u202eRLO\u2066x\x1b]2;PWNEDNAME\x07end"
yaml.safe_dump(c, open(sys.argv[2], "w", encoding="utf-8"), allow_unicode=True)
PY
title() { tm display-message -p -t "$E2E_SESSION" '#{pane_title}'; }

soem_start -- "$WORK/$bad"
wait_for "Step 1 of 7"
check 'screen | grep -qF "Bidi�RLO�x�]2;PWNEDNAME�end"' "the name's controls are not shown as U+FFFD"
check '! screen | grep -q "$(printf "\342\200\256")"' "U+202E reached the screen"
check '! screen | grep -q "$(printf "\342\201\246")"' "U+2066 reached the screen"
check 'screen | grep -qF "[calc�]2;PWNEDFILE�.soem.yaml]"' "the file name's controls are not shown as U+FFFD"
check '! title | grep -q PWNED' "the window title was set: $(title)"

# a change being typed, then a hang-up: the emergency save's message
keys Enter
type "X"
wait_for "endX"                                   # still typing
pid=$(soem_pid)
kill -HUP "$pid"
wait_for "__EXIT=129"
wait_for "soem: the work was saved to"
check 'screen | tr -d "\n" | grep -qF "�]2;PWNEDFILE�"' "the emergency message does not show the controls as U+FFFD"
check '! title | grep -q PWNED' "the emergency message set the window title: $(title)"
finish
