#!/bin/sh
# Changing a price on the Prices step changes the result summary in the
# step list at once, without leaving the step; the database's price stands
# beside one's own, and d brings it back.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

# the frozen database of 2026.2, with tax shares on social assistance:
# the step then has its price type column, and at 80 columns one's own
# price still stands beside the database's after Enter went on to the
# next payer
kb_frozen
python3 - "$SOEM_KB_DIR/dk.yaml" <<'PYEOF' || exit 1
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
for s in d['services']:
    if s['id'] == 'kontanthjaelp':
        s['tax'] = {'kommune': 0.25, 'stat': 0.12}
d['soem_kb'] = 2
yaml.safe_dump(d, open(sys.argv[1], 'w', encoding='utf-8'),
               allow_unicode=True, sort_keys=False)
PYEOF
cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$WORK/hf.soem.yaml"
chmod u+w "$WORK/hf.soem.yaml"
summary() { screen | sed -n 1p | sed -n 's/.*Net present value: \([^ ]*\) DKK.*/\1/p'; }

soem_start -- --step prices hf.soem.yaml
wait_for "Step 6 of 7: Prices"
wait_for "Net present value:"
before=$(summary)
check '[ -n "$before" ]' "no result summary in the title"
# the example's own price of social assistance for the municipality, and
# the database's beside it
wait_for "2,300.00   2,275.57"
check 'screen_has_re "Social assistance.*net of tax"' "no price type column"
type "3000"
keys Enter
wait_for "3,000.00   2,275.57"
wait_gone "Net present value: $before DKK"
after=$(summary)
check '[ -n "$after" ] && [ "$after" != "$before" ]' "the summary did not change: '$before' -> '$after'"
check 'screen_has "Step 6 of 7: Prices"' "the step changed"

# the summary is the saved file's result
keys C-s
wait_for "Saved to hf.soem.yaml."
"$SOEM_BIN" calc "$WORK/hf.soem.yaml" --kb "$SOEM_KB_DIR" --format yaml >"$T/r.yaml"
pv=$(python3 -c 'import sys, yaml; print(round(yaml.safe_load(open(sys.argv[1]))["totals"]["pv_net"]["total"]))' "$T/r.yaml")
shown=$(echo "$after" | tr -d ,)
check '[ "$pv" = "$shown" ]' "summary $after, soem calc says $pv"

# d: the database's price again (the summary moves again); Enter went on
# to the next payer's price, Shift-Tab comes back
keys BTab d
wait_for "The database's price applies again."
wait_gone "Net present value: $after DKK"
check 'screen_has "2,275.57"' "the database price is not shown"

# which prices are illustrative (issue 4): the line under the table names
# the source of the row under the cursor, or says the figure is made up
check 'screen_has "Social assistance (kontanthjælp): Benefit only"' \
	"the source of a sourced price is not shown"
keys Down Down Down
wait_for "Other income transfers: illustrative price"
keys C-q
wait_for "Save the changes before quitting?"
keys n
wait_for "__EXIT=0"
finish
