#!/usr/bin/env python3
"""hostile_text.py KB_YAML CALC_YAML OUTDIR MODE - a knowledge database and
a calculation whose every text field (the profile's name and currency,
payers, areas, target groups, measures, services, units, sources,
descriptions, effect studies; the intervention's texts, cost names,
custom services, notes...) starts with a payload (issue 12, untrusted
text).  MODE "hostile" uses a payload that would run script in HTML, set
the window title and clear the screen on a terminal, turn text right to
left and start a spreadsheet formula; MODE "plain" puts a harmless word
in the same places, so that the two reports have the same structure.

Writes OUTDIR/kb/dk.yaml and OUTDIR/calc.soem.yaml.  Ids, enums, numbers
and the profile version stay as they are.
"""
import os
import sys

import yaml

HOSTILE = (
    "=HYPERLINK(\"http://x/\")+1"
    "\x1b]2;PWNED-TITLE\x07\x1b]52;c;cHduZWQ=\x07\x1b[2J\x1b[31m"
    "\u009b31m\u0085\u202eRLO\u2066\u202a"
    "</title></text></svg><script>window.__pwned=1;document.title='PWNED';"
    "document.documentElement.setAttribute('data-pwned','1')</script>"
    "<img src=x onerror=\"document.title='PWNED';"
    "document.documentElement.setAttribute('data-pwned','2')\">"
    "<svg onload=\"document.title='PWNED'\"></svg>"
    "\"'&<b onmouseover=x>|*_`[x](javascript:alert(1))\r\nsecond line\tTAB "
)
PLAIN = "Plain text\r\nsecond line\tTAB "

# Keys whose values are text shown to people (a string, or a map of
# language -> string).
TEXT_KEYS = {
    "name", "currency", "unit", "source", "description", "note",
    "intervention", "municipality", "author", "usual_practice",
}


def mark(v, payload):
    if isinstance(v, str):
        return payload + v
    if isinstance(v, dict):
        return {k: mark(x, payload) for k, x in v.items()}
    return v


def walk(node, payload, parent=None):
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if parent == "notes" and isinstance(v, str):
                out[k] = payload + v
            elif k in TEXT_KEYS and (isinstance(v, str) or
                                     (isinstance(v, dict) and v and
                                      set(v) <= {"da", "en", "sv"})):
                out[k] = mark(v, payload)
            else:
                out[k] = walk(v, payload, k)
        return out
    if isinstance(node, list):
        return [walk(x, payload, parent) for x in node]
    return node


def main():
    kb_path, calc_path, outdir, mode = sys.argv[1:5]
    payload = HOSTILE if mode == "hostile" else PLAIN
    kb = yaml.safe_load(open(kb_path, encoding="utf-8"))
    calc = yaml.safe_load(open(calc_path, encoding="utf-8"))
    kb = walk(kb, payload)
    calc = walk(calc, payload)
    calc["notes"] = dict(calc.get("notes") or {})
    calc["notes"]["intervention"] = payload + "a note"
    # a custom service: its own name and unit
    calc.setdefault("consequences", []).append({
        "service": {"id": "eget_tilbud", "custom": payload + "custom service",
                    "unit": payload + "hours", "area": kb["areas"][0]["id"],
                    "kind": "expense"},
        "years": [1.0]})
    calc.setdefault("prices", {})["eget_tilbud"] = {kb["payers"][0]["id"]: 10.0}
    os.makedirs(os.path.join(outdir, "kb"), exist_ok=True)
    with open(os.path.join(outdir, "kb", "dk.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(kb, f, allow_unicode=True, sort_keys=False, width=1000)
    with open(os.path.join(outdir, "calc.soem.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(calc, f, allow_unicode=True, sort_keys=False, width=1000)


main()
