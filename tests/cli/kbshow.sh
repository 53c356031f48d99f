#!/bin/sh
# soem kb show and the keys of SPEC 2.9 (issue 16): the tax shares of a
# taxable transfer (dk kontanthjaelp), a price schedule's years and
# amounts per payer (dk herberg), and a payer group's split (se
# samordningsforbund, shown by `kb show se` and `kb show samordningsforbund`),
# in English and Danish.  Every number expected is read from the shipped
# YAML file here and formatted in the language's convention.
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 is not installed"; exit 77; }
python3 -c 'import yaml' 2>/dev/null || { echo "python3-yaml is not installed"; exit 77; }
KB="--kb $SOEM_KB_DIR"
DK="$SOEM_KB_DIR/dk.yaml"
SE="$SOEM_KB_DIR/se.yaml"

# expect.py YAML LANG WHAT ID OUTPUT: checks OUTPUT (soem's stdout) for
# the lines WHAT (tax, schedule, profile-groups, group) of ID calls for;
# prints each one missing and exits 1 when any is.
cat >"$T/expect.py" <<'EOF'
import re, sys, yaml
path, lang, what, ident, out = sys.argv[1:]
doc = yaml.safe_load(open(path, encoding="utf-8"))
lines = open(out, encoding="utf-8").read().splitlines()
plang = doc["profile"].get("language", "en")
cur = doc["profile"]["currency"]

def text(t):
    if isinstance(t, dict):
        return t.get(lang) or t.get(plang) or next(iter(t.values()))
    return t

def num(v, d):
    s = f"{v:,.{d}f}"
    if lang == "da":
        s = s.replace(",", "\0").replace(".", ",").replace("\0", ".")
    elif lang == "sv":
        s = s.replace(",", " ").replace(".", ",")
    return s

def pct(share):
    v, d = share * 100, 2
    while d < 6 and abs(round(v, d) - v) > 1e-9:
        d += 1
    return num(v, d) + " %"

payers = [(p["id"], text(p["name"])) for p in doc["payers"]]
bad = []

def want_re(rx, what):
    if not any(re.fullmatch(rx, l) for l in lines):
        bad.append(what)

def split_text(shares):
    return ", ".join(f"{n} {pct(shares[i])}" for i, n in payers
                     if shares.get(i, 0) != 0)

if what in ("tax", "schedule"):
    svc = next(s for s in doc["services"] if s["id"] == ident)
if what == "tax":
    tax = svc["tax"]
    assert tax, "no tax on " + ident
    for i, n in payers:
        if tax.get(i, 0) != 0:
            want_re(r"    " + re.escape(n) + r" +" + re.escape(pct(tax[i])),
                    f"{n} {pct(tax[i])}")
elif what == "schedule":
    word = {"en": "from", "da": "fra", "sv": "från"}[lang]
    n_sched = 0
    for i, n in payers:
        sched = svc["prices"].get(i)
        if not isinstance(sched, list):
            continue
        n_sched += 1
        want = ["    " + n] + [f"      {word} {e['from']}: {num(e['amount'], 2)} {cur}"
                               for e in sched]
        found = any(lines[k:k + len(want)] == want for k in range(len(lines)))
        if not found:
            bad.append("\n".join(want))
    assert n_sched, "no schedule on " + ident
elif what == "profile-groups":
    assert doc["payer_groups"]
    for g in doc["payer_groups"]:
        want_re(r"    " + re.escape(f"{text(g['name'])} ({g['id']}): "
                                    + split_text(g["split"])),
                f"{g['id']}: {split_text(g['split'])}")
elif what == "group":
    g = next(g for g in doc["payer_groups"] if g["id"] == ident)
    for i, n in payers:
        if g["split"].get(i, 0) != 0:
            want_re(r"    " + re.escape(n) + r" +" + re.escape(pct(g["split"][i])),
                    f"{n} {pct(g['split'][i])}")
for b in bad:
    print("missing in the output:\n" + b)
sys.exit(1 if bad else 0)
EOF

# expect_kb YAML WHAT ID: the lines of expect.py in $OUT for $LANG_
expect_kb() {
	CHECKS=$((CHECKS + 1))
	if ! python3 "$T/expect.py" "$1" "$LANG_" "$2" "$3" "$OUT"; then
		fail "kb show $3 --lang $LANG_: the $2 lines of $(basename "$1")"
		echo "--- stdout:"; head -c 3000 "$OUT"
	fi
}

for LANG_ in en da; do
	case $LANG_ in
	en) TAX="Tax back" SCHED="Price schedule by calendar year"
	    PG="Payer groups" PGONE="Payer group samordningsforbund:" ;;
	da) TAX="Skat tilbage" SCHED="Prisplan efter kalenderår"
	    PG="Betalergrupper" PGONE="Betalergruppe samordningsforbund:" ;;
	esac
	# the two tax shares of kontanthjælp
	expect_exit 0 "$SOEM_BIN" kb show kontanthjaelp $KB --lang $LANG_
	expect_in "$OUT" "  $TAX"
	expect_kb "$DK" tax kontanthjaelp
	expect_not_in "$OUT" "$SCHED"
	# herberg's schedule: each payer's years and amounts
	expect_exit 0 "$SOEM_BIN" kb show herberg $KB --lang $LANG_
	expect_in "$OUT" "  $SCHED"
	expect_kb "$DK" schedule herberg
	expect_not_in "$OUT" "$TAX"
	# se's payer groups with their split, on the profile and by the id
	expect_exit 0 "$SOEM_BIN" kb show se $KB --lang $LANG_
	expect_in "$OUT" "Profil"
	expect_in "$OUT" "  $PG"
	expect_kb "$SE" profile-groups se
	expect_exit 0 "$SOEM_BIN" kb show samordningsforbund $KB --lang $LANG_
	expect_in "$OUT" "$PGONE"
	expect_kb "$SE" group samordningsforbund
	expect_in "$OUT" "lagboken.se"
done

# a profile without payer groups lists its payers and no group heading
expect_exit 0 "$SOEM_BIN" kb show dk $KB --lang en
expect_in "$OUT" "Profile dk:"
expect_in "$OUT" "(kommune)"
expect_not_in "$OUT" "Payer groups"

# text from the file passes the terminal sink (util/textsafe.h): an
# escape sequence in a payer group's name reaches the terminal disarmed
sed 's/name: {sv: Samordningsförbund (Finsam),/name: {sv: "Samordnings\\e]0;pwned\\aförbund",/' \
	"$SE" >"$T/se.yaml"
chmod u+w "$T/se.yaml"
mkdir -p "$T/kb" && mv "$T/se.yaml" "$T/kb/se.yaml"
expect_exit 0 "$SOEM_BIN" kb show samordningsforbund --kb "$T/kb" --lang sv
expect_in "$OUT" "Betalargrupp samordningsforbund:"
CHECKS=$((CHECKS + 1))
if LC_ALL=C grep -q "$(printf '\033')" "$OUT"; then
	fail "an ESC from the file reached the terminal"
fi
expect_in "$OUT" "pwned"

finish
