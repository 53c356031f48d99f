#!/bin/sh
# Hostile and malformed input (issue 6): every file below is refused with
# exit 65 and a message naming the file, never a crash, a hang or a huge
# allocation.  The files are made here, at run time (nothing large is
# committed).
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 is not installed"; exit 77; }
KB="--kb $SOEM_KB_DIR"
H="$T/hostile"
mkdir -p "$H"
python3 - "$H" <<'PY'
import os, sys
d = sys.argv[1]
head = 'soem_calc: 1\nkb: {profile: dk, version: "2026.1"}\n'
ok_tail = ('horizon: 10\nintake: [{year: 1, participants: 40}]\n'
           'effect: {p1: 0.12, p0: 0.02}\n')
def w(name, data, mode='w'):
    with open(os.path.join(d, name), 'wb' if isinstance(data, bytes) else 'w') as f:
        f.write(data)
w('deep-nesting.soem.yaml', head + 'x: ' + '[' * 200 + ']' * 200 + '\n' + ok_tail)
w('deep-maps.soem.yaml', head + ok_tail + 'notes: ' + '{a: ' * 100 + '1' + '}' * 100 + '\n')
w('long-string.soem.yaml', head + ok_tail + 'intervention: {name: "' + 'x' * 200000 + '"}\n')
w('huge-file.soem.yaml', head + ok_tail + '# ' + 'y' * (65 * 1024 * 1024) + '\n')
w('billion-laughs.soem.yaml', head + ok_tail +
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' +
  ''.join('%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n' % ((c, c) + (p,) * 9)
          for p, c in zip('abcdefgh', 'bcdefghi')))
w('alias-key.soem.yaml', head + ok_tail + 'x: &k 1\ny: *k\n')
w('nul-byte.soem.yaml', (head + 'horizon: 1\x00\n' + ok_tail).encode())
w('bad-utf8.soem.yaml', (head + ok_tail).encode() + b'notes: {effect: "\xc3\x28"}\n')
w('overlong-utf8.soem.yaml', (head + ok_tail).encode() + b'notes: {effect: "\xc0\xaf"}\n')
w('utf16.soem.yaml', (head + ok_tail).encode('utf-16'))
w('huge-number.soem.yaml', head + 'horizon: 10\nintake: [{year: 1, participants: 1e400}]\neffect: {p1: 0.1}\n')
w('huge-int.soem.yaml', head + 'horizon: 99999999999999999999999999\nintake: [{year: 1, participants: 1}]\neffect: {p1: 0.1}\n')
w('horizon-1e9.soem.yaml', head + 'horizon: 1000000000\nintake: [{year: 1, participants: 1}]\neffect: {p1: 0.1}\n')
w('horizon-negative.soem.yaml', head + 'horizon: -5\nintake: [{year: 1, participants: 1}]\neffect: {p1: 0.1}\n')
w('course-1e9.soem.yaml', head + ok_tail.replace('horizon: 10\n', 'horizon: 10\ncourse_years: 1000000000\n'))
w('nan.soem.yaml', head + 'horizon: 10\nintake: [{year: 1, participants: .nan}]\neffect: {p1: 0.1}\n')
w('inf.soem.yaml', head + 'horizon: 10\nintake: [{year: 1, participants: .inf}]\neffect: {p1: 0.1}\n')
w('hex-number.soem.yaml', head + 'horizon: 0x10\nintake: [{year: 1, participants: 1}]\neffect: {p1: 0.1}\n')
w('many-cohorts.soem.yaml', head + 'horizon: 10\neffect: {p1: 0.1}\nintake: [' +
  ', '.join('{year: 1, participants: 1}' for _ in range(100001)) + ']\n')
w('long-years.soem.yaml', head + ok_tail + 'consequences: [{service: kontanthjaelp, years: [' +
  ', '.join('1' for _ in range(100001)) + ']}]\n')
w('many-keys.soem.yaml', head + ok_tail + 'notes: {' + ', '.join('k%d: v' % i for i in range(100001)) + '}\n')
w('binary.soem.yaml', bytes(range(256)) * 64)
w('empty.soem.yaml', '')
w('only-comments.soem.yaml', '# nothing here\n# at all\n')
w('scalar-root.soem.yaml', 'just a line of text\n')
w('list-root.soem.yaml', '- 1\n- 2\n')
w('two-docs.soem.yaml', head + ok_tail + '---\n' + head + ok_tail)
w('tag.soem.yaml', head + ok_tail.replace('horizon: 10', 'horizon: !!str 10'))
w('python-tag.soem.yaml', head + ok_tail + 'x: !!python/object/apply:os.system ["true"]\n')
w('dup-key-deep.soem.yaml', head + ok_tail + 'costs:\n  - {name: a, payer: kommune, basis: once, amount: 1, amount: 2}\n')
w('unterminated.soem.yaml', head + ok_tail + 'notes: {effect: "never closed\n')
w('tabs.soem.yaml', head + ok_tail + 'intervention:\n\tname: x\n')
w('path-traversal-profile.soem.yaml', 'soem_calc: 1\nkb: {profile: ../../../../etc/passwd}\n' + ok_tail)
w('newer-format.soem.yaml', 'soem_calc: 99\n' + ok_tail)
w('kb-deep.yaml', 'soem_kb: 1\nprofile: ' + '{a: ' * 100 + '1' + '}' * 100 + '\n')
w('kb-billion.yaml', 'soem_kb: 1\na: &a [1,2]\nb: [*a,*a]\n')
w('kb-nul.yaml', b'soem_kb: 1\x00\n')
w('kb-huge-number.yaml', 'soem_kb: 1\nprofile: {id: x, name: x, version: "1", currency: DKK, price_year: 1e999}\n')
PY
n=0
for f in "$H"/*.soem.yaml; do
	n=$((n + 1))
	expect_exit 65 timeout 20 "$SOEM_BIN" calc "$f" $KB
	expect_in "$ERR" "$(basename "$f")"
done
for f in "$H"/kb-*.yaml; do
	n=$((n + 1))
	expect_exit 65 timeout 20 "$SOEM_BIN" kb validate "$f"
	expect_in "$ERR" "$(basename "$f")"
done
echo "$n hostile files"
[ "$n" -ge 30 ] || fail "only $n hostile files"
# messages say what is wrong, in words
expect_exit 65 "$SOEM_BIN" calc "$H/deep-nesting.soem.yaml" $KB
expect_in "$ERR" "nested deeper than 64 levels"
expect_exit 65 "$SOEM_BIN" calc "$H/billion-laughs.soem.yaml" $KB
expect_in "$ERR" "not allowed"
expect_exit 65 "$SOEM_BIN" calc "$H/huge-file.soem.yaml" $KB
expect_in "$ERR" "larger than 64 MiB"
expect_exit 65 "$SOEM_BIN" calc "$H/long-string.soem.yaml" $KB
expect_in "$ERR" "longer than 65536 bytes"
expect_exit 65 "$SOEM_BIN" calc "$H/many-cohorts.soem.yaml" $KB
expect_in "$ERR" "more than 100000 entries"
expect_exit 65 "$SOEM_BIN" calc "$H/horizon-1e9.soem.yaml" $KB
expect_in "$ERR" "horizon"
finish
