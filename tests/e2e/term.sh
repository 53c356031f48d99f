#!/bin/sh
# The terminal and the locale as a training room's server meets them
# (issue 14):
#  15. LANG=da_DK.UTF-8 naming a locale that is not installed (common over
#      SSH): Danish screens, UTF-8 frames and a notice, once;
#  16. --ascii spells the Danish letters as Danes do (Aar, maalgruppe,
#      SOEM);
#  17. TERM=dumb: a message and exit 2 with the advice to use soem calc;
#      a TERM terminfo does not know: a message naming it and exit 2;
#      TERM=vt100 and TERM=linux: the wizard's screen is gone after quit.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$WORK/hf.soem.yaml"
chmod u+w "$WORK/hf.soem.yaml"

# --- 15: a locale that is not installed ---
# LOCPATH points glibc at a folder of our own, so the locale is missing
# whatever this machine has installed; C.UTF-8, which soem falls back on
# for the character type, is linked in when the machine has it (without
# it, soem cannot show UTF-8 and uses ASCII frames).
mkdir "$T/locales"
CUTF=""
for _d in /usr/lib/locale/C.utf8 /usr/lib/locale/C.UTF-8; do
	if [ -d "$_d" ]; then
		ln -s "$_d" "$T/locales/C.utf8"
		CUTF=yes
		break
	fi
done
soem_start LANG=da_DK.UTF-8 LOCPATH="$T/locales"
wait_for "Hvad vil du gøre?"
wait_for "Sprogindstillingen da_DK.UTF-8 er ikke installeret her"
if [ -n "$CUTF" ]; then
	check 'screen | grep -q "── Vejledning ──"' "da_DK.UTF-8 missing: the frames are not UTF-8"
fi
check '! screen | grep -q "What would you like"' "da_DK.UTF-8 missing: English screens"
# the notice is said once
keys Down
wait_gone "er ikke installeret"
keys C-x
wait_for "__EXIT=0"

# LC_ALL wins over LANG, Swedish, in the wizard's steps too
soem_start LANG=en_GB.UTF-8 LC_ALL=sv_SE.UTF-8 LOCPATH="$T/locales" -- --step costs hf.soem.yaml
wait_for "Steg 4 av 7: Kostnader"
wait_for "Språkinställningen sv_SE.UTF-8 är inte installerad här"
keys C-x
wait_for "__EXIT=0"

# an installed locale (C.UTF-8, the tests' own): no notice
soem_start -- --lang da
wait_for "Hvad vil du gøre?"
check '! screen | grep -q "ikke installeret"' "a notice although the locale is installed"
keys C-x
wait_for "__EXIT=0"
# only the time's locale is missing: the messages' and characters' are
# there, English and UTF-8 without a notice
if [ -n "$CUTF" ]; then
	soem_start LANG=C.UTF-8 LC_TIME=da_DK.UTF-8 LOCPATH="$T/locales"
	wait_for "What would you like to do?"
	check 'screen | grep -q "── Guidance ──"' "LC_TIME missing: the frames are not UTF-8"
	check '! screen | grep -q "not installed"' "LC_TIME missing: a notice for the messages' locale, which is there"
	keys C-x
	wait_for "__EXIT=0"
fi

# --- 16: ASCII spells æ ø å as Danes write them without them ---
soem_start -- --lang da --ascii --step results hf.soem.yaml
wait_for "Trin 7 af 7: Resultater"
wait_for "I alt over 10 aar"
check 'screen | sed -n 2p | grep -q "2 Maalgr"' "ASCII: the step list does not say Maalgr(uppe)"
check 'screen | grep -q "Nutidsvaerdi af effekter"' "ASCII: æ is not ae"
check 'screen | grep -q "Venstre/Hoejre"' "ASCII: ø is not oe"
check 'screen | grep -q "(SOEM.s budgetresultat)"' "ASCII: SØM is not SOEM"
check '! screen | grep -qE "Hojre|Malgr| ar;"' "ASCII: a Danish letter lost its second letter"
# down to the chart (PgDn until it shows: the page above it grows)
n=0
until screen_has "Aar 10 " 1 || [ $n -ge 10 ]; do
	keys NPage
	n=$((n + 1))
done
wait_for "Aar 10 "
check '! LC_ALL=C screen | LC_ALL=C grep -q "[^ -~]"' "ASCII: characters outside ASCII"
keys C-x
wait_for "__EXIT=0"

# --- 17: a terminal that cannot move the cursor ---
soem_start TERM=dumb -- hf.soem.yaml
wait_for "__EXIT=2"
wait_for "cannot move the cursor"
check 'screen | tr -d "\n" | grep -q "use .soem calc FILE."' "TERM=dumb: no advice to use soem calc"
soem_start TERM=dumb -- --lang da
wait_for "__EXIT=2"
check 'screen | tr -d "\n" | grep -q "kan ikke flytte markøren"' "TERM=dumb: the message is not in Danish"
# a type terminfo does not know: soem says which type and what to try,
# before newterm (whose failure says nothing and leaves its half-made
# screen behind)
soem_start TERM=no-such-terminal -- hf.soem.yaml
wait_for "__EXIT=2"
check 'screen | tr -d "\n" | grep -q "cannot use the terminal type .no-such-terminal."' "an unknown TERM: no message naming it"

# vt100 and linux have no alternate screen: soem clears its screen on quit
for term in vt100 linux; do
	soem_start TERM=$term -- hf.soem.yaml
	wait_for "Step 1 of 7: Intervention"
	keys C-x
	wait_for "__EXIT=0"
	check '! screen | grep -q "Step 1 of 7"' "TERM=$term: the wizard's screen is left after quit"
	check '! screen | grep -q "Housing First"' "TERM=$term: the wizard's title is left after quit"
	check 'screen | sed -n 1p | grep -q "^__EXIT=0"' "TERM=$term: the shell's output does not start at the top of a clear screen"
done
finish
