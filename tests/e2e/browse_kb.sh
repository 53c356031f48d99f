#!/bin/sh
# The knowledge-database browser shows the keys of SPEC 2.9 (issue 16):
# a taxable transfer's tax shares (dk kontanthjaelp) and a price
# schedule's years and amounts per payer (dk herberg) on "Services and
# prices", and a payer group's split (se samordningsforbund) on the
# profile's page; in English, and the tax and the split in Danish.  The
# expected texts are made from the shipped YAML files here.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"
python3 -c 'import yaml' 2>/dev/null || { echo "python3-yaml is missing"; exit 1; }

# want LANG WHAT: the text the browser should show (one line of the
# document, before it is wrapped), made from the YAML
want() {
	python3 - "$SOEM_KB_DIR" "$1" "$2" <<'PYEOF'
import sys, yaml
kbdir, lang, what = sys.argv[1:]
word = {"en": ("tax back:", "price schedule for", "from"),
        "da": ("skat tilbage:", "prisplan for", "fra")}[lang]
def load(p):
    return yaml.safe_load(open(f"{kbdir}/{p}.yaml", encoding="utf-8"))
def text(t, doc):
    if isinstance(t, dict):
        return t.get(lang) or t.get(doc["profile"]["language"])
    return t
def num(v, d):
    s = f"{v:,.{d}f}"
    if lang == "da":
        s = s.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return s
def pct(share):
    v, d = share * 100, 2
    while d < 6 and abs(round(v, d) - v) > 1e-9:
        d += 1
    return num(v, d) + " %"
def shares(doc, m):
    return ", ".join(f"{text(p['name'], doc)} {pct(m[p['id']])}"
                     for p in doc["payers"] if m.get(p["id"], 0) != 0)
if what == "tax":
    dk = load("dk")
    s = next(s for s in dk["services"] if s["id"] == "kontanthjaelp")
    print(f"{word[0]} {shares(dk, s['tax'])}")
elif what.startswith("schedule:"):
    dk = load("dk")
    s = next(s for s in dk["services"] if s["id"] == "herberg")
    payer = what.split(":")[1]
    p = next(p for p in dk["payers"] if p["id"] == payer)
    entries = "; ".join(f"{word[2]} {e['from']} {num(e['amount'], 2)}"
                        for e in s["prices"][payer])
    print(f"{word[1]} {text(p['name'], dk)}: {entries}")
elif what == "group":
    se = load("se")
    g = next(g for g in se["payer_groups"] if g["id"] == "samordningsforbund")
    print(f"{text(g['name'], se)} ({g['id']}): {shares(se, g['split'])}")
PYEOF
}

# doc_has TEXT [SECS]: TEXT is in the pager's frame, its wrapped lines
# joined by one space (polled)
doc_has() {
	_h_n=$((${2:-10} * 20))
	_h_i=0
	while [ $_h_i -lt $_h_n ]; do
		popup_text | grep -qF -- "$1" && return 0
		_h_i=$((_h_i + 1))
		sleep 0.05
	done
	return 1
}

# page_to TEXT: PgDn until TEXT is on the screen, then Down until its line
# is the pager's first (screen row 3), so that what it wraps into is on
# the screen below it; fails after 60 pages
page_to() {
	_p_i=0
	until screen_has "$1" 1; do
		_p_i=$((_p_i + 1))
		if [ $_p_i -gt 60 ]; then
			fail "never reached: $1"
			finish
		fi
		keys NPage
		settle 2
	done
	_p_row=$(screen | grep -nF -- "$1" | head -n 1 | cut -d: -f1)
	_p_k=3
	while [ "$_p_k" -lt "$_p_row" ]; do
		keys Down
		_p_k=$((_p_k + 1))
	done
	_p_i=0
	until screen | sed -n 3p | grep -qF -- "$1"; do
		_p_i=$((_p_i + 1))
		if [ $_p_i -gt 200 ]; then
			fail "'$1' did not reach the pager's first line"
			finish
		fi
		sleep 0.05
	done
	CHECKS=$((CHECKS + 1))
}

# browse PROFILE_KEYS: from the start screen to the browser's menu of the
# profile reached by PROFILE_KEYS in "Which profile?"
browse() {
	wait_for "What would you like to do?"
	# the start screen keeps its cursor on the item chosen last
	screen_has "▸ Browse the knowledge database" 1 ||
		keys Down Down Down Down
	wait_for "▸ Browse the knowledge database"
	keys Enter
	wait_for "Which profile?"
	keys "$@"
}

TAX_EN=$(want en tax)
SCHED_K=$(want en schedule:kommune)
SCHED_S=$(want en schedule:stat)
GROUP_EN=$(want en group)
[ -n "$TAX_EN" ] && [ -n "$SCHED_K" ] && [ -n "$GROUP_EN" ] || {
	echo "FAIL: the expected texts were not made from the YAML"; exit 1; }

soem_start -- --lang en
browse Enter                            # Denmark (SØM)
wait_for "Knowledge database (read only)"
keys Down Enter                         # services and prices
wait_for "─ Services and prices ─"
check 'doc_has "$TAX_EN"' "kontanthjaelp's tax shares: $TAX_EN"
page_to "price schedule for Municipality:"
check 'doc_has "$SCHED_K"' "herberg's schedule: $SCHED_K"
check 'doc_has "$SCHED_S"' "herberg's schedule: $SCHED_S"
keys Escape
wait_for "Knowledge database (read only)"
keys Escape
wait_gone "Knowledge database (read only)"
browse Down Enter                       # Sweden
wait_for "Knowledge database (read only)"
wait_for "Sweden"
keys Down Down Enter                    # the profile
wait_for "─ Profile, payers, discounting, price index ─"
wait_for "Payer groups (a cost named to one is split among the payers)"
check 'doc_has "$GROUP_EN"' "the payer group's split: $GROUP_EN"
keys Escape
wait_for "Knowledge database (read only)"
keys Escape
wait_gone "Knowledge database (read only)"
wait_for "What would you like to do?"
keys C-x
wait_for "__EXIT=0"

# Danish: the same tax shares and split in Danish words and numbers
TAX_DA=$(want da tax)
GROUP_DA=$(want da group)
soem_start -- --lang da
wait_for "Hvad vil du gøre?"
keys Down Down Down Down
wait_for "▸ Gennemse vidensdatabasen"
keys Enter
wait_for "Hvilken profil?"
keys Enter                              # Danmark (SØM)
wait_for "Vidensdatabase (kun læsning)"
keys Down Enter                         # ydelser og priser
wait_for "─ Ydelser og priser ─"
check 'doc_has "$TAX_DA"' "kontanthjaelp's tax shares in Danish: $TAX_DA"
keys Escape
wait_for "Vidensdatabase (kun læsning)"
keys Escape
wait_gone "Vidensdatabase (kun læsning)"
wait_for "▸ Gennemse vidensdatabasen"
keys Enter
wait_for "Hvilken profil?"
keys Down Enter                         # Sverige
wait_for "Sverige (samordningsforbund)"
keys Down Down Enter                    # profilen
wait_for "Betalergrupper (en udgift"
check 'doc_has "$GROUP_DA"' "the payer group's split in Danish: $GROUP_DA"

finish
