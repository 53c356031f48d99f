#!/bin/sh
# Scenarios in the wizard (issue 17 points 3 and 5): on Results, s saves
# the calculation as a scenario under a new name (proposed NAME-2) and the
# work goes on in it, the title saying which scenario is open; after a
# change ("what if"), c picks other files of the folder and shows the
# comparison, which is soem compare's own text: the same rows and numbers
# as `soem compare` of the same files (checked here against the command).
# From the start screen, "Compare calculations" compares two files.
#
# Bugs it catches: no scenario, no comparison in the wizard, a
# comparison that computes its own numbers (they would differ from the
# command's), the scenario's file not in the title.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

EX="$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml"
cp "$EX" "$WORK/hf.soem.yaml"
chmod 600 "$WORK/hf.soem.yaml" # distcheck's source tree is read-only
sed 's/amount: 300000}/amount: 350000}/' "$EX" >"$WORK/mentor.soem.yaml"
grep -q 'amount: 350000}' "$WORK/mentor.soem.yaml" || { echo "FAIL: the variant was not made"; exit 1; }

soem_start -- --step results hf.soem.yaml
wait_for "Step 7 of 7"
check 'screen | grep -q " c Compare"' "the key bar does not show c Compare: $(screen | tail -2)"
keys s
wait_for "Save as scenario"
check 'screen | grep -qF "hf-2.soem.yaml"' "no scenario name proposed"
keys Enter
wait_for "Saved the scenario as hf-2.soem.yaml"
check 'screen | head -1 | grep -qF "[hf-2.soem.yaml, scenario of hf]"' "the title does not say which scenario is open: $(screen | head -1)"
check '[ -f "$WORK/hf-2.soem.yaml" ]' "the scenario was not saved"
# what if: 71 participants in the first year
keys C-g
wait_for "Go to step"
keys 1
wait_for "Step 1 of 7"
down_to "Participants who start in this year"
type "71"
keys Enter
wait_for "Year 1 (2026)                71"
keys C-s
wait_for "Saved to hf-2.soem.yaml."
check 'grep -q "{year: 1, participants: 71}" "$WORK/hf-2.soem.yaml"' "the change went elsewhere"
check '! grep -q "participants: 71}" "$WORK/hf.soem.yaml"' "the original was changed"
keys C-g
wait_for "Go to step"
keys 7
wait_for "Step 7 of 7"
keys c
wait_for "Compare with"
check '! popup_text | grep -qF "hf-2.soem.yaml"' "the open file is offered to compare with itself"
keys Enter
wait_for "1 file picked"
keys Enter
wait_for "2 files picked"
keys Up Up Up Up Enter
wait_for "Comparison of 3 calculations"
screen >"$T/view1"
# the same comparison from the command line, in the pager's width
"$SOEM_BIN" --kb "$SOEM_KB_DIR" --lang en compare "$WORK/hf-2.soem.yaml" \
	"$WORK/hf.soem.yaml" "$WORK/mentor.soem.yaml" >"$T/cli.txt" 2>"$T/cli.err"
check 'grep -q "1  .*hf-2.soem.yaml.*the reference" "$T/view1"' "the open scenario is not the reference"
# every row of the view's first page is a line of the command's output
# (the same labels; numbers as in the command's table)
python3 - "$T/view1" "$T/cli.txt" <<'PY' || fail "the view differs from soem compare"
import sys, re
view = open(sys.argv[1], encoding='utf-8').read().splitlines()
cli = open(sys.argv[2], encoding='utf-8').read()
rows = []
for l in view:
    m = re.match(r'^.?\s*[│|]\s{1,2}(.*?)\s*[│|]\s*$', l)
    if m and m.group(1).strip():
        rows.append(m.group(1).rstrip())
assert any('Intake' in r or 'participants' in r.lower() for r in rows), rows
found = 0
for r in rows:
    if 'Esc or q' in r or re.match(r'Files \d+ to \d+ of \d+', r):
        continue  # the pager's own line; pages of the narrower view
    label = r.split('  ')[0].strip()
    if label and label not in cli:
        print('not in soem compare:', label); sys.exit(1)
    found += 1
assert found > 5, rows
PY
# the intake differs: 71 against the reference's value, and the total
# net present value of each file is the command's
check 'grep -q "71" "$T/view1"' "the changed intake is not shown"
keys q
wait_gone "Comparison of 3"
keys C-x
wait_for "__EXIT=0"

# the start screen: Compare calculations (two files of the folder)
soem_start --
wait_for "Compare calculations"
keys End Up
keys Enter
wait_for "Compare with"
keys Enter
wait_for "1 file picked"
keys Enter Enter
wait_for "3 files picked"
keys Up Up Up Up Enter
wait_for "Comparison of 3 calculations"
check 'screen | grep -q "hf-2.soem.yaml.*the reference"' "the first file picked is not the reference"
keys q
keys C-x
wait_for "__EXIT=0"
finish
