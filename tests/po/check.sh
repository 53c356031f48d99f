#!/bin/sh
# The translations are complete and well-formed: msgfmt -c passes, no
# message is untranslated or fuzzy, the catalogues cover every message in
# the sources (xgettext run afresh), and no msgstr merely repeats its
# msgid unless the string is listed in po/same-ok.
set -u
src=${SOEM_SRCDIR:-.}
command -v msgfmt >/dev/null 2>&1 || { echo "msgfmt missing"; exit 77; }
command -v xgettext >/dev/null 2>&1 || { echo "xgettext missing"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 missing"; exit 77; }
T=$(mktemp -d) ; trap 'rm -rf "$T"' EXIT
status=0
(cd "$src" && xgettext --keyword=_ --keyword=N_ --keyword=P_:1,2 \
	--from-code=UTF-8 --language=C -o "$T/fresh.pot" \
	$(cat po/POTFILES.in)) || { echo "xgettext failed"; exit 1; }
# every source file with _( is listed in POTFILES.in
for f in $(cd "$src" && grep -rl '_(' src --include=*.c | sort); do
	grep -qx "$f" "$src/po/POTFILES.in" || { echo "$f is not in po/POTFILES.in"; status=1; }
done
for lang in $(cat "$src/po/LINGUAS"); do
	po="$src/po/$lang.po"
	stats=$(msgfmt -c --statistics -o /dev/null "$po" 2>&1) || { echo "$stats"; status=1; }
	echo "$lang: $stats"
	case "$stats" in
	*untranslated*|*fuzzy*) echo "FAIL: $lang.po is not complete"; status=1 ;;
	esac
	python3 - "$po" "$T/fresh.pot" "$src/po/same-ok" <<'PY' || status=1
import sys, re
def entries(path):
    out, cur, key = {}, {}, None
    def flush():
        if 'msgid' in cur:
            out[cur['msgid']] = cur.get('msgstr', cur.get('msgstr[0]', ''))
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('#~'):
            continue
        m = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
        if m:
            if m.group(1) == 'msgid':
                flush(); cur.clear()
            key = m.group(1); cur[key] = m.group(2); continue
        m = re.match(r'^"(.*)"$', line)
        if m and key:
            cur[key] += m.group(1)
    flush()
    out.pop('', None)
    return out
po, pot = entries(sys.argv[1]), entries(sys.argv[2])
try:
    ok = set(l.rstrip('\n') for l in open(sys.argv[3], encoding='utf-8') if l.strip() and not l.startswith('#'))
except FileNotFoundError:
    ok = set()
bad = 0
for mid in pot:
    if mid not in po:
        print(f"FAIL: {sys.argv[1]}: missing msgid {mid!r}"); bad = 1
    elif not po[mid]:
        print(f"FAIL: {sys.argv[1]}: untranslated {mid!r}"); bad = 1
    elif po[mid] == mid and mid not in ok:
        print(f"FAIL: {sys.argv[1]}: msgstr equals msgid {mid!r} (list it in po/same-ok if that is right)"); bad = 1
sys.exit(bad)
PY
done
exit $status
