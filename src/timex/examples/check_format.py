#!/usr/bin/env python3
"""Check the format of chronicle's TIMEX3 example corpus (src/timex/examples/*.examples).

This is a tool for authors of the corpus: it catches malformed lines, unknown directives,
values that chronicle cannot parse, bounds that disagree with the value, and a few slips a
human makes when writing examples by hand (a weekday name whose value falls on another day,
a preposition inside an extent). The real test is the C++ table-driven test, which runs the
recognizer on every example.

Usage:
  check_format.py [--chronicle PATH] [--no-values] [FILE...]

Without FILEs it checks every *.examples file beside this script. VALUEs are checked with
`chronicle value VALUE` (it prints the value back, or an error); the binary is looked up in
--chronicle, $CHRONICLE_BIN, then <repo>/build/src/chronicle and
<repo>/build-corpus/src/chronicle. Exit status: 0 when every file is clean, 1 otherwise.
"""

import argparse
import datetime
import os
import re
import signal
import subprocess
import sys

TYPES = {"DATE", "TIME", "DURATION", "SET"}
MODS = {
    "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
    "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX",
}
KEYS = {"mod", "quant", "freq", "earliest", "latest"}
QUANTS = {"EVERY", "EACH"}
POLICIES = {"news", "closest", "future"}
MODES = {"news", "narrative"}

# A DCT: a calendar date, possibly year-less, optionally with a time of day.
DCT_RE = re.compile(r"^(\d{4}|XXXX)-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$")
BOUND_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$")
FREQ_RE = re.compile(r"^\d+X$")
MARK_RE = re.compile(r"\[\[(.*?)\]\]")

# Words that are TimeML signals, never the first word of a TIMEX3 extent.
SIGNALS = {
    "on", "in", "at", "since", "until", "till", "by", "during", "for", "from", "to", "after",
    "before", "between", "within", "through", "throughout", "of", "as",
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "aug": 8, "august": 8, "sept": 9,
    "sep": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}


class Problem(Exception):
    pass


class Checker:
    def __init__(self, chronicle):
        self.chronicle = chronicle
        self.value_cache = {}
        self.errors = 0
        self.warnings = 0

    # --- values -------------------------------------------------------------------------
    def parse_value(self, value):
        """Returns (printed, grain, earliest, latest) or raises Problem."""
        if self.chronicle is None:
            return None
        if value not in self.value_cache:
            run = subprocess.run([self.chronicle, "value", value], capture_output=True,
                                 text=True)
            if run.returncode != 0:
                self.value_cache[value] = Problem(run.stderr.strip() or "chronicle failed")
            else:
                fields = run.stdout.rstrip("\n").split("\t")
                fields += [""] * (4 - len(fields))
                self.value_cache[value] = tuple(fields[:4])
        result = self.value_cache[value]
        if isinstance(result, Problem):
            raise result
        return result

    # --- reporting ----------------------------------------------------------------------
    def error(self, where, message):
        self.errors += 1
        print(f"{where}: error: {message}")

    def warn(self, where, message):
        self.warnings += 1
        print(f"{where}: warning: {message}")

    # --- one file -----------------------------------------------------------------------
    def check_file(self, path):
        counts = {"positive": 0, "negative": 0, "timexes": 0}
        state = {"dct": None, "year": None, "policy": "news", "mode": "news"}
        seen = {}
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().split("\n")
        name = os.path.basename(path)
        for number, raw in enumerate(lines, start=1):
            where = f"{name}:{number}"
            line = raw.rstrip("\r")
            if "\t" in line:
                self.error(where, "tab character (use spaces)")
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.startswith("@"):
                self.check_directive(where, stripped, state)
                continue
            if state["dct"] is None:
                self.error(where, "example before the first @dct directive")
            if line != stripped:
                self.error(where, "leading or trailing whitespace")
            try:
                text, marks = self.parse_example(where, line)
            except Problem as problem:
                self.error(where, str(problem))
                continue
            context = (text, state["dct"], state["year"], state["policy"], state["mode"])
            if context in seen:
                self.warn(where, f"same sentence and directives as line {seen[context]}")
            seen.setdefault(context, number)
            if marks:
                counts["positive"] += 1
                counts["timexes"] += len(marks)
            else:
                counts["negative"] += 1
            for column, mark in marks:
                self.check_mark(f"{where}:{column}", mark, state)
        return counts

    def check_directive(self, where, line, state):
        parts = line.split()
        key, args = parts[0], parts[1:]
        if len(args) != 1:
            self.error(where, f"{key} takes exactly one argument")
            return
        arg = args[0]
        if key == "@dct":
            if arg == "none":
                state["dct"] = "none"
                return
            if not DCT_RE.match(arg):
                self.error(where, f"@dct {arg}: expected YYYY-MM-DD, XXXX-MM-DD or a date-time")
                return
            if not arg.startswith("XXXX"):
                try:
                    datetime.date.fromisoformat(arg[:10])
                except ValueError:
                    self.error(where, f"@dct {arg}: no such day")
                    return
            try:
                self.parse_value(arg)
            except Problem as problem:
                self.error(where, f"@dct {arg}: {problem}")
            state["dct"] = arg
        elif key == "@year":
            if not re.match(r"^\d{4}$", arg):
                self.error(where, f"@year {arg}: expected four digits")
            state["year"] = arg
        elif key == "@policy":
            if arg not in POLICIES:
                self.error(where, f"@policy {arg}: expected one of {sorted(POLICIES)}")
            state["policy"] = arg
        elif key == "@mode":
            if arg not in MODES:
                self.error(where, f"@mode {arg}: expected one of {sorted(MODES)}")
            state["mode"] = arg
        else:
            self.error(where, f"unknown directive {key}")

    def parse_example(self, where, line):
        """Splits a line into the plain sentence and its marks [(column, fields)]."""
        marks = []
        text = []
        position = 0
        while True:
            start = line.find("[[", position)
            if start < 0:
                rest = line[position:]
                if "]]" in rest:
                    raise Problem(f"']]' without '[[' at column {position + rest.find(']]') + 1}")
                text.append(rest)
                break
            before = line[position:start]
            if "]]" in before:
                raise Problem(f"']]' without '[[' at column {position + before.find(']]') + 1}")
            text.append(before)
            end = line.find("]]", start + 2)
            if end < 0:
                raise Problem(f"'[[' at column {start + 1} is never closed")
            inner = line[start + 2:end]
            if "[[" in inner:
                raise Problem(f"nested '[[' inside the mark at column {start + 1}")
            fields = inner.split("|")
            if len(fields) < 3:
                raise Problem(f"mark at column {start + 1} needs text|TYPE|VALUE")
            marks.append((start + 1, fields))
            text.append(fields[0])
            position = end + 2
        sentence = "".join(text)
        for piece in text[0::2]:
            if "|" in piece:
                raise Problem("literal '|' in the sentence")
        return sentence, marks

    def check_mark(self, where, fields, state):
        extent, kind, value = fields[0], fields[1], fields[2]
        extras = {}
        for field in fields[3:]:
            if "=" not in field:
                self.error(where, f"extra field {field!r} is not key=value")
                continue
            key, val = field.split("=", 1)
            if key not in KEYS:
                self.error(where, f"unknown key {key!r} (known: {sorted(KEYS)})")
            if key in extras:
                self.error(where, f"key {key!r} given twice")
            extras[key] = val
        if not extent or extent != extent.strip():
            self.error(where, f"extent {extent!r} is empty or has outer spaces")
        words = extent.lower().split()
        quantity = words[:2] in (["at", "least"], ["at", "most"])
        if words and words[0] in SIGNALS and not quantity:
            self.error(where, f"extent {extent!r} starts with the signal {words[0]!r}")
        if extent and extent[-1] in ",;:":
            self.warn(where, f"extent {extent!r} ends in punctuation")
        if kind not in TYPES:
            self.error(where, f"type {kind!r} is not one of {sorted(TYPES)}")
        if "mod" in extras and extras["mod"] not in MODS:
            self.error(where, f"mod {extras['mod']!r} is not a TimeML mod")
        if "quant" in extras and extras["quant"] not in QUANTS:
            self.error(where, f"quant {extras['quant']!r}: use one of {sorted(QUANTS)}")
        if "freq" in extras and not FREQ_RE.match(extras["freq"]):
            self.error(where, f"freq {extras['freq']!r}: expected NX (2X)")
        if ("quant" in extras or "freq" in extras) and kind != "SET":
            self.error(where, "quant and freq belong to SETs")
        self.check_shape(where, kind, value)
        parsed = None
        try:
            parsed = self.parse_value(value)
        except Problem as problem:
            self.error(where, f"value {value!r}: {problem}")
        if parsed is not None and parsed[0] != value:
            self.error(where, f"value {value!r} prints back as {parsed[0]!r}: use that spelling")
        for key in ("earliest", "latest"):
            if key not in extras:
                continue
            bound = extras[key]
            if not BOUND_RE.match(bound):
                self.error(where, f"{key}={bound}: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM")
                continue
            if parsed is not None:
                # The resolver may narrow a value's bounds (JSON's bounds_fit "within": the
                # winter it means of the two that YYYY-WI touches), never widen them.
                expected = parsed[2] if key == "earliest" else parsed[3]
                given = bound if "T" in bound else bound + "T00:00"
                outside = given < expected if key == "earliest" else given > expected
                if expected and outside:
                    self.error(where, f"{key}={bound} lies outside {value}'s bounds ({expected})")
        if "earliest" in extras and "latest" in extras and BOUND_RE.match(
                extras["earliest"]) and BOUND_RE.match(extras["latest"]):
            if extras["earliest"] >= extras["latest"]:
                self.error(where, "earliest is not before latest")
        self.check_agreement(where, extent, kind, value, state)

    def check_shape(self, where, kind, value):
        duration = re.match(r"^P(T?[\dX])", value) is not None
        if kind == "DURATION" and not duration:
            self.error(where, f"a DURATION value starts with P, not {value!r}")
        if kind == "DATE" and (duration or re.search(r"T(\d|MO|AF|EV|NI|DT)", value)):
            self.error(where, f"a DATE value {value!r} looks like a duration or a time")
        if kind == "TIME" and "T" not in value:
            self.error(where, f"a TIME value {value!r} has no time part")

    def check_agreement(self, where, extent, kind, value, state):
        """Catches slips: 'Wednesday' valued as a Tuesday, 'Dec. 28' valued in March."""
        lowered = extent.lower()
        match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
        for index, day in enumerate(WEEKDAYS):
            if not re.search(r"\b" + day + r"\b", lowered):
                continue
            if re.search(r"\b(after|before|following|previous)\b", lowered):
                break
            if match and kind in ("DATE", "TIME"):
                date = datetime.date(*map(int, match.groups()))
                if date.weekday() != index:
                    self.error(where, f"{extent!r} but {value} is a {WEEKDAYS[date.weekday()]}")
            elif kind in ("DATE", "TIME") and value.startswith("XXXX-WXX-"):
                if value[9:10] != str(index + 1):
                    self.error(where, f"{extent!r} but {value} is weekday {value[9:10]}")
            break
        month_match = re.match(r"^(?:\w+, )?([A-Za-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?:,|$| )",
                               extent)
        if month_match and month_match.group(1).lower() in MONTHS and kind in ("DATE", "TIME"):
            month = MONTHS[month_match.group(1).lower()]
            day = int(month_match.group(2))
            vm = re.match(r"^(\d{4}|XXXX)-(\d{2})-(\d{2})", value)
            if vm and (int(vm.group(2)), int(vm.group(3))) != (month, day):
                self.error(where, f"{extent!r} but the value says {vm.group(2)}-{vm.group(3)}")
        dm = re.match(r"^(\d{1,2}) ([A-Za-z]+) (\d{4})$", extent)
        if dm and dm.group(2).lower() in MONTHS:
            expected = f"{dm.group(3)}-{MONTHS[dm.group(2).lower()]:02d}-{int(dm.group(1)):02d}"
            if value != expected:
                self.error(where, f"{extent!r} but value {value} (expected {expected})")
        yearless_dct = state["dct"] == "none" or (state["dct"] or "").startswith("XXXX")
        if (yearless_dct and state["year"] is not None and value.startswith("XXXX-")
                and kind != "SET"):
            self.error(where, f"@year {state['year']} is in force but {value} has no year "
                       "(directives persist: order the year-less examples first)")
        if state["dct"] and state["dct"].startswith("XXXX") and re.match(r"^\d{4}-\d{2}-\d{2}",
                                                                            value):
            if not re.search(r"\d{4}", extent) and state["year"] is None:
                self.warn(where, f"year-less DCT but {value} has a year the text does not give")


def find_chronicle(option):
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.abspath(os.path.join(here, "..", "..", ".."))
    candidates = [option, os.environ.get("CHRONICLE_BIN"),
                  os.path.join(repo, "build", "src", "chronicle"),
                  os.path.join(repo, "build-corpus", "src", "chronicle")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def main():
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--chronicle", help="path to the chronicle binary")
    parser.add_argument("--no-values", action="store_true",
                        help="skip the checks that need the chronicle binary")
    args = parser.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    files = args.files or sorted(
        os.path.join(here, name) for name in os.listdir(here) if name.endswith(".examples"))
    chronicle = None
    if not args.no_values:
        chronicle = find_chronicle(args.chronicle)
        if chronicle is None:
            print("error: no chronicle binary (build chronicle_cli, pass --chronicle, or "
                  "use --no-values)", file=sys.stderr)
            return 1
    checker = Checker(chronicle)
    totals = {"positive": 0, "negative": 0, "timexes": 0}
    rows = []
    for path in files:
        counts = checker.check_file(path)
        rows.append((os.path.basename(path), counts))
        for key in totals:
            totals[key] += counts[key]
    print()
    print(f"{'file':32} {'examples':>8} {'positive':>8} {'negative':>8} {'timexes':>8}")
    for name, counts in rows + [("total", totals)]:
        examples = counts["positive"] + counts["negative"]
        print(f"{name:32} {examples:8} {counts['positive']:8} {counts['negative']:8} "
              f"{counts['timexes']:8}")
    print(f"{checker.errors} errors, {checker.warnings} warnings")
    return 1 if checker.errors else 0


if __name__ == "__main__":
    sys.exit(main())
