#!/usr/bin/env python3
"""screen.py - reads tmux screen captures for the terminal tests.

  screen.py attrs CAPTURE_E TEXT
      finds the line holding TEXT in a `capture-pane -p -e` capture and
      prints, for each character of TEXT, 'B' when it is bold, '.' when not
      (exit 1 when TEXT is not on the screen)
  screen.py rowbold CAPTURE_E TEXT
      prints 'yes' when any cell of the line holding TEXT (but the row
      marker's two columns) is bold, else 'no'
  screen.py colours CAPTURE_E
      lists the colour codes (SGR 30-49, 90-107) in the capture; exit 1 when
      there are any
  screen.py kbrows KB.yaml GROUP MEASURE
      every service of a profile: id|supported (1, 0, - = no estimate)|
      English name|the estimate's years
  screen.py calcrows CALC.yaml
      a calculation's consequences (id|enabled|years) and prices
  screen.py results YAML PAGE...
      compares every number on the Results pages (plain captures) with the
      `soem calc --format yaml` output, to the precision printed
  screen.py uncertainty YAML PAGE...
      the same for the sensitivity (tornado: the inputs in the YAML's order,
      their low and high and the present values there) and the Monte Carlo
      (draws, seed, mean, percentiles and the share above 0 per payer)
"""
import re
import sys

SGR = re.compile(r'\x1b\[([0-9;:]*)m')
OTHER_ESC = re.compile(r'\x1b[\(\)][0-9A-Za-z]|\x1b[=>]|\x1b\][^\x07]*\x07')


def parse_e(path):
    """Lines of (char, bold, colour) cells from a capture with escapes."""
    out = []
    bold = False
    colour = False
    with open(path, encoding='utf-8', errors='replace') as f:
        for raw in f.read().split('\n'):
            raw = OTHER_ESC.sub('', raw)
            cells = []
            pos = 0
            for m in SGR.finditer(raw):
                for ch in raw[pos:m.start()]:
                    cells.append((ch, bold, colour))
                pos = m.end()
                codes = [c for c in re.split('[;:]', m.group(1))] or ['0']
                i = 0
                while i < len(codes):
                    c = int(codes[i]) if codes[i] else 0
                    if c == 0:
                        bold = False
                        colour = False
                    elif c == 1:
                        bold = True
                    elif c == 22:
                        bold = False
                    elif c in (38, 48):
                        colour = True
                        i += 2 if i + 1 < len(codes) and codes[i + 1] == '5' else 4
                    elif 30 <= c <= 37 or 40 <= c <= 47 or 90 <= c <= 97 or 100 <= c <= 107:
                        colour = True
                    elif c in (39, 49):
                        colour = False
                    i += 1
            for ch in raw[pos:]:
                cells.append((ch, bold, colour))
            out.append(cells)
    return out


def find(lines, text):
    for cells in lines:
        s = ''.join(c[0] for c in cells)
        k = s.find(text)
        if k >= 0:
            return cells, k
    return None, -1


def cmd_attrs(path, text):
    cells, k = find(parse_e(path), text)
    if cells is None:
        print('not found: %r' % text)
        return 1
    print(''.join('B' if cells[k + i][1] else '.' for i in range(len(text))))
    return 0


def cmd_rowbold(path, text):
    cells, k = find(parse_e(path), text)
    if cells is None:
        print('not found: %r' % text)
        return 1
    # the first two columns hold the cursor's row marker
    print('yes' if any(c[1] for c in cells[2:]) else 'no')
    return 0


def cmd_colours(path):
    found = set()
    with open(path, encoding='utf-8', errors='replace') as f:
        for m in SGR.finditer(f.read()):
            codes = [int(c) if c else 0 for c in re.split('[;:]', m.group(1))]
            for c in codes:
                if 30 <= c <= 49 or 90 <= c <= 107:
                    if c not in (39, 49):
                        found.add(c)
    if found:
        print('colour codes: %s' % sorted(found))
        return 1
    return 0


# ---------------------------------------------------------------------------
# Results

NUM = re.compile(r'^-?[0-9]{1,3}(,[0-9]{3})*(\.[0-9]+)?$|^-?[0-9]+(\.[0-9]+)?$')


def num(tok):
    """A number as the English convention prints it, with its decimals."""
    if not NUM.match(tok):
        raise ValueError(tok)
    dec = len(tok.split('.')[1]) if '.' in tok else 0
    return float(tok.replace(',', '')), dec


class Checker:
    def __init__(self, res):
        self.res = res
        self.payers = res['payers'] + ['total']
        self.checked = 0
        self.bad = []

    def cmp(self, what, shown, dec, want, scale=1.0):
        self.checked += 1
        if want is None:
            self.bad.append('%s: screen %r, yaml null' % (what, shown))
            return
        want = want * scale
        tol = 0.5 * 10 ** (-dec) + 1e-9 * abs(want)
        if abs(shown - want) > tol:
            self.bad.append('%s: screen %s, yaml %s' % (what, shown, want))

    def cmp_cell(self, what, tok, want, scale=1.0):
        if tok in ('-', 'none', 'n/a'):
            self.checked += 1
            ok = (tok == 'n/a' and want is None) or \
                 (tok == 'none' and want == 'none') or \
                 (tok == '-' and want is None)
            if not ok:
                self.bad.append('%s: screen %r, yaml %r' % (what, tok, want))
            return
        v, dec = num(tok)
        if isinstance(want, str):
            self.bad.append('%s: screen %r, yaml %r' % (what, tok, want))
            return
        self.cmp(what, v, dec, want, scale)


TOTAL_ROWS = [
    ('Present value of effects', 'totals', 'pv_effects'),
    ('Present value of costs', 'totals', 'pv_costs'),
    ('Present value of net', 'totals', 'pv_net'),
    ('Net (not discounted)', 'totals', 'net'),
    ('Net per participant', 'per_participant', None),
    ('Net per success', 'per_success', None),
    ('Break-even year', 'break_even_year', None),
    ('Return per krone', 'return_per_krone', None),
    ('Effects', 'totals', 'effects'),
    ('Costs', 'totals', 'costs'),
]
YEAR_TABLES = {
    'Net per year (not discounted)': 'net',
    'Net per year, discounted': 'net_discounted',
    'Cumulative discounted net': 'cumulative_discounted',
    'Costs per year': 'costs',
    'Effects per year': 'effects',
}
TEXTS = (
    'A scenario analysis', 'Undiscounted totals are', 'The intervention cannot',
    '(the success rate s at which', '(end of the results)',
    'Not complete:',
    'No input has a range',
    # the break-even sentence's wrapped second line (issue 14 point 8)
    'possible success rate (success rate:', 'mulig succesrate (succesrate:',
    'of 0 (success rate:',
)


def cmd_results(yaml_path, pages):
    import yaml
    with open(yaml_path, encoding='utf-8') as f:
        res = yaml.safe_load(f)
    ck = Checker(res)
    npay = len(ck.payers)
    section = None
    unknown = []
    services_seen = []
    # a sentence wrapped over lines: its first line is checked, the rest
    # skipped up to the next empty line
    sentence = False
    # a label too wide for its column stands on the line above its numbers
    pending = None
    pp = res['per_participant']['total']
    participants = res['totals']['net']['total'] / pp if pp else None
    at_years = {a['year']: a for a in res.get('at_years') or []}
    # The pages overlap: the step heading says which lines each one shows
    # ("14-26 / 107"); put the document together first.
    doc = {}
    for page in pages:
        with open(page, encoding='utf-8') as f:
            lines = f.read().split('\n')
        # the title's summary is part of the Results screen
        m = re.search(r'Net present value: (\S+) DKK', lines[0])
        if m:
            ck.cmp_cell('title: net present value', m.group(1),
                        res['totals']['pv_net']['total'])
        m = re.search(r'(\d+)-(\d+) / (\d+)\s*$', lines[2])
        first = int(m.group(1)) if m else 1
        # the main window's body: rows 3..15 (row 2 is the step heading)
        for i, line in enumerate(lines[3:16]):
            doc[first + i] = line
    for k in sorted(doc):
        line = doc[k]
        body = line.strip()
        if not body:
            sentence = False
            continue
        if sentence or body.startswith(TEXTS):
            continue
        # issue 16: the share resting on illustrative figures
        m = re.match(r'^(\S+) % of the present value of effects rests on '
                     r'illustrative', body)
        if m:
            v, d = num(m.group(1))
            ck.cmp('illustrative share', v, d, res['illustrative_share'],
                   100.0)
            sentence = True
            continue
        # issue 15: the participants it pays from, or why none does
        m = re.match(r'^It pays from (\S+) participants', body)
        if m:
            v, d = num(m.group(1))
            bep = res['break_even_participants']
            ck.cmp('break-even participants', v, d,
                   bep['whole'] if bep else None)
            sentence = True
            continue
        if body.startswith(('It pays from the first participant',
                            'No number of participants makes it pay')):
            ck.checked += 1
            bep = res['break_even_participants']
            if (bep is None) != body.startswith('No number'):
                ck.bad.append('break-even participants: %r vs %r'
                              % (body, bep))
            sentence = True
            continue
        m = re.match(r'^After (\d+) years? the cumulative net is (\S+) in '
                     r'total', body)
        if m:
            a = at_years.get(int(m.group(1)))
            v, d = num(m.group(2))
            ck.cmp('after %s years' % m.group(1), v, d,
                   a['net']['total'] if a else None)
            sentence = True
            continue
        if body.startswith('Cumulative net after '):
            section = ('at', 'net')
            continue
        if body == 'Discounted' and section and section[0] == 'at':
            section = ('at', 'net_discounted')
            continue
        am = re.match(r'^After (\d+) years?\s+(.*)$', body)
        if am and section and section[0] == 'at':
            a = at_years.get(int(am.group(1)))
            vals = am.group(2).split()
            if a is None or len(vals) != npay:
                unknown.append(line)
                continue
            for p, tok in zip(ck.payers, vals):
                ck.cmp_cell('after %s years %s %s' % (am.group(1),
                                                      section[1], p),
                            tok, a[section[1]][p])
            continue
        m = re.match(r'^DKK at (\d+) prices; (\d+) years; (\S+) participants; '
                     r'success rate s = (\S+) %$', body)
        if m:
            ck.cmp('price year', float(m.group(1)), 0, res['price_year'])
            ck.cmp('horizon', float(m.group(2)), 0, res['horizon'])
            v, d = num(m.group(3))
            pp = res['per_participant']['total']
            ck.cmp('participants', v, d,
                   res['totals']['net']['total'] / pp if pp else None)
            v, d = num(m.group(4))
            ck.cmp('success rate', v, d, res['success_rate'], 100.0)
            continue
        if body.startswith('Break-even success rate:'):
            rest = body.split(':', 1)[1].strip()
            be = res['break_even_success_rate']
            if rest.startswith('none:') or rest.startswith('none needed'):
                # outside [0, 1 - p0]: the sentence only, the YAML keeps
                # the number (issue 14 point 8)
                ck.checked += 1
                if be is None or (be > 0) != rest.startswith('none:'):
                    ck.bad.append('break-even success rate: %r vs %r'
                                  % (rest, be))
            elif rest.startswith('none'):
                ck.checked += 1
                if res['break_even_success_rate'] is not None:
                    ck.bad.append('break-even success rate: none vs %r'
                                  % res['break_even_success_rate'])
            else:
                v, d = num(rest.split()[0])
                ck.cmp('break-even success rate', v, d,
                       res['break_even_success_rate'], 100.0)
            continue
        # titles of tables and of the chart
        if body == 'Cumulative discounted net per year (total)':
            section = ('chart',)
            continue
        if body.startswith('Totals over'):
            section = ('totals',)
            continue
        if body in YEAR_TABLES:
            section = ('years', YEAR_TABLES[body])
            continue
        if body == 'Effects by service (not discounted)':
            section = ('service',)
            continue
        toks = body.split()
        # the payers' names above a table
        if toks[-1] == 'Total' and section:
            continue
        ym = re.match(r'^Year (\d+)(?: \(\d+\))?\s+(.*)$', body)
        if ym and section and section[0] == 'chart':
            t = int(ym.group(1))
            ck.cmp_cell('chart year %d' % t, ym.group(2).split()[-1],
                        res['years'][t - 1]['cumulative_discounted']['total'])
            continue
        if ym and section and section[0] == 'years':
            t = int(ym.group(1))
            vals = ym.group(2).split()
            if len(vals) != npay:
                unknown.append(line)
                continue
            row = res['years'][t - 1][section[1]]
            for p, tok in zip(ck.payers, vals):
                ck.cmp_cell('%s year %d %s' % (section[1], t, p), tok, row[p])
            continue
        if section and section[0] == 'totals' and \
                body.startswith('Cost per participant '):
            vals = body[len('Cost per participant'):].split()
            if len(vals) != npay or not participants:
                unknown.append(line)
                continue
            for p, tok in zip(ck.payers, vals):
                ck.cmp_cell('cost per participant %s' % p, tok,
                            res['totals']['costs'][p] / participants)
            continue
        if section and section[0] == 'totals':
            for label, key, sub in TOTAL_ROWS:
                rest = body[len(label):]
                if not body.startswith(label) or not rest[:1].isspace():
                    continue
                vals = rest.split()
                if len(vals) != npay:
                    continue
                src = res[key][sub] if sub else res[key]
                for p, tok in zip(ck.payers, vals):
                    want = src.get(p) if isinstance(src, dict) else None
                    ck.cmp_cell('%s %s' % (label, p), tok, want)
                break
            else:
                unknown.append(line)
            continue
        if section and section[0] == 'service':
            if len(toks) == npay and pending and \
                    all(NUM.match(t) for t in toks):
                body = pending + ' ' + body
                toks = body.split()
                pending = None
            elif not NUM.match(toks[-1]):
                pending = body
                continue
        if section and section[0] == 'service' and len(toks) > npay:
            # pages overlap: a line seen before is the same service
            if body not in services_seen:
                services_seen.append(body)
            idx = services_seen.index(body)
            svc = res['by_service']
            if idx >= len(svc):
                unknown.append(line)
                continue
            for p, tok in zip(ck.payers, toks[-npay:]):
                ck.cmp_cell('by_service %s %s' % (svc[idx]['service'], p),
                            tok, svc[idx]['effects'][p])
            continue
        unknown.append(line)
    for u in unknown:
        ck.bad.append('a line the test does not know: %r' % u)
    if services_seen and len(services_seen) != len(res['by_service']):
        ck.bad.append('%d services on the screen, %d in the YAML'
                      % (len(services_seen), len(res['by_service'])))
    print('%d numbers compared' % ck.checked)
    for b in ck.bad:
        print('MISMATCH: ' + b)
    return 1 if ck.bad or ck.checked == 0 else 0


def pages_doc(pages):
    """The Results pages put together: line number -> text."""
    doc = {}
    for page in pages:
        with open(page, encoding='utf-8') as f:
            lines = f.read().split('\n')
        m = re.search(r'(\d+)-(\d+) / (\d+)\s*$', lines[2])
        first = int(m.group(1)) if m else 1
        for i, line in enumerate(lines[3:16]):
            doc[first + i] = line
    return [doc[k] for k in sorted(doc)]


def cmd_uncertainty(yaml_path, pages):
    import yaml
    with open(yaml_path, encoding='utf-8') as f:
        res = yaml.safe_load(f)
    ck = Checker(res)
    npay = len(ck.payers)
    raw = pages_doc(pages)
    lines = [ln.strip() for ln in raw]
    # the tornado: bar lines and their numbers, largest swing first
    sens = res.get('sensitivity') or []
    try:
        at = next(i for i, ln in enumerate(lines) if ln.startswith('Sensitivity:'))
    except StopIteration:
        at = None
    if sens and at is None:
        ck.bad.append('no Sensitivity on the screen')
    seen = []
    if at is not None:
        # a bar line (the name cut to 24 columns), the whole name on a line
        # of its own when it was cut, then the numbers
        det = re.compile(r'^low (\S+): (\S+)\s+high (\S+): (\S+)$')
        barchars = set('\u2588\u2592\u2502#=| ')
        bar = None
        for rl, ln in zip(raw[at + 1:], lines[at + 1:]):
            if ln.startswith('Monte Carlo') or ln.startswith('Net per year'):
                break
            m = det.match(ln)
            if m and bar is not None:
                seen.append((bar, m.groups()))
                bar = None
                continue
            if bar is not None and bar.endswith('\u2026') and \
               ln.startswith(bar[:-1]):
                bar = ln
                continue
            tail = rl[26:]
            if rl[1:25].strip() and tail.strip() and set(tail) <= barchars:
                bar = rl[1:25].strip()
        if len(seen) != len(sens):
            ck.bad.append('%d inputs in the tornado, %d in the YAML'
                          % (len(seen), len(sens)))
        for (name, vals), want in zip(seen, sens):
            ck.checked += 1
            short = name.rstrip('\u2026~')
            if not want['input'].startswith(short):
                ck.bad.append('tornado order: screen %r, yaml %r'
                              % (name, want['input']))
            lo, pvl, hi, pvh = vals
            ck.cmp_cell('%s low' % want['input'], lo, want['low'])
            ck.cmp_cell('%s pv at low' % want['input'], pvl, want['pv_net_low'])
            ck.cmp_cell('%s high' % want['input'], hi, want['high'])
            ck.cmp_cell('%s pv at high' % want['input'], pvh, want['pv_net_high'])
    # the Monte Carlo
    mc = res.get('monte_carlo')
    head = [ln for ln in lines if ln.startswith('Monte Carlo:')]
    if mc and not head:
        ck.bad.append('no Monte Carlo on the screen')
    if mc and head:
        m = re.search(r'in (\S+) draws \(seed (\d+)', head[0])
        if not m:
            ck.bad.append('the Monte Carlo title: %r' % head[0])
        else:
            ck.cmp_cell('draws', m.group(1), mc['draws'])
            ck.cmp('seed', float(m.group(2)), 0, mc['seed'])
        rows = [('Mean', 'mean', 1.0), ('5th percentile', 'p5', 1.0),
                ('Median', 'p50', 1.0), ('95th percentile', 'p95', 1.0),
                ('Share with net > 0', 'share_positive', 100.0)]
        start = lines.index(head[0])
        for label, key, scale in rows:
            got = [ln for ln in lines[start:] if ln.startswith(label + ' ')]
            if not got:
                ck.bad.append('no Monte Carlo row %r' % label)
                continue
            vals = [t for t in got[0][len(label):].split() if t != '%']
            if len(vals) != npay:
                ck.bad.append('Monte Carlo row %r: %r' % (label, got[0]))
                continue
            for p, tok in zip(ck.payers, vals):
                ck.cmp_cell('monte_carlo %s %s' % (key, p), tok,
                            mc[key][p], scale)
    print('%d numbers compared' % ck.checked)
    for b in ck.bad:
        print('MISMATCH: ' + b)
    return 1 if ck.bad or ck.checked == 0 else 0


def cmd_kbrows(kb_path, group, measure):
    """Every service of the profile: id, 1/0 supported (- no estimate for
    the group and measure) and its English name."""
    import yaml
    with open(kb_path, encoding='utf-8') as f:
        kb = yaml.safe_load(f)
    est = {}
    for g in kb['target_groups']:
        if g['id'] != group:
            continue
        for m in g['success_measures']:
            if m['id'] == measure:
                for c in m['consequences']:
                    est[c['service']] = c
    for sv in kb['services']:
        n = sv['name']
        name = n.get('en', n.get('da')) if isinstance(n, dict) else n
        e = est.get(sv['id'])
        sup = '-' if e is None else ('1' if e.get('supported') else '0')
        years = ' '.join(repr(float(y)) for y in e['years']) if e else ''
        print('%s|%s|%s|%s' % (sv['id'], sup, name, years))
    return 0


def cmd_calcrows(calc_path):
    """The consequences of a calculation file: id|enabled|years."""
    import yaml
    with open(calc_path, encoding='utf-8') as f:
        c = yaml.safe_load(f)
    for q in c.get('consequences') or []:
        sid = q['service'] if isinstance(q['service'], str) else q['service']['id']
        years = ' '.join(repr(float(y)) for y in q.get('years', []))
        print('%s|%s|%s' % (sid, 1 if q.get('enabled', True) else 0, years))
    for sid, pr in (c.get('prices') or {}).items():
        for payer, v in pr.items():
            print('price|%s|%s|%r' % (sid, payer, float(v)))
    return 0


def main(argv):
    if len(argv) >= 3 and argv[1] == 'attrs':
        return cmd_attrs(argv[2], argv[3])
    if len(argv) >= 3 and argv[1] == 'rowbold':
        return cmd_rowbold(argv[2], argv[3])
    if len(argv) == 3 and argv[1] == 'colours':
        return cmd_colours(argv[2])
    if len(argv) == 5 and argv[1] == 'kbrows':
        return cmd_kbrows(argv[2], argv[3], argv[4])
    if len(argv) == 3 and argv[1] == 'calcrows':
        return cmd_calcrows(argv[2])
    if len(argv) >= 4 and argv[1] == 'results':
        return cmd_results(argv[2], argv[3:])
    if len(argv) >= 4 and argv[1] == 'uncertainty':
        return cmd_uncertainty(argv[2], argv[3:])
    print(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
