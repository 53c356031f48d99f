#!/bin/sh
# The Danish mentor case of issue 14, built from scratch in the wizard and
# saved, counting what a caseworker presses: command keys (every key that
# is not typed text) and typed characters.  The saved file's values are
# checked with python3 and yaml.  Before issue 14 the case took 106
# command keys and 320 typed characters; the count is printed as
# "mentor case: N command keys, M typed characters".
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"
: "${SOEM_BUILDDIR:=.}"

# the catalogues: the build tree's (SOEM_LOCALEDIR, made from po/*.po by make check)

NKEYS=0
NCHARS=0
k() { # command keys, counted
	keys "$@"
	NKEYS=$((NKEYS + $#))
}
t() { # typed text, counted in characters
	type "$1"
	NCHARS=$((NCHARS + $(printf '%s' "$1" | python3 -c 'import sys; print(len(sys.stdin.read()))')))
}

soem_start -- --lang da
wait_for "Hvad vil du gøre?"
k Enter                                   # Ny beregning
wait_for "Hvilken vidensdatabase"
k Enter                                   # Danmark (SØM)
wait_for "Trin 1 af 7: Indsats"

# 1: the name, then 40 participants in year 1 and in year 2
t "Mentorforløb"
k Enter                                   # on to Beskrivelse
wait_for "Mentorforløb  ["
k Down Down Down Down Down Down Down Down Down # År 1 (past the price level)
t "40"
k Enter
wait_for "I alt                        40"
k a                                       # add a year: year 2
wait_for "Tilføj et år"
k Enter
wait_for "Deltagere, der starter i det år"
t "40"
k Enter
wait_for "I alt                        80"
k C-f

# 2: the target group, found by typing
wait_for "Trin 2 af 7: Målgruppe"
t "indsatte"
wait_for "Indsatte og løsladte"
k Enter
wait_for "Valgt: Indsatte og løsladte"
k C-f

# 3: the group's success measure, p1 40 %, p0 10 %, a professional estimate
wait_for "Trin 3 af 7: Effektmål"
k Enter
wait_for "Målgruppens succesmål i databasen"
k Enter
wait_gone "Målgruppens succesmål i databasen"
k Down Down                               # p1
t "40 %"
k Enter                                   # on to p0
t "10 %"
k Enter                                   # on to where the figures come from
wait_for "30,0 %"
k Enter
wait_for "fagligt skøn"
k Down Down Down Enter
wait_gone "scenarie (antaget)"
k C-f

# 4: two costs: the mentor per participant, the start-up once
wait_for "Trin 4 af 7: Omkostninger"
k a
t "Mentor"
k Enter                                   # on to the payer: Kommune
k Right Right                             # the amount (no years per participant)
t "60.000"
k Enter
wait_for "60.000"
k a                                       # proposes Mentor, Kommune
wait_for "Enter beholder det foreslåede navn"
t "Opstart"
k Enter                                   # on to the payer: Kommune
k Right Enter                             # the basis
wait_for "Sådan opgøres beløbet"
k Down Down Enter                         # once (year 1)
wait_gone "Sådan opgøres beløbet"
k Right Right                             # the year (1), then the amount
t "25.000"
k Enter
wait_for "25.000"
k C-f

# 5: the consequences: every estimate of the group
wait_for "Trin 5 af 7: Konsekvenser"
k e
wait_for "Tilføjede"
k C-f

# 6: the prices, seen
wait_for "Trin 6 af 7: Priser"
k C-f

# 7: the results; save under the proposed name
wait_for "Trin 7 af 7: Resultater"
k C-s
wait_for "Filnavn"
k Enter
wait_for "Gemt i "
F=$(ls "$WORK"/*.soem.yaml 2>/dev/null | head -n 1)
check '[ -n "$F" ] && [ -f "$F" ]' "no file saved"

python3 - "$F" >"$T/py.out" 2>&1 <<'PY'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
def num(v):
    return v["value"] if isinstance(v, dict) else v
errs = []
def want(cond, what):
    if not cond:
        errs.append(what)
want(d["intervention"]["name"] == "Mentorforløb", "name %r" % d["intervention"]["name"])
intake = {int(r["year"]): num(r["participants"]) for r in d["intake"]}
want(intake == {1: 40, 2: 40}, "intake %r" % intake)
tg = d.get("target_group")
want(isinstance(tg, dict) and tg.get("kb") == "indsatte", "target group %r" % tg)
e = d["effect"]
want(abs(num(e["p1"]) - 0.40) < 1e-12 and abs(num(e["p0"]) - 0.10) < 1e-12,
     "p1 %r p0 %r" % (e.get("p1"), e.get("p0")))
c = d["costs"]
want(len(c) == 2, "%d costs" % len(c))
if len(c) == 2:
    want(c[0]["name"] == "Mentor" and num(c[0]["amount"]) == 60000 and
         c[0]["payer"] == "kommune" and c[0]["basis"] == "per_participant",
         "first cost %r" % c[0])
    want(c[1]["name"] == "Opstart" and num(c[1]["amount"]) == 25000 and
         c[1]["payer"] == "kommune" and c[1]["basis"] == "once",
         "second cost %r" % c[1])
cons = [q for q in d.get("consequences", []) if q.get("enabled", True)]
want(len(cons) > 0, "no consequences")
for x in errs:
    print(x)
sys.exit(1 if errs else 0)
PY
rc=$?
check '[ $rc = 0 ]' "the saved file: $(cat "$T/py.out")"
"$SOEM_BIN" calc "$F" --kb "$SOEM_KB_DIR" --format yaml >"$T/r.yaml" 2>"$T/r.err"
check '[ $? = 0 ]' "soem calc of the saved file failed: $(cat "$T/r.err")"

k C-x
wait_for "__EXIT=0"
echo "mentor case: $NKEYS command keys, $NCHARS typed characters"
finish
