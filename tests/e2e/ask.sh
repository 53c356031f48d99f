#!/bin/sh
# Questions answer in the user's language (issue 14 point 4): j (ja) in
# Danish and Swedish beside y; the answers are buttons with their keys,
# the line under them says what Enter and Esc do, and Tab or the arrows
# choose another answer for Enter, as dialog(1) does; the letters still
# work.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"
: "${SOEM_BUILDDIR:=.}"

# the catalogues: the build tree's (SOEM_LOCALEDIR, made from po/*.po by make check)
F="$WORK/hf.soem.yaml"
fresh() {
	cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$F"
	chmod u+w "$F"
}
name_in_file() {
	python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["intervention"]["name"])' "$F"
}

# Danish: the buttons show j; Tab moves Enter's answer; Enter gives it
fresh
soem_start -- --lang da hf.soem.yaml
wait_for "Trin 1 af 7"
type "Ændret navn"
keys Enter
wait_for "ændret]"
keys C-x
wait_for "Gem ændringerne, før du afslutter?"
check 'screen_has "[ j: gem først ]"' "no j button for yes"
check 'screen_has "[ n: gem ikke ]"' "no n button"
check 'screen_has "Enter: gem først"' "Enter's answer is not said"
check 'screen_has "Esc: annullér"' "Esc's answer is not said"
keys Tab
wait_for "Enter: gem ikke"
keys Left
wait_for "Enter: gem først"
keys Right
wait_for "Enter: gem ikke"
keys Enter                       # do not save
wait_for "__EXIT=0"
check '[ "$(name_in_file)" = "Housing First med bostøtte" ]' "Enter on 'gem ikke' saved: $(name_in_file)"

# Danish: j saves
soem_start -- --lang da hf.soem.yaml
wait_for "Trin 1 af 7"
type "Ja tak"
keys Enter
wait_for "ændret]"
keys C-x
wait_for "Gem ændringerne, før du afslutter?"
keys j
wait_for "__EXIT=0"
check '[ "$(name_in_file)" = "Ja tak" ]' "j did not save: $(name_in_file)"

# Swedish: j too; a question with two answers (delete a cost row)
fresh
soem_start -- --lang sv --step costs hf.soem.yaml
wait_for "Steg 4 av 7"
n0=$(python3 -c 'import sys, yaml; print(len(yaml.safe_load(open(sys.argv[1]))["costs"]))' "$F")
keys Down Delete
wait_for "[ j: ta bort ]"
check 'screen_has "Enter: ta bort"' "Enter's answer is not said (sv)"
keys j
wait_gone "[ j: ta bort ]"
keys C-s
wait_for "Sparad i hf.soem.yaml."
n1=$(python3 -c 'import sys, yaml; print(len(yaml.safe_load(open(sys.argv[1]))["costs"]))' "$F")
check '[ "$n1" = $((n0 - 1)) ]' "j did not delete the cost row in Swedish ($n0 -> $n1)"
keys C-x
wait_for "__EXIT=0"

# English: y, and the same buttons
fresh
soem_start -- hf.soem.yaml
wait_for "Step 1 of 7"
type "Changed"
keys Enter
wait_for "changed]"
keys C-x
wait_for "[ y: save first ]"
check 'screen_has "Enter: save first   Esc: cancel"' "Enter's answer is not said (en)"
keys y
wait_for "__EXIT=0"
check '[ "$(name_in_file)" = "Changed" ]' "y did not save: $(name_in_file)"
finish
