#!/bin/sh
# Results at 80x24 (issue 14 point 13): the payers' names never run
# together ("RegionFörsäkringsk..." in Swedish).  A heading keeps a free
# column on its left; one too long for its column goes over two lines,
# broken where a syllable starts ("Försäkrings-" over "kassan"), without
# the explanation in brackets that the Danish names carry.  Short names
# (the Danish profile's) stay on one line.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

cp "$SOEM_SRCDIR/share/soem/examples/samordningsteam.soem.yaml" "$WORK/st.soem.yaml"
cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$WORK/hf.soem.yaml"
chmod u+w "$WORK/st.soem.yaml" "$WORK/hf.soem.yaml"

# the heading lines: the one with the first payer's name and the line
# above it
heads() {
	screen | grep -B1 -m1 -E -- "$1"
}

# --- Swedish ---
soem_start -- --lang sv --step results st.soem.yaml
wait_for "Steg 7 av 7: Resultat"
wait_for "Försäkrings-"
check 'heads "^ +Kommun " | head -n 1 | grep -qE "Försäkrings- +Arbetsför-"' \
	"sv: the long names are not broken over two lines"
check 'heads "^ +Kommun " | tail -n 1 | grep -qE "^ +Kommun +Region +kassan +medlingen"' \
	"sv: the second heading line is not 'Kommun Region kassan medlingen'"
check '! screen | grep -q "RegionFörs"' "sv: Region and Försäkringskassan run together"
check '! heads "^ +Kommun " | grep -qE "[^ ]Försäkr|[^ ]Arbetsf|[^ ]kassan|[^ ]medl|…[^ ]"' \
	"sv: a heading touches the one before it"
# the rest of the payers, scrolled sideways: Övrig stat fits on one line
keys Right Right
wait_for "Övrig stat"
check 'screen_has_re "medlingen +Övrig stat +Totalt$"' "sv: the last headings are not 'medlingen Övrig stat Totalt'"
keys C-x
wait_for "__EXIT=0"

# --- Danish names of Swedish payers: the brackets are left out ---
soem_start -- --lang da --step results st.soem.yaml
wait_for "Trin 7 af 7: Resultater"
wait_for "Försäkrings-"
check 'heads "^ +Kommune " | tail -n 1 | grep -qE "^ +Kommune +Region +kassan +medlingen"' \
	"da: the second heading line is not 'Kommune Region kassan medlingen'"
check '! screen | grep -q "(den"' "da: the explanation in brackets is in a heading"

# --- English ---
soem_start -- --lang en --step results st.soem.yaml
wait_for "Step 7 of 7: Results"
check 'heads "Municipality" | tail -n 1 | grep -qE "^ +Municipality +Region +Social Insu… +Public Empl…"' \
	"en: the second heading line is not 'Municipality Region Social Insu… Public Empl…'"
check 'heads "Municipality" | head -n 1 | grep -qE "^ +Swedish +Swedish "' \
	"en: the first words of the long names are not on the line above"

# --- the Danish profile: short names on one line, as before ---
soem_start -- --lang da --step results hf.soem.yaml
wait_for "Trin 7 af 7: Resultater"
wait_for "I alt"
check 'screen_has_re "^ +Kommune +Region +Stat +I alt$"' \
	"da: the Danish payers' heading is not one line 'Kommune Region Stat I alt'"
check '! heads "^ +Kommune +Region" | head -n 1 | grep -q "[A-Za-z]-"' \
	"da: a short heading is broken over two lines"
finish
