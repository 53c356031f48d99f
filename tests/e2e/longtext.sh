#!/bin/sh
# Long texts on the screen (issue 18: ui_puts and ui_width look at a text
# a piece at a time, not through an 8 kB copy on the stack): a calculation
# name of 1505 characters, more than the 1024 they look at, mixing wide
# (CJK) characters, combining accents and ASCII, is cut in the title bar
# with an ellipsis at exactly the column that leaves room for the file
# name and the net present value, at 80 columns and at 300 (where more
# than one piece of 128 characters is shown); with --ascii a name of 3120
# bytes in ASCII (more than the 2047 looked at) is spelled as Danes write
# it ("SØM" -> "SOEM", "KØ" -> "KOE", "å" -> "aa") up to its cut.  On
# terminals of 1200 and 2200 columns, wider than what was looked at
# before, a longer name is cut with its ellipsis too.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"
python3 -c 'import yaml' 2>/dev/null || { echo "FAIL: python3-yaml is missing"; exit 1; }

mkname() { # FILE NAME: the example, with the name NAME (Python escapes)
	python3 - "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$1" "$2" <<'PY'
import sys, yaml
c = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
c["intervention"]["name"] = sys.argv[3].encode().decode("unicode_escape")
yaml.safe_dump(c, open(sys.argv[2], "w", encoding="utf-8"), allow_unicode=True)
PY
}
# the title row as it must be: python3 CHECK.py COLS TAIL ELLIPSIS NAME
# reads the screen's first row on stdin and says what differs
cat >"$T/title.py" <<'PY'
import sys, unicodedata
cols, tail, ell = int(sys.argv[1]), sys.argv[2], sys.argv[3]
name = sys.argv[4].encode().decode("unicode_escape")
row = sys.stdin.readline().rstrip("\n")
def w(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1
def width(s):
    return sum(w(ch) for ch in s)
at = row.find("Net present value:")
if at < 0:
    sys.exit("no net present value in the title: %r" % row)
rw = cols - width(row[:at])            # the right part's columns
room = max(cols - rw - width(tail) - 3, 8)
acc, k = 0, 0
for ch in name:                        # what fits before the ellipsis
    if acc + w(ch) > room - 1:
        break
    acc += w(ch)
    k += 1
want = " " + name[:k] + ell + tail
if not row.startswith(want):
    sys.exit("title row\n  is   %r\n  want %r..." % (row[:len(want) + 5], want))
if width(row[:at]) + len(row[at:].rstrip()) > cols:
    sys.exit("title row is wider than %d columns" % cols)
PY
title_is() { # COLS TAIL ELLIPSIS NAME
	screen | head -n 1 | python3 "$T/title.py" "$@"
}

# --- wide and combining characters, 1505 of them ---
unit='Ab\u6f22\u5b57e\u0301-'
name=$(python3 -c "print(r'$unit' * 215)")
mkname "$WORK/longtext.soem.yaml" "$name"
soem_start -- --step consequences longtext.soem.yaml
wait_for "Net present value:"
settle
check 'title_is 80 "  [longtext.soem.yaml]" "…" "$name"' "80 columns: the title is cut elsewhere (see above)"
resize 300 30
wait_for "Net present value:"
settle
check 'title_is 300 "  [longtext.soem.yaml]" "…" "$name"' "300 columns: the title is cut elsewhere (see above)"

# --- a terminal wider than the 1024 characters looked at before: a
# name of 1500 ASCII characters at 1200 columns was drawn whole to its
# 1024th character, with no ellipsis ---
lname=$(python3 -c "print('abcdefghij' * 150)")
mkname "$WORK/longplain.soem.yaml" "$lname"
soem_start -- --step consequences longplain.soem.yaml
resize 1200 30
wait_for "Net present value:"
settle
check 'title_is 1200 "  [longplain.soem.yaml]" "…" "$lname"' "1200 columns: a name longer than 1024 characters is cut elsewhere (see above)"

# --- --ascii: Danish letters spelled out, 3120 bytes ---
aunit='S\u00d8M K\u00d8 M\u00e5lgruppe \u00e6ble\u2013'
aname=$(python3 -c "print(r'$aunit' * 120)")
spelled=$(python3 -c "print('SOEM KOE Maalgruppe aeble-' * 120)")
mkname "$WORK/longascii.soem.yaml" "$aname"
soem_start -- --ascii --step consequences longascii.soem.yaml
wait_for "Net present value:"
settle
check 'title_is 80 "  [longascii.soem.yaml]" "~" "$spelled"' "--ascii, 80 columns: the title is cut or spelled otherwise (see above)"
resize 300 30
wait_for "Net present value:"
settle
check 'title_is 300 "  [longascii.soem.yaml]" "~" "$spelled"' "--ascii, 300 columns: the title is cut or spelled otherwise (see above)"
# (the 2047 bytes looked at before ended before the cut)
resize 2200 30
wait_for "Net present value:"
settle
check 'title_is 2200 "  [longascii.soem.yaml]" "~" "$spelled"' "--ascii, 2200 columns: the title is cut or spelled otherwise (see above)"
finish
