#!/usr/bin/env python3
"""gen.py - the large inputs of `make bench` (tests/bench/README), written
into the build directory; nothing of it is committed.

  gen.py engine DIR   DIR/kb/bench5.yaml: a 5-payer profile with 200
                      services, one target group whose success measure
                      has a consequence for every service (10 years, as
                      long as SØM's longest; the calculation has its own
                      50-year rows);
                      DIR/calc.soem.yaml: horizon 50, 10 cohorts, the 200
                      consequences, 5 cost items, no ranges;
                      DIR/calc-mc.soem.yaml: the same with ranges on p1,
                      every intake, every cost, every consequence's
                      scale and every price (1 216 uncertain inputs).
  gen.py services DIR [N]
                      DIR/kb/svcN.yaml: a 5-payer profile with N services
                      (default 100 000, the list limit of SPEC §6; each
                      with a price for one payer, so that the profile
                      stays below the node limit), one target group
                      with 10 consequences;
                      DIR/calc-svc.soem.yaml: a calculation of 10 years
                      naming every one of them as a consequence (a range
                      on every 1 000th row's scale), a price for every
                      10th and its own service at the end
                      (DIR/calc-svc-dup.soem.yaml: the same with the
                      last service listed twice).
  gen.py kb10 FILE    a valid knowledge database of about 10 MB (default
                      10 000 000 bytes; --bytes N) shaped like
                      share/soem/kb/dk.yaml: services with prices, names
                      in three languages and sources; target groups with
                      success measures, consequences and studies.

The numbers come from a fixed linear congruential sequence, so every run
writes the same bytes."""
import os
import sys

PAYERS = ["kommune", "region", "stat", "fk", "af"]
AREAS = ["transfers", "employment", "health", "social", "education",
         "justice", "taxes", "housing"]


class Lcg:
    def __init__(self, seed):
        self.x = seed

    def u(self):
        self.x = (self.x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (self.x >> 11) / float(1 << 53)

    def num(self, lo, hi, nd=2):
        return round(lo + (hi - lo) * self.u(), nd)


def header(out, pid, name):
    out.write("soem_kb: 1\n")
    out.write("profile:\n  id: %s\n  name: {da: \"%s\", en: \"%s\"}\n"
              "  version: \"1\"\n  currency: DKK\n  price_year: 2024\n"
              "  language: da\n  target_group_areas:\n"
              "    - {id: adults, name: {da: Voksne, en: Adults, sv: Vuxna}}\n"
              "    - {id: children, name: {da: Børn og unge, en: Children, sv: Barn}}\n"
              % (pid, name, name))
    out.write("payers:\n")
    for p in PAYERS:
        out.write("  - {id: %s, name: {da: %s, en: %s, sv: %s}}\n"
                  % (p, p.capitalize(), p.upper(), p.title()))
    out.write("discount:\n  first_year: undiscounted\n  steps:\n"
              "    - {from: 1, rate: 0.035}\n    - {from: 36, rate: 0.025}\n"
              "    - {from: 71, rate: 0.015}\n  source: Finansministeriet 2021\n")
    out.write("price_index:\n  source: Danmarks Statistik PRIS116\n  years: {")
    out.write(", ".join("%d: %.2f" % (y, 100 + 2.1 * (y - 2015))
                        for y in range(2015, 2025)))
    out.write("}\nareas:\n")
    for a in AREAS:
        out.write("  - {id: %s, name: {da: %s, en: %s, sv: %s}}\n"
                  % (a, a.capitalize(), a.upper(), a.title()))


SOURCE = ("Illustrative figure for the soem benchmark: a made-up price "
          "with a source line as long as the bundled database's, "
          "https://www.example.org/soem/benchmark/figures/%d.")


def service(out, r, i, full):
    out.write("  - id: svc%04d\n" % i)
    if full:
        out.write("    name: {da: Ydelse nummer %d, en: Service number %d, "
                  "sv: Tjänst nummer %d}\n" % (i, i, i))
        out.write("    unit: {da: uger, en: weeks, sv: veckor}\n")
    else:
        out.write("    name: Ydelse %d\n    unit: uger\n" % i)
    out.write("    area: %s\n" % AREAS[i % len(AREAS)])
    out.write("    kind: %s\n" % ("revenue" if i % 17 == 0 else "expense"))
    out.write("    prices: {%s}\n" % ", ".join(
        "%s: %.2f" % (p, r.num(10, 5000)) for p in PAYERS))
    if full:
        out.write("    source: >-\n      " + SOURCE % i + "\n")
    else:
        out.write("    illustrative: true\n")


def consequence(out, r, svc, nyears, full):
    years = ", ".join("%.2f" % r.num(-5, 5) for _ in range(nyears))
    if full:
        out.write("          - service: svc%04d\n" % svc)
        out.write("            baseline: %.2f\n" % r.num(0, 30))
        out.write("            years: [%s]\n" % years)
        out.write("            supported: %s\n" % ("true" if svc % 3 == 0 else "false"))
        out.write("            direction: %s\n" % ("down" if svc % 2 else "up"))
        out.write("            source: >-\n              SØM knowledge "
                  "database (illustrative), consequence %d of the "
                  "benchmark profile.\n" % svc)
    else:
        out.write("          - {service: svc%04d, baseline: %.2f, years: [%s], "
                  "supported: true}\n" % (svc, r.num(0, 30), years))


def engine(d):
    r = Lcg(1)
    os.makedirs(os.path.join(d, "kb"), exist_ok=True)
    with open(os.path.join(d, "kb", "bench5.yaml"), "w", encoding="utf-8") as out:
        header(out, "bench5", "Benchmark, 5 payers")
        out.write("services:\n")
        for i in range(200):
            service(out, r, i, False)
        out.write("target_groups:\n  - id: group\n    name: Benchmark group\n"
                  "    area: adults\n    success_measures:\n"
                  "      - id: measure\n        name: Benchmark measure\n"
                  "        consequences:\n")
        for i in range(200):
            consequence(out, r, i, 10, False)
    for ranged, fname in ((False, "calc.soem.yaml"), (True, "calc-mc.soem.yaml")):
        r = Lcg(2)

        def rng(v, rel=0.2):
            if not ranged:
                return "%.6g" % v
            return "{value: %.6g, low: %.6g, high: %.6g}" % (
                v, v * (1 - rel), v * (1 + rel))

        with open(os.path.join(d, fname), "w", encoding="utf-8") as out:
            out.write("soem_calc: 1\nkb: {profile: bench5, version: \"1\"}\n")
            out.write("intervention: {name: Benchmark, analysis: full}\n")
            out.write("horizon: 50\ncourse_years: 2\nintake:\n")
            for c in range(10):
                out.write("  - {year: %d, participants: %s}\n"
                          % (1 + 2 * c, rng(40 + c)))
            out.write("target_group: {kb: group}\neffect:\n"
                      "  measure: {kb: measure}\n  p1: %s\n  p0: 0.05\n"
                      % ("{value: 0.3, low: 0.2, high: 0.4}" if ranged else "0.3"))
            out.write("costs:\n")
            for i, basis in enumerate(("once", "per_participant",
                                       "per_participant_year", "yearly",
                                       "per_participant")):
                extra = ", years: [1]" if basis == "once" else ""
                amt = r.num(1000, 90000, 0)
                if ranged:
                    amt_s = "amount: %g, low: %g, high: %g" % (amt, amt * 0.8, amt * 1.3)
                else:
                    amt_s = "amount: %g" % amt
                out.write("  - {name: Cost %d, payer: %s, basis: %s%s, %s}\n"
                          % (i, PAYERS[i], basis, extra, amt_s))
            out.write("consequences:\n")
            for i in range(200):
                years = ", ".join("%.2f" % r.num(-5, 5) for _ in range(50))
                sc = ", scale: {value: 1, low: 0.8, high: 1.2}" if ranged else ""
                out.write("  - {service: svc%04d, years: [%s], during: %.2f%s}\n"
                          % (i, years, r.num(-1, 1), sc))
            if ranged:
                out.write("prices:\n")
                for i in range(200):
                    out.write("  svc%04d: {%s}\n" % (i, ", ".join(
                        "%s: %s" % (p, rng(r.num(10, 5000))) for p in PAYERS)))
            out.write("uncertainty: {draws: 10000, seed: 1}\n")


def services(d, n):
    r = Lcg(4)
    os.makedirs(os.path.join(d, "kb"), exist_ok=True)
    pid = "svc%d" % n
    with open(os.path.join(d, "kb", pid + ".yaml"), "w", encoding="utf-8") as out:
        header(out, pid, "Benchmark, %d services" % n)
        out.write("services:\n")
        for i in range(n):
            out.write("  - {id: s%06d, name: Ydelse %d, unit: uger, area: %s, "
                      "kind: expense, prices: {%s: %.2f}, illustrative: true}\n"
                      % (i, i, AREAS[i % len(AREAS)], PAYERS[i % len(PAYERS)],
                         r.num(10, 5000)))
        out.write("target_groups:\n  - id: group\n    name: Benchmark group\n"
                  "    area: adults\n    success_measures:\n"
                  "      - id: measure\n        name: Benchmark measure\n"
                  "        consequences:\n")
        for i in range(10):
            out.write("          - {service: s%06d, baseline: 1, years: [%s], "
                      "supported: true}\n" % (i, ", ".join(
                          "%.2f" % r.num(-1, 1) for _ in range(10))))
    for dup, fname in ((False, "calc-svc.soem.yaml"), (True, "calc-svc-dup.soem.yaml")):
        with open(os.path.join(d, fname), "w", encoding="utf-8") as out:
            out.write("soem_calc: 1\nkb: {profile: %s, version: \"1\"}\n" % pid)
            out.write("intervention: {name: Services, analysis: full}\n")
            out.write("horizon: 10\ncourse_years: 1\nintake:\n"
                      "  - {year: 1, participants: 100}\n"
                      "target_group: {kb: group}\neffect:\n"
                      "  measure: {kb: measure}\n  p1: 0.3\n  p0: 0.05\n"
                      "costs:\n  - {name: Cost, payer: kommune, basis: once, "
                      "years: [1], amount: 100000}\nconsequences:\n")
            # the profile's services and one of the calculation's own,
            # n rows in all (the list limit)
            for i in range(n - 1):
                sc = (", scale: {value: 1, low: 0.8, high: 1.2}"
                      if i % 1000 == 0 else "")
                out.write("  - {service: s%06d, years: [%.2f, %.2f]%s}\n"
                          % (i, r.num(-1, 1), r.num(-1, 1), sc))
            if dup:
                out.write("  - {service: s%06d, years: [1]}\n" % (n - 2))
            else:
                out.write("  - {service: {id: own, custom: Own service, unit: "
                          "weeks, area: social, kind: expense}, years: [1]}\n")
            out.write("prices:\n")
            for i in range(0, n - 1, 10):
                out.write("  s%06d: {kommune: %.2f}\n" % (i, r.num(10, 5000)))
            out.write("  own: {kommune: 100}\n")
            out.write("uncertainty: {draws: 1000, seed: 1}\n")


def kb10(path, size):
    r = Lcg(3)
    nsvc = 2000
    with open(path, "w", encoding="utf-8") as out:
        header(out, "bench10", "Benchmark, 10 MB")
        out.write("services:\n")
        for i in range(nsvc):
            service(out, r, i, True)
        out.write("target_groups:\n")
        g = 0
        while out.tell() < size:
            out.write("  - id: group%05d\n" % g)
            out.write("    name: {da: Målgruppe %d, en: Target group %d, "
                      "sv: Målgrupp %d}\n" % (g, g, g))
            out.write("    area: %s\n" % ("adults" if g % 2 else "children"))
            out.write("    description: >-\n      (SØM) Borgere i målgruppe "
                      "%d.  Succes: borgeren når succesmålet året efter "
                      "afgrænsningsåret.\n" % g)
            out.write("    success_measures:\n")
            for m in range(2):
                out.write("      - id: m%d\n        name: {da: Succesmål %d, "
                          "en: Success measure %d}\n        consequences:\n"
                          % (m, m, m))
                for k in range(12):
                    consequence(out, r, (g * 24 + m * 12 + k) % nsvc, 10, True)
            out.write("    effect_studies:\n      - {intervention: Studie %d, "
                      "p1: 0.3, p0: 0.1, evidence_level: 2, source: "
                      "\"Benchmark study %d\"}\n" % (g, g))
            g += 1


def main(argv):
    if len(argv) >= 3 and argv[1] == "engine":
        engine(argv[2])
    elif len(argv) >= 3 and argv[1] == "services":
        services(argv[2], int(argv[3]) if len(argv) >= 4 else 100000)
    elif len(argv) >= 3 and argv[1] == "kb10":
        size = 10 * 1000 * 1000
        if len(argv) >= 5 and argv[3] == "--bytes":
            size = int(argv[4])
        kb10(argv[2], size)
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
