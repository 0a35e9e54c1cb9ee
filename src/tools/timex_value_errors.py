#!/usr/bin/env python3
"""Sorts the timex value errors of a system run against gold TimeML into kinds.

usage: timex_value_errors.py GOLD_DIR SYSTEM_DIR [--list KIND]

GOLD_DIR holds gold .tml files (searched recursively); SYSTEM_DIR the system's files of the
same names (`chronicle extract --layers timex -o SYSTEM_DIR GOLD_DIR/*/*.tml`). Timexes are
paired as `chronicle eval` pairs them for relaxed matching (overlapping extents, one to one,
in text order), and every pair whose values differ is put in the first kind that fits:

  gold X where the text gives it  the gold value leaves out what the text and DCT fix
                                  (1989-WXX for "last week", 1968-XX for "1968")
  same year, other grain          year against quarter or month ("a year ago": 1988 / 1988-Q3)
  part of day                     "Wednesday night" with and without its TNI
  other spelling, same value      2000-W7 / 2000-W07, T17 / T17:00, 196X / 196, P1E / P10Y
  other                           everything else (direction, anchor, type disagreements)

It prints the count of each kind and the value accuracy if a kind were counted right, so that
the share of errors that are annotation habits rather than wrong readings is measured, not
guessed. The kinds are checked on values only; the examples under --list show the contexts.
"""
import glob
import html
import os
import re
import sys


def timexes(path):
    text = open(path, encoding="utf-8").read()
    body = re.search(r"<TEXT>(.*)</TEXT>", text, re.S).group(1)
    out, plain, stack, offset = [], [], [], 0
    for token in re.finditer(r"<[^>]+>|[^<]+", body):
        t = token.group(0)
        if t.startswith("<TIMEX3"):
            stack.append((offset, dict(re.findall(r'(\w+)="([^"]*)"', t))))
        elif t.startswith("</TIMEX3"):
            begin, attrs = stack.pop()
            out.append((begin, offset, attrs))
        elif not t.startswith("<"):
            piece = html.unescape(t)
            plain.append(piece)
            offset += len(piece)
    return out, "".join(plain)


def normal_spelling(v):
    v = re.sub(r"W(\d)$", r"W0\1", v)
    v = re.sub(r"T(\d\d)$", r"T\1:00", v)
    return re.sub(r"^(\d{3})X$", r"\1", v)


SAME_DURATIONS = {("P1E", "P10Y"), ("P9M", "P3Q"), ("P1D", "PT24H")}


def kind(gold, system):
    if "X" in gold and "X" not in system and re.match(r"\d", gold):
        return "gold X where the text gives it"
    if re.match(r"\d{4}(-Q\d|-\d\d)?$", gold) and re.match(r"\d{4}(-Q\d|-\d\d)?$", system) \
            and gold[:4] == system[:4]:
        return "same year, other grain"
    pod = r"T(NI|MO|AF|EV)$"
    if re.sub(pod, "", gold) == re.sub(pod, "", system):
        return "part of day"
    if normal_spelling(gold) == normal_spelling(system) or (gold, system) in SAME_DURATIONS:
        return "other spelling, same value"
    return "other"


def main(argv):
    if len(argv) not in (3, 5) or (len(argv) == 5 and argv[3] != "--list"):
        sys.exit(__doc__)
    gold_dir, system_dir = argv[1], argv[2]
    listed = argv[4] if len(argv) == 5 else None
    counts, matched, right = {}, 0, 0
    for gold_path in sorted(glob.glob(os.path.join(gold_dir, "**", "*.tml"), recursive=True)):
        system_path = os.path.join(system_dir, os.path.basename(gold_path))
        if not os.path.exists(system_path):
            continue
        gold, text = timexes(gold_path)
        system, _ = timexes(system_path)
        used = set()
        for begin, end, attrs in gold:
            pair = next((j for j, (b, e, _) in enumerate(system)
                         if j not in used and b < end and begin < e), None)
            if pair is None:
                continue
            used.add(pair)
            matched += 1
            g, s = attrs.get("value", ""), system[pair][2].get("value", "")
            if g == s:
                right += 1
                continue
            k = kind(g, s)
            counts[k] = counts.get(k, 0) + 1
            if k == listed:
                context = text[max(0, begin - 60):end + 30].replace("\n", " ")
                print(f"{os.path.basename(gold_path)}: gold {g} system {s} | {context}")
    if listed:
        return
    print(f"relaxed matches {matched}, same value {right} "
          f"(value accuracy {100 * right / matched:.2f})")
    for k in ["gold X where the text gives it", "same year, other grain", "part of day",
              "other spelling, same value", "other"]:
        n = counts.get(k, 0)
        print(f"{n:5d}  {k}")
    habits = sum(n for k, n in counts.items() if k != "other")
    print(f"value accuracy with the first four kinds counted right: "
          f"{100 * (right + habits) / matched:.2f}")


if __name__ == "__main__":
    main(sys.argv)
