#!/usr/bin/env python3
"""yamlcheck.py FILE EXPR... - evaluate Python expressions on soem's YAML.

Reads the subset of YAML that soem's results use (block maps and lists by
indentation, flow maps and lists, possibly wrapped over lines, plain and
quoted scalars) without needing PyYAML, binds it to `d`, and evaluates
each EXPR.  Exits 0 when every expression is true, else prints the ones
that are not and exits 1.  `keys` is the list of top-level keys in order;
`close(a, b, rel)` compares numbers relatively.
"""
import math
import re
import sys


def scalar(s):
    s = s.strip()
    if s in ('null', '~', ''):
        return None
    if s in ('true', 'false'):
        return s == 'true'
    if len(s) >= 2 and s[0] == s[-1] and s[0] in '\'"':
        return s[1:-1].replace("''", "'") if s[0] == "'" else s[1:-1]
    if re.fullmatch(r'[-+]?\d+', s):
        return int(s)
    try:
        return float(s)
    except ValueError:
        return s


class Flow:
    def __init__(self, s):
        self.s, self.i = s, 0

    def ws(self):
        while self.i < len(self.s) and self.s[self.i] in ' \t':
            self.i += 1

    def value(self):
        self.ws()
        c = self.s[self.i]
        if c == '{':
            self.i += 1
            out = {}
            while True:
                self.ws()
                if self.s[self.i] == '}':
                    self.i += 1
                    return out
                k = self.atom(':')
                self.i += 1
                out[scalar(k) if not isinstance(k, str) else k] = self.value()
                self.ws()
                if self.s[self.i] == ',':
                    self.i += 1
        if c == '[':
            self.i += 1
            out = []
            while True:
                self.ws()
                if self.s[self.i] == ']':
                    self.i += 1
                    return out
                out.append(self.value())
                self.ws()
                if self.s[self.i] == ',':
                    self.i += 1
        return scalar(self.atom(',}]'))

    def atom(self, stops):
        self.ws()
        if self.s[self.i] in '\'"':
            q = self.s[self.i]
            j = self.i + 1
            while True:
                if self.s[j] == q and not (q == "'" and j + 1 < len(self.s)
                                           and self.s[j + 1] == "'"):
                    break
                j += 2 if self.s[j] == q else 1
            tok = self.s[self.i:j + 1]
            self.i = j + 1
            return scalar(tok) if stops != ':' else scalar(tok)
        j = self.i
        while j < len(self.s) and self.s[j] not in stops:
            if self.s[j] == ':' and ':' in stops and (
                    j + 1 == len(self.s) or self.s[j + 1] == ' '):
                break
            j += 1
        tok = self.s[self.i:j].strip()
        self.i = j
        return tok


def logical_lines(text):
    out, depth = [], 0
    for line in text.split('\n'):
        if line.strip() in ('', '---', '...') or line.lstrip().startswith('#'):
            continue
        if depth > 0:
            out[-1] = (out[-1][0], out[-1][1] + ' ' + line.strip())
        else:
            out.append((len(line) - len(line.lstrip(' ')), line.strip()))
        q = None
        for ch in line:
            if q:
                q = None if ch == q else q
            elif ch in '\'"':
                q = ch
            elif ch in '{[':
                depth += 1
            elif ch in '}]':
                depth -= 1
    return out


def inline(v):
    v = v.strip()
    if v.startswith('{') or v.startswith('['):
        return Flow(v).value()
    return scalar(v)


def split_key(text):
    f = Flow(text)
    k = f.atom(':')
    return k, text[f.i + 1:]


def block(lines, i, indent):
    if lines[i][1].startswith('- ') or lines[i][1] == '-':
        out = []
        while i < len(lines) and lines[i][0] == indent and \
                lines[i][1].startswith('-'):
            rest = lines[i][1][1:].strip()
            if re.match(r'^([^{\[\'"][^:]*|\'[^\']*\'|"[^"]*"):( |$)', rest):
                sub = [(indent + 2, rest)]
                j = i + 1
                while j < len(lines) and lines[j][0] > indent:
                    sub.append(lines[j])
                    j += 1
                val, _ = block(sub, 0, indent + 2)
                out.append(val)
                i = j
            else:
                out.append(inline(rest))
                i += 1
        return out, i
    out = {}
    while i < len(lines) and lines[i][0] == indent and \
            not lines[i][1].startswith('- '):
        k, v = split_key(lines[i][1])
        i += 1
        if v.strip() == '':
            if i < len(lines) and (lines[i][0] > indent or (
                    lines[i][0] == indent and lines[i][1].startswith('-'))):
                out[k], i = block(lines, i, lines[i][0])
            else:
                out[k] = None
        else:
            out[k] = inline(v)
    return out, i


def load(path):
    with open(path, encoding='utf-8-sig') as fh:
        lines = logical_lines(fh.read())
    return block(lines, 0, lines[0][0])[0] if lines else None


def close(a, b, rel=1e-9):
    return a is not None and abs(a - b) <= rel * max(abs(b), 1e-300)


def main():
    d = load(sys.argv[1])
    keys = list(d.keys()) if isinstance(d, dict) else []
    bad = 0
    env = {'d': d, 'keys': keys, 'close': close, 'math': math}
    for expr in sys.argv[2:]:
        try:
            ok = eval(expr, env)
        except Exception as e:  # noqa: BLE001 - report any failure
            ok = False
            print(f'yamlcheck: {expr}: {type(e).__name__}: {e}')
        if not ok:
            print(f'yamlcheck: not true: {expr}')
            bad = 1
    sys.exit(bad)


if __name__ == '__main__':
    main()
