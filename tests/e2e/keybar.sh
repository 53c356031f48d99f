#!/bin/sh
# The key bar at 80x24 (issue 14 points 6 and 7, and two smaller ones):
#  - on every step, in Danish, Swedish and English, every key of the
#    step's action-table entries (src/ui/keys.c) is on the bar, or the bar
#    says "F1 More keys" (then the help lists the rest); none is silently
#    cut at 80 columns (Danish lost m and r, Swedish n);
#  - the bar never shows a key that tmux, screen or a browser terminal
#    takes (Ctrl-A, Ctrl-B, Ctrl-N, Ctrl-T, Ctrl-W, Ctrl-Q) or that a
#    desktop terminal or mc takes (F9, F10);
#  - a read-only calculation's bar has no Save;
#  - the help screen lines up the keys' descriptions by display columns,
#    also after a key name with an ø ("Højre").
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"
: "${SOEM_BUILDDIR:=.}"

# the catalogues: the build tree's (SOEM_LOCALEDIR, made from po/*.po by make check)
cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$WORK/hf.soem.yaml"
chmod u+w "$WORK/hf.soem.yaml"

# The keys the bar shows for the action table's entries with a bar line,
# per step (the global ones on every step).
GLOBAL='F1 ^F ^P ^G ^R ^S ^X'
step_keys() {
	case $1 in
	1) echo "Enter Ins Del" ;;
	2) echo "Enter" ;;
	3) echo "Enter p" ;;
	4) echo "Enter Ins Del" ;;
	5) echo "Enter f e s n m r" ;;
	6) echo "Enter d r" ;;
	7) echo "e" ;;
	esac
}

# the two bar lines as one, with a blank at each end
bar() {
	echo " $(screen | tail -n 2 | tr '\n' ' ') "
}

for l in da sv en; do
	soem_start -- --lang "$l" hf.soem.yaml
	case $l in
	da) wait_for "Trin 1 af 7"; more="F1 Flere taster" ;;
	sv) wait_for "Steg 1 av 7"; more="F1 Fler tangenter" ;;
	en) wait_for "Step 1 of 7"; more="F1 More keys" ;;
	esac
	s=1
	while [ $s -le 7 ]; do
		settle
		b=$(bar)
		for k in $(step_keys $s) $GLOBAL; do
			case $b in
			*" $k "*) ;;
			*)
				case $b in
				*"$more"*) ;;
				*) fail "$l step $s: key $k is not on the bar and the bar does not say '$more': [$b]" ;;
				esac
				;;
			esac
			CHECKS=$((CHECKS + 1))
		done
		check 'echo "$b" | grep -qvE " (\^[ABNTWQ]|F9|F10) "' \
			"$l step $s: the bar shows a key a terminal takes: [$b]"
		s=$((s + 1))
		[ $s -le 7 ] && keys C-n
	done
	keys C-q
	wait_for "__EXIT=0"
done

# soem(1)'s KEYS section names every key the bar shows
keys_man=$(sed -n '/^\.SH KEYS/,/^\.SH OPTIONS/p' "$SOEM_SRCDIR/man/soem.1")
for k in $GLOBAL Enter Ins Del p f e s n m r d; do
	case $k in
	^?) m="Ctrl\\-$(echo "$k" | cut -c2)" ;;
	*) m=$k ;;
	esac
	check 'printf "%s\n" "$keys_man" | grep -qF -- "$m"' "soem(1) KEYS does not name $m"
done

# the help screen in Danish: the descriptions line up after "Højre" as
# after "Venstre" (display columns, not bytes)
soem_start -- --lang da hf.soem.yaml
wait_for "Trin 1 af 7"
keys F1
wait_for "Taster"
n=0
while ! screen | grep -q "^ *│* *Højre "; do
	n=$((n + 1))
	[ $n -gt 8 ] && { fail "no Højre in the help"; break; }
	keys NPage
	settle
done
cols=$(screen | python3 -c '
import re, sys
col = {}
for line in sys.stdin:
    for key in ("Venstre", "Højre", "Op", "Ned"):
        m = re.match(r"^(.*?\s)" + key + r"(\s+)\S", line)
        if m and key not in col:
            col[key] = len(m.group(1)) + len(key) + len(m.group(2))
print(" ".join("%s=%d" % kv for kv in sorted(col.items())))
')
check 'echo "$cols" | grep -q "Højre="' "no key column found: $cols"
check '[ "$(echo "$cols" | tr " " "\n" | cut -d= -f2 | sort -u | wc -l)" = 1 ]' \
	"the help's descriptions do not line up: $cols"
keys Escape
keys C-q
wait_for "__EXIT=0"

# read-only: another soem has the file; the bar has no Save
E2E_SESSION=a
soem_start -- hf.soem.yaml
wait_for "Step 1 of 7: Intervention"
E2E_SESSION=b
soem_start -- hf.soem.yaml
wait_for "is open in another soem"
keys y
wait_for "[hf.soem.yaml, read-only]"
settle
b=$(bar)
check 'case $b in *" ^S Save "*) false ;; *) true ;; esac' "a read-only calculation's bar shows Save: [$b]"
check 'case $b in *" ^X Quit "*) true ;; *) false ;; esac' "the read-only bar lost Quit: [$b]"
keys C-q
wait_for "__EXIT=0"
E2E_SESSION=a
keys C-q
wait_for "__EXIT=0"
finish
