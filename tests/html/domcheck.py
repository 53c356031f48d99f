#!/usr/bin/env python3
"""domcheck.py DOM RESULT_YAML HTML LANG - checks the DOM a browser built
from an HTML report (tests/html/chromium.sh):

  - <html lang=LANG>;
  - the chart's SVG has exactly one <rect class="bar"> per year and payer
    (data-year 1..H, data-payer every payer of the result), and no other;
  - exactly one <polyline class="cumulative">, with H points;
  - the report itself (HTML, the file as written) loads nothing: no
    script, no src=, no href= but data:, no url( ), no @import.

domcheck.py --compare DOM COMPARE_YAML HTML LANG (issue 17): the DOM of
`soem compare --format html` has <html lang=LANG>, one SVG with exactly
one <rect class="bar"> per file and payer (data-file 1..N, data-payer
every payer of the comparison's YAML), each bar as high as its PV of net
(`pv_net` in the YAML) on one scale, above the zero line for a gain and
below it for a loss; the HTML loads nothing.

domcheck.py --hostile DOM PLAIN_DOM LOG (issue 12): the DOM of a hostile
database's report has the title it should (no script set it to PWNED),
no script, img, event attribute..., and exactly the elements and
attributes of its plain twin's DOM.
"""
import re
import sys
from collections import Counter
from html.parser import HTMLParser

import yaml


class Dom(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.svgs = 0
        self.in_svg = 0
        self.bars = []
        self.lines = []
        self.bars_outside = 0
        self.rects = []
        self.zero = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "svg":
            self.svgs += 1
            self.in_svg += 1
        if tag == "rect" and "bar" in classes:
            if self.in_svg:
                self.bars.append((a.get("data-year"), a.get("data-payer")))
                self.rects.append(a)
            else:
                self.bars_outside += 1
        if tag == "line" and "zero" in classes and self.in_svg:
            self.zero = float(a.get("y1"))
        if tag == "polyline" and "cumulative" in classes:
            self.lines.append(a.get("points") or "")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "svg":
            self.in_svg -= 1

    def handle_endtag(self, tag):
        if tag == "svg":
            self.in_svg -= 1


class Census(HTMLParser):
    """Every element and attribute name, counted; the <title>'s text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs = Counter(), Counter()
        self.head_title, self._in_title, self._depth_svg = "", False, 0

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        for k, _ in attrs:
            self.attrs[k] += 1
        if tag == "svg":
            self._depth_svg += 1
        self._in_title = tag == "title" and not self._depth_svg

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "svg":
            self._depth_svg -= 1

    def handle_endtag(self, tag):
        if tag == "svg":
            self._depth_svg -= 1
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.head_title += data


def hostile(dom_path, plain_path, err_path):
    """--hostile DOM PLAIN_DOM CHROMIUM_LOG: the report of a hostile
    database (tests/cli/hostile_text.py) ran nothing and gained nothing."""
    errors = []
    h, p = Census(), Census()
    h.feed(open(dom_path, encoding="utf-8").read())
    p.feed(open(plain_path, encoding="utf-8").read())
    # the payload's scripts set the title to PWNED and data-pwned on <html>
    if h.head_title.strip() == "PWNED" or "window.__pwned" not in h.head_title:
        errors.append("a script ran: the title is %r" % h.head_title[:80])
    if h.attrs["data-pwned"]:
        errors.append("a script ran: <html data-pwned> is set")
    for t in ("script", "img", "iframe", "object", "embed", "b"):
        if h.tags[t]:
            errors.append("%d <%s> elements in the DOM" % (h.tags[t], t))
    on = sorted(a for a in h.attrs if a.startswith("on"))
    if on:
        errors.append("event attributes in the DOM: %s" % on)
    if h.tags != p.tags:
        errors.append("elements differ from the plain twin's: %s" % {
            k: (h.tags[k], p.tags[k]) for k in set(h.tags) | set(p.tags)
            if h.tags[k] != p.tags[k]})
    if h.attrs != p.attrs:
        errors.append("attributes differ from the plain twin's: %s" % {
            k: (h.attrs[k], p.attrs[k]) for k in set(h.attrs) | set(p.attrs)
            if h.attrs[k] != p.attrs[k]})
    log = open(err_path, encoding="utf-8", errors="replace").read()
    if re.search(r":CONSOLE|Uncaught|Failed to load resource|Refused to", log):
        errors.append("the browser logged console messages or loads")
    for e in errors:
        print("FAIL: %s: %s" % (dom_path, e))
    if not errors:
        print("ok: %s: no script ran, %d elements as in the plain twin"
              % (dom_path, sum(h.tags.values())))
    return 1 if errors else 0


def loads_nothing(html_path, errors):
    src = open(html_path, encoding="utf-8").read()
    for pat, what in ((r"<script", "a script"), (r"\ssrc\s*=", "a src="),
                      (r"url\(", "a url( )"), (r"@import", "an @import")):
        if re.search(pat, src, re.I):
            errors.append("the report has %s" % what)
    for m in re.finditer(r'\shref\s*=\s*"([^"]*)"', src, re.I):
        if not m.group(1).startswith("data:"):
            errors.append("the report links to %s" % m.group(1))


def compare(dom_path, cmp_path, html_path, lang):
    errors = []
    d = Dom()
    d.feed(open(dom_path, encoding="utf-8").read())
    c = yaml.safe_load(open(cmp_path, encoding="utf-8"))
    payers = [str(p) for p in c["payers"]]
    n = len(c["files"])
    if d.lang != lang:
        errors.append("html lang is %r, expected %r" % (d.lang, lang))
    if d.svgs != 1:
        errors.append("%d svg elements, expected 1" % d.svgs)
    if d.bars_outside:
        errors.append("%d bars outside the svg" % d.bars_outside)
    want = sorted((str(k), p) for k in range(1, n + 1) for p in payers)
    got = sorted((a.get("data-file") or "", a.get("data-payer") or "")
                 for a in d.rects)
    if got != want:
        errors.append("bars %s, expected one per file and payer %s"
                      % (got[:12], want[:12]))
    pv = {}
    for r in c["results"]:
        if r.get("key") == "pv_net" and r.get("payer") in payers:
            for k, v in enumerate(r["values"]):
                pv[(str(k + 1), r["payer"])] = v
    if d.zero is None:
        errors.append("no zero line")
    scale = None
    for a in d.rects:
        key = (a.get("data-file"), a.get("data-payer"))
        v = pv.get(key)
        if v is None:
            errors.append("bar %s has no pv_net in the YAML" % (key,))
            continue
        y, h = float(a["y"]), float(a["height"])
        if v and d.zero is not None:
            # a gain stands on the zero line, a loss hangs from it
            if v > 0 and abs(y + h - d.zero) > 0.02:
                errors.append("bar %s (%g) does not stand on zero" % (key, v))
            if v < 0 and abs(y - d.zero) > 0.02:
                errors.append("bar %s (%g) does not hang from zero" % (key, v))
            s = h / abs(v)
            if scale is None:
                scale = s
            elif abs(s - scale) > 1e-3 * scale + 0.02 / abs(v):
                errors.append("bar %s: height %g for %g, not on the scale of the others"
                              % (key, h, v))
    loads_nothing(html_path, errors)
    for e in errors:
        print("FAIL: %s: %s" % (html_path, e))
    if not errors:
        print("ok: %s: %d bars (%d files x %d payers) on one scale"
              % (html_path, len(got), n, len(payers)))
    return 1 if errors else 0


def main():
    if sys.argv[1] == "--hostile":
        return hostile(*sys.argv[2:5])
    if sys.argv[1] == "--compare":
        return compare(*sys.argv[2:6])
    dom_path, result_path, html_path, lang = sys.argv[1:5]
    errors = []
    d = Dom()
    d.feed(open(dom_path, encoding="utf-8").read())
    res = yaml.safe_load(open(result_path, encoding="utf-8"))
    H = res["horizon"]
    payers = [str(p) for p in res["payers"]]
    if d.lang != lang:
        errors.append("html lang is %r, expected %r" % (d.lang, lang))
    if d.svgs != 1:
        errors.append("%d svg elements, expected 1" % d.svgs)
    want = sorted((str(t), p) for t in range(1, H + 1) for p in payers)
    got = sorted((y or "", p or "") for y, p in d.bars)
    if got != want:
        errors.append("bars: %d, expected %d (one per year and payer: %d x %d)"
                      % (len(got), len(want), H, len(payers)))
        extra = [b for b in got if b not in want or got.count(b) > 1]
        missing = [b for b in want if b not in got]
        if extra:
            errors.append("  unexpected or repeated: %s" % extra[:10])
        if missing:
            errors.append("  missing: %s" % missing[:10])
    if d.bars_outside:
        errors.append("%d bars outside the svg" % d.bars_outside)
    if len(d.lines) != 1:
        errors.append("%d cumulative lines, expected 1" % len(d.lines))
    elif len(d.lines[0].split()) != H:
        errors.append("the cumulative line has %d points, expected %d"
                      % (len(d.lines[0].split()), H))

    src = open(html_path, encoding="utf-8").read()
    for pat, what in ((r"<script", "a script"), (r"\ssrc\s*=", "a src="),
                      (r"url\(", "a url( )"), (r"@import", "an @import")):
        if re.search(pat, src, re.I):
            errors.append("the report has %s" % what)
    for m in re.finditer(r'\shref\s*=\s*"([^"]*)"', src, re.I):
        if not m.group(1).startswith("data:"):
            errors.append("the report links to %s" % m.group(1))
    for e in errors:
        print("FAIL: %s: %s" % (html_path, e))
    if not errors:
        print("ok: %s: %d bars (%d years x %d payers), 1 line"
              % (html_path, len(got), H, len(payers)))
    return 1 if errors else 0


sys.exit(main())
