#!/bin/sh
# Untrusted text never reaches a terminal, a page or a spreadsheet raw
# (issue 12, soem(1) "UNTRUSTED TEXT").  A knowledge database and a
# calculation whose every text field starts with a hostile payload
# (tests/cli/hostile_text.py): ESC, OSC (window title, OSC 52 clipboard),
# CSI as ESC [ and as U+009B, BEL, NEL, bidi overrides, HTML that would
# run script, a spreadsheet formula, Markdown table syntax, CR LF.
#  - text, kb list, kb show, messages: no C0 (but LF), C1 or bidi
#    control, no byte that is not UTF-8; U+FFFD in their place;
#  - HTML (without a browser; tests/html/chromium.sh runs one): no
#    element or attribute the plain twin of the same files lacks;
#  - CSV: no text cell starts a formula, numbers stay numbers, names cut
#    on a UTF-8 boundary; --csv-sep refuses what stands in numbers;
#  - Markdown: a CR or LF in a cell does not end the row.
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "FAIL: python3 is missing"; exit 1; }
python3 -c 'import yaml' 2>/dev/null || { echo "FAIL: python3-yaml is missing"; exit 1; }

EX="$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml"
for m in hostile plain; do
	python3 "$SOEM_SRCDIR/tests/cli/hostile_text.py" \
		"$SOEM_KB_DIR/dk.yaml" "$EX" "$T/$m" "$m" || {
		echo "FAIL: hostile_text.py $m"
		exit 1
	}
done
H="$T/hostile"
P="$T/plain"

# terminal_clean FILE WHAT: no control but LF (and TAB, CR with doc=1),
# no C1 control, no bidi override or isolate, valid UTF-8; and U+FFFD
# where the payload's controls were (want_fffd=1)
terminal_clean() {
	CHECKS=$((CHECKS + 1))
	python3 - "$1" "$2" "${3:-1}" <<'PY' || FAILED=1
import re, sys
path, what, want_fffd = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
data = open(path, "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    print("FAIL: %s: not UTF-8 (%s): %r" % (what, e, data[max(0, e.start - 20):e.start + 20]))
    sys.exit(1)
bad = re.findall("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)
if bad:
    i = text.index(bad[0])
    print("FAIL: %s: %d control characters reach the terminal, first %r in %r"
          % (what, len(bad), bad[0], text[max(0, i - 30):i + 30]))
    sys.exit(1)
if want_fffd and "\ufffd" not in text:
    print("FAIL: %s: the controls are not shown as U+FFFD" % what)
    sys.exit(1)
PY
}

KB="--kb $H/kb"
export SOURCE_DATE_EPOCH=1773446400

# --- terminal: soem calc --format text (stdout and -o FILE), kb list/show
expect_exit 0 "$SOEM_BIN" $KB calc "$H/calc.soem.yaml" --format text --lang en
terminal_clean "$OUT" "calc --format text"
expect_in "$OUT" "PWNED-TITLE"          # shown, not dropped
expect_exit 0 "$SOEM_BIN" $KB calc "$H/calc.soem.yaml" --format text -o "$T/report.txt"
terminal_clean "$T/report.txt" "calc --format text -o FILE"
expect_exit 0 "$SOEM_BIN" $KB kb list --lang en
terminal_clean "$OUT" "kb list"
for id in hjemloese ophold_herberg kontanthjaelp; do
	expect_exit 0 "$SOEM_BIN" $KB --profile dk kb show "$id" --lang en
	terminal_clean "$OUT" "kb show $id"
done
expect_exit 0 "$SOEM_BIN" $KB kb validate "$H/kb/dk.yaml"
terminal_clean "$OUT" "kb validate" 0

# --- messages: a duplicate key with OSC and BEL, file names with ESC,
# a raw 0x9B byte (CSI on some terminals) and a bidi override
printf 'soem_calc: 1\nkb: {profile: dk}\nhorizon: 10\n"\\e]2;PWNED\\a": 1\n"\\e]2;PWNED\\a": 2\n' \
	>"$T/dupkey.soem.yaml"
expect_exit 65 "$SOEM_BIN" $KB calc "$T/dupkey.soem.yaml"
terminal_clean "$ERR" "duplicate-key message"
expect_in "$ERR" "PWNED"
bad=$(printf 'x\033]2;PWNED\007\233\342\200\256y.soem.yaml')
expect_exit 66 "$SOEM_BIN" $KB calc "$T/$bad"
terminal_clean "$ERR" "missing-file message"
expect_exit 2 "$SOEM_BIN" calc "$EX" --format "$bad"
terminal_clean "$ERR" "unknown-format message"
expect_exit 2 "$SOEM_BIN" --lang "$bad" calc "$EX"
terminal_clean "$ERR" "--lang message"
expect_exit 66 "$SOEM_BIN" --kb "$T/$bad" kb list
terminal_clean "$ERR" "--kb message"
expect_exit 1 "$SOEM_BIN" $KB kb show "$bad"
terminal_clean "$ERR" "kb show message"

# --- a report sent to a terminal (any format): shown, not obeyed
if command -v script >/dev/null 2>&1; then
	script -qec "\"$SOEM_BIN\" $KB calc \"$H/calc.soem.yaml\" --format markdown --lang en" \
		/dev/null >"$T/tty.md" 2>&1 </dev/null
	tr -d '\r\t' <"$T/tty.md" >"$T/tty2.md"
	terminal_clean "$T/tty2.md" "markdown on a terminal"
fi

# --- HTML: every text escaped; nothing the plain twin lacks
expect_exit 0 "$SOEM_BIN" $KB calc "$H/calc.soem.yaml" --format html --lang en -o "$T/hostile.html"
expect_exit 0 "$SOEM_BIN" --kb "$P/kb" calc "$P/calc.soem.yaml" --format html --lang en -o "$T/plain.html"
CHECKS=$((CHECKS + 1))
python3 - "$T/hostile.html" "$T/plain.html" <<'PY' || FAILED=1
import sys
from collections import Counter
from html.parser import HTMLParser

class Count(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs = Counter(), Counter()
    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        for k, _ in attrs:
            self.attrs[k] += 1
    handle_startendtag = handle_starttag

def count(path):
    c = Count()
    c.feed(open(path, encoding="utf-8").read())
    return c

h, p = count(sys.argv[1]), count(sys.argv[2])
errors = []
for t in ("script", "img", "b", "iframe", "object", "embed"):
    if h.tags[t]:
        errors.append("%d <%s> elements" % (h.tags[t], t))
on = [a for a in h.attrs if a.startswith("on")]
if on:
    errors.append("event attributes: %s" % on)
if h.tags != p.tags:
    errors.append("elements differ from the plain report: %s"
                  % {k: (h.tags[k], p.tags[k]) for k in set(h.tags) | set(p.tags) if h.tags[k] != p.tags[k]})
if h.attrs != p.attrs:
    errors.append("attributes differ from the plain report: %s"
                  % {k: (h.attrs[k], p.attrs[k]) for k in set(h.attrs) | set(p.attrs) if h.attrs[k] != p.attrs[k]})
if "&lt;/title&gt;&lt;/text&gt;&lt;/svg&gt;&lt;script&gt;" not in open(sys.argv[1], encoding="utf-8").read():
    errors.append("the payload is not in the report as text")
for e in errors:
    print("FAIL: HTML: %s" % e)
sys.exit(1 if errors else 0)
PY

# --- CSV: formula injection, numbers, UTF-8 cut
expect_exit 0 "$SOEM_BIN" $KB calc "$H/calc.soem.yaml" --format csv --lang en -o "$T/h.csv"
expect_exit 0 "$SOEM_BIN" $KB calc "$H/calc.soem.yaml" --format csv --lang da -o "$T/h.da.csv"
# a payer name of 402 bytes, cut in the header (an odd byte count before
# the two-byte characters: a cut by bytes would split one)
python3 - "$P/kb/dk.yaml" "$T/long" <<'PY'
import os, sys, yaml
kb = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
for p in kb["payers"]:
    for l in p["name"]:
        p["name"][l] = "-a" + "\u00e6" * 200
os.makedirs(sys.argv[2] + "/kb", exist_ok=True)
yaml.safe_dump(kb, open(sys.argv[2] + "/kb/dk.yaml", "w", encoding="utf-8"), allow_unicode=True)
PY
expect_exit 0 "$SOEM_BIN" --kb "$T/long/kb" calc "$P/calc.soem.yaml" --format csv --lang en -o "$T/long.csv"
CHECKS=$((CHECKS + 1))
python3 - "$T/h.csv" , "$T/h.da.csv" ";" "$T/long.csv" , <<'PY' || FAILED=1
import csv, io, sys
errors = []
args = sys.argv[1:]
for path, sep in zip(args[0::2], args[1::2]):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        errors.append("%s: not UTF-8: %s" % (path, e))
        continue
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    # the yearly table, an empty line, then the figures: a header, and
    # rows whose first cell is a label (issue 15); text never starts a
    # formula, every other cell is a number
    head = 0
    for r, row in enumerate(rows):
        if not row:
            head = r + 1
            continue
        for c, cell in enumerate(row):
            if r == head or (head and c == 0):
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    errors.append("%s: header cell %d starts a formula: %r" % (path, c, cell[:40]))
            elif cell != "":
                try:
                    float(cell.replace(",", ".") if sep == ";" else cell)
                except ValueError:
                    errors.append("%s: row %d cell %d is not a number: %r" % (path, r, c, cell))
    if len(rows) < 2 or not any(cell.startswith("-") for row in rows[1:] for cell in row):
        errors.append("%s: no negative number left as a number" % path)
    if "long" in path and not rows[0][2].startswith("'-a\u00e6\u00e6"):
        errors.append("%s: the long name lost its ': %r" % (path, rows[0][2][:10]))
for e in errors[:10]:
    print("FAIL: CSV: %s" % e)
sys.exit(1 if errors else 0)
PY
# --csv-sep: what stands in a number is refused (exit 2)
for s in 0 5 - + .; do
	expect_exit 2 "$SOEM_BIN" calc "$EX" --format csv --lang en --csv-sep "$s"
	expect_in "$ERR" "--csv-sep"
done
expect_exit 2 "$SOEM_BIN" calc "$EX" --format csv --lang da --csv-sep ,
expect_exit 2 "$SOEM_BIN" calc "$EX" --format csv --lang da --csv-sep .
expect_exit 0 "$SOEM_BIN" calc "$EX" --format csv --lang en --csv-sep ,
expect_exit 0 "$SOEM_BIN" calc "$EX" --format csv --lang da --csv-sep ';'
expect_exit 0 "$SOEM_BIN" calc "$EX" --format csv --lang da --csv-sep "$(printf '\t')"

# --- Markdown: CR and LF in a cell become a space; | stays escaped
expect_exit 0 "$SOEM_BIN" $KB calc "$H/calc.soem.yaml" --format markdown --lang en -o "$T/h.md"
CHECKS=$((CHECKS + 1))
python3 - "$T/h.md" <<'PY' || FAILED=1
import sys
text = open(sys.argv[1], "rb").read().decode("utf-8")
errors = []
if "\r" in text:
    errors.append("a CR in the Markdown")
lines = text.split("\n")
for i, l in enumerate(lines):
    if l.startswith("|") and not l.rstrip().endswith("|"):
        errors.append("line %d: a table row broken: %r" % (i + 1, l[:60]))
    if l.startswith("|") and "second line" in l and "<br>" in l:
        errors.append("line %d: a line break in a cell: %r" % (i + 1, l[:60]))
    if l.startswith("second line"):
        errors.append("line %d: a cell's text spilled into its own line" % (i + 1))
if "\\|\\*\\_\\`\\[x\\]" not in text:
    errors.append("| * _ ` [ ] are not escaped")
if not any(l.startswith("|") and "\\r" not in l and "\\|" in l and "second line" in l for l in lines):
    errors.append("no table cell holds the payload on one line")
for e in errors[:10]:
    print("FAIL: Markdown: %s" % e)
sys.exit(1 if errors else 0)
PY
finish
