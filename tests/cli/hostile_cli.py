#!/usr/bin/env python3
"""Hostile input on the command line (issue 10): folders and unreadable files where a file is
expected, read errors, standard input that cannot be read, JSONL with truncated lines and
wrong types. Each gives a clear error naming the input and a non-zero exit, or a defined
result; nothing hangs and no input is lost without a word.

    hostile_cli.py --chronicle PATH --work DIR CASE

Exit status 0 when the case passes, 1 when it fails, 77 when it is skipped (ctest's
SKIP_RETURN_CODE), with the reason on stdout.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

ARGS = None


class Failure(Exception):
    pass


class Skip(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def run(args, stdin=None, expect=0, user=None):
    """Runs chronicle; stdin may be bytes or an open file. Returns (stdout bytes, stderr)."""
    cmd = [ARGS.chronicle] + args
    if user is not None:
        cmd = ["setpriv", "--reuid=%d" % user, "--regid=%d" % user, "--clear-groups"] + cmd
    kwargs = {"stdin": stdin} if stdin is not None and not isinstance(stdin, bytes) else \
        {"input": stdin if stdin is not None else b""}
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120,
                       **kwargs)
    err = p.stderr.decode("utf-8", "replace")
    if expect is not None and p.returncode != expect:
        raise Failure("chronicle %s: exit %d, expected %d\nstderr: %s" %
                      (" ".join(args), p.returncode, expect, err[-2000:]))
    return p.stdout, err


def work(name):
    path = os.path.join(ARGS.work, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def case_folders():
    """A folder where a file is expected: an error naming it, for every command."""
    d = work("folders")
    _, err = run(["extract", d], expect=1)
    check(d in err and "folder" in err, err)
    _, err = run(["query", "--on", "2022-01-06", d], expect=1)
    check(d in err, err)
    # eval takes two folders, or two files: a file and a folder is a usage error.
    f = os.path.join(d, "a.tml")
    with open(f, "w") as out:
        out.write("<TimeML><TEXT>x</TEXT></TimeML>\n")
    _, err = run(["eval", f, d], expect=2)
    check("folder" in err, err)
    _, err = run(["eval", os.path.join(d, "missing"), d], expect=1)
    check("missing" in err, err)
    # A folder on standard input cannot be read: an error, not an empty document.
    for args in (["extract", "-"], ["extract"], ["batch"]):
        fd = os.open(d, os.O_RDONLY)
        try:
            _, err = run(args, stdin=fd, expect=1)
        finally:
            os.close(fd)
        check("<stdin>" in err and "read error" in err, "%r: %s" % (args, err))


def case_unreadable():
    """A file that cannot be read: permissions (as an unprivileged user when run as root, who
    reads everything), and a read error from the kernel (/proc/self/mem at offset 0)."""
    d = work("unreadable")
    f = os.path.join(d, "locked.txt")
    with open(f, "w") as out:
        out.write("Police opened fire on Wednesday.\n")
    os.chmod(f, 0)
    user = None
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            raise Skip("setpriv missing: the permission check needs an unprivileged user")
        user = 65534  # nobody
        os.chmod(ARGS.work, 0o755)
        os.chmod(d, 0o755)
        probe = subprocess.run(["setpriv", "--reuid=%d" % user, "--regid=%d" % user,
                                "--clear-groups", ARGS.chronicle, "--version"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        if probe.returncode != 0:
            raise Skip("user nobody cannot run %s here" % ARGS.chronicle)
    _, err = run(["extract", f], expect=1, user=user)
    check(f in err and "cannot be read" in err, err)
    _, err = run(["extract", "/proc/self/mem"], expect=1)
    check("/proc/self/mem" in err and "read error" in err, err)


def case_jsonl():
    """JSONL with truncated lines and wrong types: one error record per bad line with its line
    number, every good line still processed, exit status 1."""
    good = {"id": "ok", "text": "Police opened fire on Wednesday.", "dct": "2022-01-06"}
    bad = [
        b'{"id": "cut", "text": "Police opened fi',           # truncated inside a string
        b'{"id": "cut2", "text": "x"',                       # truncated object
        b'{"id": "cut3", "te',                               # truncated key
        b'{"id": ["a"], "text": "x"}',                       # id of the wrong type
        b'{"id": "t", "text": 42}',                          # text of the wrong type
        b'{"id": "d", "text": "x", "dct": 20220106}',        # dct of the wrong type
        b'{"id": "y", "text": "x", "year": "2022"}',         # year of the wrong type
        b'{"id": "y2", "text": "x", "year": 10000}',         # year out of range
        b'[1, 2, 3]',                                        # not an object
        b'{"id": "nul", "text": "a\x00b"}',                  # raw control character
        b'{"id": "utf", "text": "\xff\xfe"}',                # invalid UTF-8
        b'{"text": "no id"}',                                # missing id
    ]
    lines = []
    for i, b in enumerate(bad):
        lines.append(json.dumps(dict(good, id="ok%d" % i)).encode())
        lines.append(b)
    data = b"\n".join(lines)  # and the last line without its line end
    for j in ("1", "2"):
        out, err = run(["batch", "-j", j], stdin=data, expect=1)
        records = [json.loads(x) for x in out.splitlines()]
        check(len(records) == len(lines), "%d records for %d lines" % (len(records), len(lines)))
        for n, r in enumerate(records, start=1):
            if n % 2 == 1:
                check("error" not in r and r["document"]["id"] == "ok%d" % (n // 2), r)
            else:
                check(r.get("line") == n and r.get("error"), r)
        check("%d of %d" % (len(bad), len(lines)) in err, err)
    # extract names the file and line of the first bad line, and writes nothing.
    d = work("jsonl")
    path = os.path.join(d, "docs.jsonl")
    with open(path, "wb") as f:
        f.write(data)
    out, err = run(["extract", "--format", "jsonl", path], expect=1)
    check("docs.jsonl:2:" in err, err)


def case_empty():
    """Empty and blank input: a defined result (a header, no rows), exit 0."""
    d = work("empty")
    for name, content in (("empty.txt", b""), ("blank.txt", b" \n\t\r\n" * 100)):
        path = os.path.join(d, name)
        with open(path, "wb") as f:
            f.write(content)
        out, _ = run(["extract", "--dct", "2022-01-06", path])
        check(out.startswith(b"doc,event_id,") and out.count(b"\n") == 1, out[:200])
    out, err = run(["batch"], stdin=b"\n \n\t\n")
    check(out == b"" and err == "", (out, err))


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--chronicle", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("case")
    ARGS = p.parse_args()
    os.makedirs(ARGS.work, exist_ok=True)
    try:
        globals()["case_" + ARGS.case]()
    except Failure as e:
        print("FAILED: %s" % e)
        return 1
    except Skip as e:
        print("skipped: %s" % e)
        return 77
    print("passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
