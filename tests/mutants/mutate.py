#!/usr/bin/env python3
"""mutate.py - read tests/mutants/mutants.txt and apply one mutant.

  mutate.py list DATA [NAMES]      the names in DATA (only NAMES, a comma
                                   list, when given; unknown names: exit 2)
  mutate.py check DATA TREE        every search text occurs exactly once in
                                   its file under TREE (exit 1 if not)
  mutate.py apply DATA NAME TREE   write the mutant into its file under
                                   TREE; the original goes to FILE.orig-mutant
  mutate.py restore DATA NAME TREE put the original back

DATA is a list of blocks separated by blank lines ('#' starts a comment):
  name: eng-discount-first
  file: src/engine/engine.c
  -<the text to find, one line per '-' line, exactly as in the file>
  +<the text to put instead, one line per '+' line (none: delete it)>
"""
import os
import sys


def parse(path):
    out, cur = [], None
    with open(path, encoding='utf-8') as fh:
        for no, line in enumerate(fh, 1):
            line = line.rstrip('\n')
            if line.startswith('#'):
                continue
            if not line.strip():
                cur = None
                continue
            if cur is None:
                cur = {'name': None, 'file': None, 'minus': [], 'plus': [],
                       'line': no}
                out.append(cur)
            if line.startswith('name: '):
                cur['name'] = line[6:].strip()
            elif line.startswith('file: '):
                cur['file'] = line[6:].strip()
            elif line.startswith('-'):
                cur['minus'].append(line[1:])
            elif line.startswith('+'):
                cur['plus'].append(line[1:])
            else:
                sys.exit(f'{path}:{no}: expected name:, file:, - or +')
    seen = set()
    for m in out:
        where = f"{path}:{m['line']}"
        if not m['name'] or not m['file'] or not m['minus']:
            sys.exit(f'{where}: a mutant needs name:, file: and a - line')
        if m['name'] in seen:
            sys.exit(f"{where}: {m['name']} is named twice")
        if m['minus'] == m['plus']:
            sys.exit(f"{where}: {m['name']} changes nothing")
        seen.add(m['name'])
    return out


def select(muts, names):
    if not names:
        return muts
    want = [n for n in names.split(',') if n]
    by = {m['name']: m for m in muts}
    bad = [n for n in want if n not in by]
    if bad:
        print('unknown mutant(s): ' + ', '.join(bad), file=sys.stderr)
        sys.exit(2)
    return [by[n] for n in want]


def target(tree, m):
    tree = os.path.realpath(tree)
    path = os.path.realpath(os.path.join(tree, m['file']))
    if not path.startswith(tree + os.sep):
        sys.exit(f"{m['name']}: {m['file']} is outside {tree}")
    return path


def texts(m):
    minus = '\n'.join(m['minus'])
    plus = '\n'.join(m['plus'])
    return minus, plus


def count(tree, m):
    try:
        with open(target(tree, m), encoding='utf-8') as fh:
            return fh.read().count(texts(m)[0])
    except OSError:
        return -1


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    cmd, data = sys.argv[1], sys.argv[2]
    muts = parse(data)
    if cmd == 'list':
        for m in select(muts, sys.argv[3] if len(sys.argv) > 3 else ''):
            print(m['name'])
        return
    if cmd == 'check':
        bad = 0
        for m in muts:
            n = count(sys.argv[3], m)
            if n != 1:
                print(f"{m['name']}: the text to find occurs {n} times in "
                      f"{m['file']} (must be once)", file=sys.stderr)
                bad = 1
        sys.exit(bad)
    if cmd in ('apply', 'restore'):
        m = select(muts, sys.argv[3])[0]
        path = target(sys.argv[4], m)
        orig = path + '.orig-mutant'
        if cmd == 'restore':
            os.replace(orig, path)
            # newer than the mutant's object file, so make rebuilds it
            os.utime(path)
            return
        with open(path, encoding='utf-8') as fh:
            text = fh.read()
        minus, plus = texts(m)
        if text.count(minus) != 1:
            sys.exit(f"{m['name']}: the text to find occurs "
                     f"{text.count(minus)} times in {m['file']}")
        with open(orig, 'w', encoding='utf-8') as fh:
            fh.write(text)
        with open(path + '.tmp-mutant', 'w', encoding='utf-8') as fh:
            fh.write(text.replace(minus, plus))
        os.replace(path + '.tmp-mutant', path)
        return
    sys.exit(__doc__)


if __name__ == '__main__':
    main()
