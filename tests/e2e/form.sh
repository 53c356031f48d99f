#!/bin/sh
# Forms as caseworkers know them (issue 14 point 5): Enter keeps the
# value and goes on to the next field (down a form, on to the next column
# of a table); a new cost row proposes the previous row's name and payer:
# Enter keeps the name, typing replaces it.  Two costs with one name are
# saved and read back (soem calc), the second being costs[NAME#2] in
# ranges (tests/unit/test_uncertain.c).
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

F="$WORK/hf.soem.yaml"
cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$F"
chmod u+w "$F"
cost() { # cost INDEX FIELD
	python3 -c 'import sys, yaml; c = yaml.safe_load(open(sys.argv[1]))["costs"]; print(c[int(sys.argv[2])].get(sys.argv[3], ""))' "$F" "$1" "$2"
}

soem_start -- hf.soem.yaml
wait_for "Step 1 of 7: Intervention"
# a form: Enter goes down to the next field
check 'screen_has "▸ Name"' "the cursor does not start on the name"
type "Renamed"
keys Enter
wait_for "Renamed  ["
check 'screen_has "▸ Description"' "Enter did not go on to the next field"
type "About it"
keys Enter
check 'screen_has "▸ Municipality"' "Enter did not go on from the description"

# a table: Enter goes on to the next column
keys C-g
wait_for "Go to step"
keys 4
wait_for "Step 4 of 7: Costs"
n0=$(python3 -c 'import sys, yaml; print(len(yaml.safe_load(open(sys.argv[1]))["costs"]))' "$F")
last=$((n0 - 1))
# the last row's payer becomes the region: the new row proposes it
i=0
while [ $i -lt $last ]; do keys Down; i=$((i + 1)); done
keys Right Enter
wait_for "Who pays?"
keys Down Enter
wait_gone "Who pays?"
keys a
wait_for "Enter keeps the proposed name and payer"
keys Enter                                  # keep the proposed name
settle
keys C-s
wait_for "Saved to hf.soem.yaml."
check '[ "$(cost $n0 name)" = "$(cost $last name)" ]' "the new row's name '$(cost $n0 name)' is not the previous one's '$(cost $last name)'"
check '[ "$(cost $n0 payer)" = "$(cost $last payer)" ] && [ "$(cost $last payer)" != kommune ]' \
	"the new row's payer '$(cost $n0 payer)' is not the previous one's '$(cost $last payer)'"
# typing replaces the proposal
keys a
wait_for "Enter keeps the proposed name and payer"
type "Other"
keys Enter
wait_for "Other "
keys C-s
wait_for "Saved to hf.soem.yaml."
check '[ "$(cost $((n0 + 1)) name)" = "Other" ]' "typing did not replace the proposal: '$(cost $((n0 + 1)) name)'"
keys C-x
wait_for "__EXIT=0"

# the file with two costs of one name is read back
"$SOEM_BIN" calc "$F" --kb "$SOEM_KB_DIR" --format yaml >"$T/r.yaml" 2>"$T/r.err"
check '[ $? = 0 ]' "soem calc of two costs with one name failed: $(cat "$T/r.err")"
finish
