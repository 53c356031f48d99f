#!/bin/sh
# The wizard speaks Danish and Swedish (issue 7): with --lang da and
# --lang sv every step shows its translated name in its heading ("Trin 3
# af 7: Effektmål") and the step list, in the words the po files give.
#
# The catalogues are the build tree's, made from po/*.po for every test
# run (SOEM_LOCALEDIR, set by make check and tests/e2e/lib-tmux.sh).
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$WORK/hf.soem.yaml"
chmod u+w "$WORK/hf.soem.yaml"

# one language: its word for "Step N of 7", then the seven step names
walk() {
	_l=$1 _step=$2 _of=$3
	shift 3
	soem_start -- --lang "$_l" hf.soem.yaml
	_n=1
	for _name in "$@"; do
		wait_for "$_step $_n $_of 7: $_name"
		# the step list at the top names every step in the language too
		check 'screen | sed -n 2p | grep -qi -- "$(echo "$_name" | cut -c1-4)"' \
			"$_l: the step list does not show '$_name'"
		_n=$((_n + 1))
		[ $_n -le 7 ] && keys C-n
	done
	keys C-q
	wait_for "__EXIT=0"
}

walk da Trin af Indsats "Målgruppe" "Effektmål" Omkostninger Konsekvenser \
	Priser Resultater
walk sv Steg av Insats "Målgrupp" "Effektmått" Kostnader Konsekvenser \
	Priser Resultat

# the words are the po files' own (case as there)
for w in Indsats Målgruppe Effektmål Omkostninger Konsekvenser Priser Resultater; do
	check 'grep -q "^msgstr \"$w\"$" "$SOEM_SRCDIR/po/da.po"' "da.po has no msgstr \"$w\""
done
for w in Insats Målgrupp Effektmått Kostnader Konsekvenser Priser Resultat; do
	check 'grep -q "^msgstr \"$w\"$" "$SOEM_SRCDIR/po/sv.po"' "sv.po has no msgstr \"$w\""
done
finish
