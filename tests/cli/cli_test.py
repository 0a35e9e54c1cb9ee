#!/usr/bin/env python3
"""The chronicle command as a user meets it: extract, query and batch, their exports read back
by the tools people use (Python's csv module, Graphviz, headless Chromium).

    cli_test.py --chronicle PATH --source DIR --shared DIR --gen-corpus PATH --work DIR CASE

CASE is one of the functions named case_* below. Exit status 0 when the case passes, 1 when it
fails, 77 when it is skipped (ctest's SKIP_RETURN_CODE), with the reason on stdout.
"""
import argparse
import csv
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile

ARGS = None
REFERENCE_DCT = "2022-01-06"


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def run(args, stdin=None, expect=0, cwd=None):
    """Runs chronicle with args; returns (stdout bytes, stderr text)."""
    p = subprocess.run([ARGS.chronicle] + args, input=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, cwd=cwd, timeout=600)
    err = p.stderr.decode("utf-8", "replace")
    if expect is not None and p.returncode != expect:
        raise Failure("chronicle %s: exit %d, expected %d\nstderr: %s" %
                      (" ".join(args), p.returncode, expect, err[-2000:]))
    return p.stdout, err


def reference():
    return os.path.join(ARGS.source, "examples", "kazakhstan-upi.txt")


def reference_json():
    out, _ = run(["extract", "--dct", REFERENCE_DCT, "--format", "json", reference()])
    return json.loads(out.decode("utf-8"))


def work(name):
    path = os.path.join(ARGS.work, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


# A story whose sentences hold commas, quotes and line breaks, and one that starts like a
# spreadsheet formula.
TRICKY = (
    "Jan. 6 (UPI) -- Police said, \"We opened fire on Wednesday,\" and the city hall\n"
    "burned overnight.\n\n"
    "=SUM(A1) protesters were detained on Thursday, officials said.\n\n"
    "-- Rioters \"stormed\" the airport on Tuesday, witnesses said.\n")


def case_csv():
    """The CSV reads back with Python's csv module: same rows and fields as the JSON."""
    out, _ = run(["extract", "--dct", REFERENCE_DCT, "--format", "csv", reference()])
    text = out.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = ["doc", "event_id", "order", "group", "trigger", "phrase", "lemma", "class", "tense",
              "aspect", "polarity", "modality", "actor", "object", "time_text", "time_value",
              "earliest", "latest", "anchor", "sentence", "begin", "end"]
    check(rows[0] == header, "header: %r" % rows[0])
    doc = reference_json()
    events = {e["id"]: e for e in doc["events"]}
    check(len(rows) - 1 == len(doc["events"]), "%d rows for %d events" % (len(rows) - 1,
                                                                          len(doc["events"])))
    with open(reference(), "rb") as f:
        source = f.read()
    for k, row in enumerate(rows[1:], start=1):
        r = dict(zip(header, row))
        check(len(row) == len(header), "row %d has %d fields" % (k, len(row)))
        e = events[r["event_id"]]
        check(r["event_id"] == doc["order"][k - 1], "row %d is not in timeline order" % k)
        check(r["order"] == str(k) and e["order"] == k, "row %d: order %s" % (k, r["order"]))
        check(int(r["group"]) == e["group"], "row %d: group" % k)
        for field in ["trigger", "phrase", "lemma", "class", "tense", "aspect", "polarity"]:
            check(r[field] == e[field], "row %d: %s %r != %r" % (k, field, r[field], e[field]))
        for field in ["modality", "actor", "object", "earliest", "latest", "anchor"]:
            check(r[field] == (e[field] or ""), "row %d: %s" % (k, field))
        begin, end = int(r["begin"]), int(r["end"])
        check(begin == e["begin"] and end == e["end"], "row %d: offsets" % k)
        check(source[begin:end].decode("utf-8") == r["trigger"], "row %d: trigger offsets" % k)
        check(r["trigger"] in r["sentence"].lstrip("'"), "row %d: sentence" % k)

    # Cells with commas, quotes and line breaks, and the formula guard.
    d = work("csv")
    path = os.path.join(d, "tricky.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(TRICKY)
    for raw in (False, True):
        out, _ = run(["extract", "--dct", REFERENCE_DCT, path] + (["--raw-csv"] if raw else []))
        rows = list(csv.reader(io.StringIO(out.decode("utf-8"), newline="")))
        sentences = [dict(zip(header, row))["sentence"] for row in rows[1:]]
        check(len(rows) > 2, "tricky: %d rows" % len(rows))
        check(any("\n" in s and "\"" in s and "," in s for s in sentences),
              "tricky: no cell kept its comma, quote and line break: %r" % sentences)
        if raw:
            check(any(s.startswith("=SUM(A1)") for s in sentences), "raw: %r" % sentences)
        else:
            check(not any(s[:1] in "=+-@" for s in sentences if s), "guard: %r" % sentences)
            check(any(s.startswith("'=SUM(A1)") for s in sentences), "guard: %r" % sentences)
            check(any(s.startswith("'--") for s in sentences), "guard: %r" % sentences)
        # Every sentence is the text's own (less the guard quote).
        for s in sentences:
            check((s if raw else s[1:] if s[:2] in ("'=", "'-", "'+", "'@") else s) in TRICKY,
                  "sentence not in the text: %r" % s)
    # The link table.
    out, _ = run(["extract", "--dct", REFERENCE_DCT, "--links", reference()])
    rows = list(csv.reader(io.StringIO(out.decode("utf-8"), newline="")))
    check(rows[0] == ["doc", "from", "relation", "to", "provenance", "confidence"],
          "links header %r" % rows[0])
    check(len(rows) - 1 == len(doc["links"]), "links: %d rows" % (len(rows) - 1))
    for row, link in zip(rows[1:], doc["links"]):
        check(row[1] == link["from"] and row[3] == link["to"], "link row %r" % row)
        check(abs(float(row[5]) - link["confidence"]) < 1e-9, "link confidence %r" % row)


def case_dot():
    """The DOT renders with Graphviz, every event a node of the picture."""
    dot = shutil.which("dot")
    if not dot:
        print("SKIP: Graphviz's dot is not installed (src/tools/install-deps.sh test installs it)")
        sys.exit(77)
    d = work("dot")
    path = os.path.join(d, "k.dot")
    run(["extract", "--dct", REFERENCE_DCT, "--format", "dot", "-o", path, reference()])
    p = subprocess.run([dot, "-Tsvg", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=300)
    check(p.returncode == 0, "dot -Tsvg failed: %s" % p.stderr.decode("utf-8", "replace"))
    svg = p.stdout.decode("utf-8")
    check(svg.lstrip().startswith("<?xml") and "</svg>" in svg, "not an SVG")
    for e in reference_json()["events"]:
        check("<title>%s</title>" % e["id"] in svg, "event %s is not drawn" % e["id"])


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def case_html():
    """The HTML page loads in headless Chromium and shows every event."""
    chromium = find_chromium()
    if not chromium:
        print("SKIP: headless Chromium is not installed; install Debian's chromium "
              "(src/tools/install-deps.sh test does) to run this test")
        sys.exit(77)
    d = work("html")
    page = os.path.join(d, "k.html")
    run(["extract", "--dct", REFERENCE_DCT, "--format", "html", "-o", page, reference()])
    with open(page, encoding="utf-8") as f:
        html = f.read()
    check("http://" not in html and "https://" not in html, "the page names a URL")
    check("<script" not in html, "the page has a script")
    profile = tempfile.mkdtemp(prefix="chromium-", dir=d)
    p = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--user-data-dir=" + profile, "--dump-dom", "file://" + page],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    check(p.returncode == 0, "chromium failed: %s" % p.stderr.decode("utf-8", "replace")[-2000:])
    dom = p.stdout.decode("utf-8")
    check("<svg" in dom and "</html>" in dom, "no page in the DOM dump")
    for e in reference_json()["events"]:
        check('id="event-%s"' % e["id"] in dom, "event %s missing from the DOM" % e["id"])
        label = e["phrase"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        check(label[:30] in dom, "event %s's label %r missing from the DOM" % (e["id"], label))


def case_query():
    """The JSON round-trips through `chronicle query`: relations with proofs, before/after,
    dates, for JSON and JSONL."""
    d = work("query")
    path = os.path.join(d, "k.json")
    run(["extract", "--dct", REFERENCE_DCT, "--format", "json", "-o", path, reference()])
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    links = doc["links"]
    order = doc["order"]
    check(len(order) > 10, "too few events")
    # Every non-dropped link's relation is entailed; its proof is links of the file.
    asked = 0
    for link in links:
        if link["dropped"] or link["relation"] in (None, "VAGUE"):
            continue
        out, _ = run(["query", "--relation", link["from"], link["to"], "--output", "json", path])
        answer = json.loads(out)
        check(answer["relation"] != "VAGUE", "link %r is not entailed" % link)
        for step in answer["proof"]["links"]:
            original = links[step["index"]]
            check(original["from"] == step["from"] and original["to"] == step["to"],
                  "proof step %r is not link %r" % (step, original))
        asked += 1
        if asked == 25:
            break
    check(asked > 0, "no link to ask about")
    # before / after agree with --relation.
    ids = {e["id"]: e for e in doc["events"]}
    for x in order[::7]:
        out, _ = run(["query", "--before", x, "--output", "json", path])
        for node in json.loads(out)["nodes"]:
            out2, _ = run(["query", "--relation", node["id"], x, "--output", "json", path])
            r = json.loads(out2)
            check(r["endpoints"]["end_start"] in ("<", "=", "<="),
                  "%s is listed before %s but %r" % (node["id"], x, r))
        out, _ = run(["query", "--after", x, "--output", "csv", path])
        rows = list(csv.reader(io.StringIO(out.decode("utf-8"), newline="")))
        check(rows[0] == ["order", "id", "kind", "text", "earliest", "latest"], "csv header")
        for row in rows[1:]:
            check(row[1] in ids, "unknown event %r" % row)
    # --on / --between: what is certainly within lies within by the file's own bounds.
    out, _ = run(["query", "--on", "2022-01-05", "--certain", "--output", "json", path])
    on = json.loads(out)["nodes"]
    for node in on:
        e = ids[node["id"]]
        check(e["earliest"] is not None and e["earliest"] >= "2022-01-05T00:00" and
              e["latest"] is not None and e["latest"] <= "2022-01-06T00:00",
              "%r is not within 2022-01-05" % e)
    out, _ = run(["query", "--between", "2022-01-05", "2022-01-06", "--output", "json", path])
    between = json.loads(out)["nodes"]
    check({n["id"] for n in on} <= {n["id"] for n in between if n["certain"]},
          "--on 2022-01-05 is not within --between 2022-01-05 2022-01-06")
    out, _ = run(["query", "--relation", order[0], order[-1], path])
    check(out.decode("utf-8").startswith("%s " % order[0]), "table output: %r" % out[:200])
    # JSONL: several documents, one chosen with --doc; standard input with -.
    jsonl = os.path.join(d, "two.jsonl")
    lines = [json.dumps({"id": "a", "text": open(reference(), encoding="utf-8").read(),
                         "dct": REFERENCE_DCT}),
             json.dumps({"id": "b", "text": TRICKY, "dct": REFERENCE_DCT})]
    out, _ = run(["batch"], stdin=("\n".join(lines) + "\n").encode())
    with open(jsonl, "wb") as f:
        f.write(out)
    run(["query", "--before", order[-1], jsonl], expect=1)  # two documents, no --doc
    a, _ = run(["query", "--doc", "a", "--before", order[-1], "--output", "json", jsonl])
    b, _ = run(["query", "--before", order[-1], "--output", "json", path])
    check(a == b, "the JSONL document answers differently from the JSON file")
    c, _ = run(["query", "--before", order[-1], "--output", "json", "-"], stdin=open(path, "rb").read())
    check(c == b, "standard input answers differently")
    # Errors: an unknown node, a file that is not chronicle's JSON.
    _, err = run(["query", "--before", "ei99999", path], expect=1)
    check("ei99999" in err, err)
    bad = os.path.join(d, "bad.json")
    with open(bad, "w") as f:
        f.write('{"schema_version": 1,\n "document": [}\n')
    _, err = run(["query", "--before", "ei1", bad], expect=1)
    check("bad.json:2:" in err, "the error does not name file and line: %s" % err)


def gen_corpus(path, docs):
    subprocess.run([ARGS.gen_corpus, "--docs", str(docs), "--doc-bytes", "2500", "--jsonl", path],
                   check=True, stdout=subprocess.DEVNULL, timeout=300)
    with open(path, "rb") as f:
        return f.read().splitlines()


def case_batch():
    """batch -j 2 is byte-identical to -j 1, in input order; a corrupt line gives one error
    record and the rest go on."""
    d = work("batch")
    lines = gen_corpus(os.path.join(d, "docs.jsonl"), 60)
    check(len(lines) == 60, "the corpus has %d lines" % len(lines))
    data = b"\n".join(lines) + b"\n"
    one, _ = run(["batch", "-j", "1"], stdin=data)
    two, _ = run(["batch", "-j", "2"], stdin=data)
    check(one == two, "-j 2 differs from -j 1")
    four, _ = run(["batch", "-j4"], stdin=data)
    check(one == four, "-j4 differs from -j 1")
    results = one.splitlines()
    check(len(results) == len(lines), "%d results for %d lines" % (len(results), len(lines)))
    for line, result in zip(lines, results):
        check(json.loads(result)["document"]["id"] == json.loads(line)["id"], "out of order")
    # The same as extract on each document.
    first = json.loads(lines[0])
    single = os.path.join(d, "first.jsonl")
    with open(single, "wb") as f:
        f.write(lines[0] + b"\n")
    out, _ = run(["extract", single])
    check(out.splitlines()[0] == results[0], "batch and extract --format jsonl differ")
    # One corrupt line (the 6th), a blank line, and one with a bad dct.
    corrupt = list(lines)
    corrupt[5] = b'{"id": "broken", "text": "unterminated'
    corrupt.insert(10, b"")
    corrupt[20] = json.dumps({"id": "bad-dct", "text": "On Monday.", "dct": "yesterday"}).encode()
    data = b"\n".join(corrupt) + b"\n"
    p1 = subprocess.run([ARGS.chronicle, "batch", "-j", "1"], input=data, stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE, timeout=600)
    p2 = subprocess.run([ARGS.chronicle, "batch", "-j", "2"], input=data, stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE, timeout=600)
    check(p1.returncode == 1 and p2.returncode == 1, "exit %d/%d with bad lines" %
          (p1.returncode, p2.returncode))
    check(p1.stdout == p2.stdout, "-j 2 differs from -j 1 with bad lines")
    out = [json.loads(x) for x in p1.stdout.splitlines()]
    check(len(out) == len(corrupt) - 1, "%d records for %d non-blank lines" %
          (len(out), len(corrupt) - 1))
    errors = [x for x in out if "error" in x]
    check(len(errors) == 2, "error records: %r" % errors)
    check(errors[0]["line"] == 6 and "unterminated string" in errors[0]["error"], errors[0])
    check(errors[1]["line"] == 21 and errors[1]["id"] == "bad-dct" and "dct" in errors[1]["error"],
          errors[1])
    check(len(out) - len(errors) == len(corrupt) - 3, "results lost")
    check("2 of" in p1.stderr.decode(), p1.stderr.decode())
    # One corrupt line among N: N-1 results and 1 error record.
    n = 12
    data = b"\n".join(lines[:5] + [b"not json"] + lines[5:n - 1]) + b"\n"
    out, _ = run(["batch", "-j", "2"], stdin=data, expect=1)
    records = [json.loads(x) for x in out.splitlines()]
    check(len(records) == n and sum("error" in r for r in records) == 1,
          "%d records, %d errors" % (len(records), sum("error" in r for r in records)))
    # Empty input: no output, success; no progress bar when stderr is not a terminal.
    out, err = run(["batch"], stdin=b"")
    check(out == b"" and err == "", "empty input: %r %r" % (out, err))


def case_conventions():
    """--help everywhere, --version, exit codes 0/1/2, stdin with -, no partial files."""
    for sub in ["extract", "query", "batch", "eval", "value"]:
        out, _ = run([sub, "--help"])
        check(out.startswith(b"usage: chronicle " + sub.encode()), "%s --help: %r" % (sub, out[:80]))
    out, _ = run(["--help"])
    for sub in [b"extract", b"query", b"batch"]:
        check(sub in out, "chronicle --help lacks %s" % sub)
    out, _ = run(["--version"])
    check(out.startswith(b"chronicle "), out)
    run([], expect=2)
    run(["nonsense"], expect=2)
    for bad in [["extract", "--format", "pdf"], ["extract", "--bogus"], ["extract", "--dct", "soon"],
                ["extract", "--year", "abc"], ["extract", "--links", "--format", "json"],
                ["query", "k.json"], ["query", "--relation", "ei1"], ["batch", "-j", "x"],
                ["batch", "file.jsonl"], ["extract", "a.txt", "b.txt"]]:
        _, err = run(bad, expect=2)
        check(err.startswith("chronicle "), "%r: %s" % (bad, err))
    d = work("conventions")
    _, err = run(["extract", os.path.join(d, "missing.txt")], expect=1)
    check("missing.txt" in err, err)
    # Standard input with - and with no file at all give the same output.
    text = open(reference(), "rb").read()
    a, _ = run(["extract", "--dct", REFERENCE_DCT, "-"], stdin=text)
    b, _ = run(["extract", "--dct", REFERENCE_DCT], stdin=text)
    check(a == b and a.startswith(b"doc,event_id,"), "stdin output")
    # A JSONL input with a bad line: the message names file and line, and -o writes nothing.
    jsonl = os.path.join(d, "docs.jsonl")
    with open(jsonl, "w") as f:
        f.write(json.dumps({"id": "ok", "text": "Police opened fire on Wednesday."}) + "\n")
        f.write('{"id": "bad", "text": 3}\n')
    target = os.path.join(d, "out.json")
    _, err = run(["extract", "--format", "jsonl", "-o", target, jsonl], expect=1)
    check("docs.jsonl:2:" in err and "text" in err, err)
    check(not os.path.exists(target), "a partial output file was left")
    check(not [x for x in os.listdir(d) if "partial" in x], "a temporary file was left")
    # Several inputs to a folder: the good ones are written, the bad one is not.
    good = os.path.join(d, "good.txt")
    with open(good, "w") as f:
        f.write(TRICKY)
    out_dir = os.path.join(d, "out")
    _, err = run(["extract", "--dct", REFERENCE_DCT, "--format", "json", "-o", out_dir, good,
                  jsonl], expect=1)
    check(sorted(os.listdir(out_dir)) == ["good.txt.json"], os.listdir(out_dir))
    # -o through a symbolic link writes the file it names; -o to a FIFO (like a device such as
    # /dev/null or /dev/stdout) writes into it and leaves it what it was.
    real = os.path.join(d, "real.csv")
    with open(real, "w") as f:
        f.write("old\n")
    link = os.path.join(d, "link.csv")
    os.symlink("real.csv", link)
    run(["extract", "--dct", REFERENCE_DCT, "-o", link, good])
    check(os.path.islink(link), "-o replaced the symbolic link")
    with open(real, "rb") as f:
        check(f.read().startswith(b"doc,event_id,"), "the linked file was not written")
    fifo = os.path.join(d, "fifo")
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", fifo], stdout=subprocess.PIPE)
    run(["extract", "--dct", REFERENCE_DCT, "-o", fifo, good])
    through, _ = reader.communicate(timeout=60)
    check(through.startswith(b"doc,event_id,"), "nothing came through the FIFO")
    check(stat.S_ISFIFO(os.lstat(fifo).st_mode), "-o replaced the FIFO with a file")
    # An unwritable output is an input error, not a crash.
    run(["extract", "-o", os.path.join(d, "no", "such", "dir", "x.csv"), good], expect=1)
    # --format timeml on text, read back as TimeML input.
    tml = os.path.join(d, "good.tml")
    run(["extract", "--dct", REFERENCE_DCT, "--format", "timeml", "-o", tml, good])
    out, _ = run(["extract", "--format", "csv", tml])
    check(out.startswith(b"doc,event_id"), out[:100])
    # Every format from one JSONL line of one document.
    one = os.path.join(d, "one.jsonl")
    with open(one, "w") as f:
        f.write(json.dumps({"id": "one", "text": TRICKY, "dct": REFERENCE_DCT}) + "\n")
    for fmt in ["csv", "json", "jsonl", "timeml", "dot", "html"]:
        out, _ = run(["extract", "--format", fmt, one])
        check(len(out) > 0, fmt)
    run(["extract", "--format", "json", jsonl.replace("docs", "none")], expect=1)


def case_timeml():
    """TimeML in, TimeML out keeps its file names, so that `chronicle eval` pairs them."""
    tbaq = os.path.join(ARGS.shared, "data", "tbaq")
    if not os.path.isdir(tbaq):
        print("SKIP: %s is not there" % tbaq)
        sys.exit(77)
    timebank = os.path.join(tbaq, "TimeBank")
    files = sorted(f for f in os.listdir(timebank) if f.endswith(".tml"))[:3]
    check(len(files) == 3, "TimeBank has %d files" % len(files))
    d = work("timeml")
    out = os.path.join(d, "out")
    run(["extract", "--layers", "timex", "-o", out] + [os.path.join(timebank, f) for f in files])
    check(sorted(os.listdir(out)) == files, os.listdir(out))
    gold = os.path.join(d, "gold")
    os.makedirs(gold)
    for f in files:
        shutil.copy(os.path.join(timebank, f), gold)
    report, _ = run(["eval", "--json", gold, out])
    check(json.loads(report)["documents"] == len(files), report)
    by_pair = json.loads(report)["tlink"]["by_pair"]
    check(sorted(by_pair) == ["event-DCT", "event-event", "event-time", "time-time"], by_pair)
    table, _ = run(["eval", "--by-pair", gold, out])
    check(b"  event-DCT " in table and b"  time-time " in table, table)


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--chronicle", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--shared", required=True)
    parser.add_argument("--gen-corpus", dest="gen_corpus", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("case")
    ARGS = parser.parse_args()
    ARGS.work = os.path.join(ARGS.work, ARGS.case)
    os.makedirs(ARGS.work, exist_ok=True)
    fn = globals().get("case_" + ARGS.case)
    if not fn:
        print("unknown case %s" % ARGS.case)
        return 2
    try:
        fn()
    except Failure as e:
        print("FAIL %s: %s" % (ARGS.case, e))
        return 1
    print("ok %s" % ARGS.case)
    return 0


if __name__ == "__main__":
    sys.exit(main())
