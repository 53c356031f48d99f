#!/bin/sh
# Issue 14 on the wizard's screens, with the test database
# tests/data/kb-steps (Danish):
#  - Consequences: the heading says how many estimates are supported; s on
#    a group without supported estimates says so (not "already in use");
#    the detail line of a supported row names its supported_source, or
#    says the support is not sourced; consequence years are "Kons.år",
#    not the calendar "År"; an unassessed match says "ikke vurderet
#    endnu (m)"; s adding the database's own zeros gives no "alle værdier
#    er 0";
#  - Prices: the service's source in the user's language;
#  - Target group: the own group comes first, the list shows "more below";
#    the legend names the marker the list shows;
#  - Results: a break-even success rate above 1 - p0 shows the sentence
#    only, and a year there carries its calendar year.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"
: "${SOEM_BUILDDIR:=.}"
SHARE_KB=$SOEM_KB_DIR
SOEM_KB_DIR="$SOEM_TEST_DATA/kb-steps"

# the catalogues: the build tree's (SOEM_LOCALEDIR, set by make check)

cat >"$WORK/med.soem.yaml" <<'YAML'
soem_calc: 1
kb: {profile: tst}
intervention: {name: Med, start_year: 2026}
horizon: 5
intake: [{year: 1, participants: 10}]
target_group: {kb: gruppe_med}
effect: {measure: {kb: maal_med}, p1: 0.3, p0: 0.1}
costs: [{name: Team, payer: kommune, basis: once, years: [1], amount: 5000000}]
YAML
sed -e 's/gruppe_med/gruppe_uden/' -e 's/maal_med/maal_uden/' \
	"$WORK/med.soem.yaml" >"$WORK/uden.soem.yaml"

# --- a group without supported estimates ---
soem_start -- --lang da --step consequences uden.soem.yaml
wait_for "Trin 5 af 7: Konsekvenser"
wait_for "0 af 2 skøn understøttet"
wait_for "Match med databasen: ikke vurderet endnu (m)"
check '! screen | grep -q "ikke angivet"' "the match line says 'ikke angivet'"
keys s
wait_for "ingen konsekvenser, der er markeret"
check '! screen | grep -q "allerede i brug"' "s on a group without supported estimates says they are in use"

# --- a group with supported estimates ---
soem_start -- --lang da --step consequences med.soem.yaml
wait_for "2 af 4 skøn understøttet"
# Prices not yet seen: no tick; shortened step names end in an ellipsis
check 'screen | sed -n 2p | grep -q "6 Priser "' "6 Priser is ticked before it was seen"
check 'screen | sed -n 2p | grep -q "2 Målgr[^ ]*…✓"' "a shortened step name has no ellipsis"
wait_for "Kons.år 1"
check '! screen | sed -n 6p | grep -q "År 1"' "the consequence years are headed 'År'"
keys s
wait_for "Tilføjede skønnene"
settle
check '! screen | grep -q "alle værdier er 0"' "after s, the database's own zeros are reported as 'alle værdier er 0'"
keys Home Home
wait_for "Ydelse A (* understøttet ifølge: Anbefaling om A fra testministeriet"
keys Down
wait_for "Ydelse B (* støtte ikke kildebelagt): skøn fra databasen"
# the Prices step: the source in Danish
keys C-n
wait_for "Trin 6 af 7: Priser"
wait_for "Prisen på ydelse A efter testkilden"
check 'screen | sed -n 2p | grep -q "6 Priser✓"' "6 Priser has no tick once seen"
# Results: the sentence only, and the calendar year
keys C-n
wait_for "Trin 7 af 7: Resultater"
n=0
until screen_has "kan ikke tjene sig hjem ved nogen" 1 || [ $n -ge 10 ]; do
	keys NPage
	n=$((n + 1))
done
wait_for "kan ikke tjene sig hjem ved nogen"
check '! screen | grep -q "3.379"' "the break-even success rate's number is shown beside the sentence"
# down to the yearly tables (PgDn until they show)
n=0
until screen_has "År 1 (2026)" 1 || [ $n -ge 10 ]; do
	keys NPage
	n=$((n + 1))
done
wait_for "År 1 (2026)"

# --- the same in Swedish ---
soem_start -- --lang sv --step prices med.soem.yaml
wait_for "Steg 6 av 7"
keys C-p
wait_for "Steg 5 av 7"
keys s
wait_for "Ersättning A"
keys Home Home
wait_for "(* stöd enligt: Rekommendation om A från testdepartementet"
keys C-n
wait_for "Priset på ersättning A enligt testkällan"

# --- the target group list: the own group first, a mark for more rows ---
soem_start -- --lang da --step target med.soem.yaml
wait_for "Trin 2 af 7: Målgruppe"
# (line 8: the group bar is the step's first row, issue 15)
check 'screen | sed -n 8p | grep -q "Egen målgruppe"' "the own target group is not the list's first row"
wait_for "(•) viser den valgte"
check '! screen | grep -q "(\*) viser"' "the legend says (*) while the marker is (•)"

# a long list (the installed profile's many groups): a mark says more rows
# are below, and above once scrolled
cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$WORK/hf.soem.yaml"
chmod u+w "$WORK/hf.soem.yaml"
SOEM_KB_DIR=$SHARE_KB
soem_start -- --lang da --step target hf.soem.yaml
wait_for "Trin 2 af 7: Målgruppe"
wait_for "▾ flere nedenfor"
check '! screen | grep -q "flere ovenfor"' "'more above' at the top of the list"
keys End
wait_for "▴ flere ovenfor"
check '! screen | grep -q "flere nedenfor"' "'more below' at the end of the list"
# the Consequences table: a mark in the gutter of its last row
keys C-g
wait_for "Gå til trin"
keys 5
wait_for "Trin 5 af 7: Konsekvenser"
check 'screen | sed -n 15p | grep -q "^▾"' "the Consequences table has no mark for rows below"
finish
