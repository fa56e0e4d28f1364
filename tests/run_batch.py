#!/usr/bin/python3
"""Batch runs end to end, on the project's own samples plus bad files.

  tests/run_batch.py --budgetx build/budgetx --root .

- a folder of good documents, a zero-byte PDF, a truncated PDF, an encrypted PDF and a JPEG named
  .pdf: the good ones load; each bad one is reported by name and cause; the exit code says so;
- the same into a folder (JSON, JSON lines, CSV), SQLite and a real PostgreSQL server (initdb
  into a temporary folder, a free port, stopped at the end): equal row counts everywhere;
- a rerun adds nothing; a run killed with SIGKILL and rerun ends with the same counts.
"""
import argparse
import glob
import os
import pwd
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time

TABLES = ["documents", "tables", "cells", "records", "checks", "corrections", "warnings"]
BAD = {"zero.pdf": "empty file", "truncated.pdf": "truncated or damaged", "encrypted.pdf": "encrypted PDF",
       "photo.pdf": "not a PDF"}


def make_inputs(root, folder):
    good = sorted(glob.glob(os.path.join(root, "samples/text/*/*.txt")))
    good += [os.path.join(root, "samples/pdf", n, n + ".pdf") for n in ("ruled_two_pages", "unruled", "scan_ruled")]
    os.makedirs(os.path.join(folder, "text"))
    for path in good:
        sub = "text" if path.endswith(".txt") else ""
        shutil.copy(path, os.path.join(folder, sub, os.path.basename(path)))
    open(os.path.join(folder, "zero.pdf"), "wb").close()
    shutil.copy(os.path.join(root, "samples/pdf/truncated/truncated.pdf"), os.path.join(folder, "truncated.pdf"))
    shutil.copy(os.path.join(root, "samples/pdf/encrypted/encrypted.pdf"), os.path.join(folder, "encrypted.pdf"))
    shutil.copy(os.path.join(root, "samples/errors/jpeg_renamed/jpeg_renamed.pdf"), os.path.join(folder, "photo.pdf"))
    return len(good)


def counts_query():
    parts = ["SELECT '%s', count(*) FROM %s" % (t, t) for t in TABLES]
    parts.append("SELECT 'amount_fen', coalesce(sum(amount_fen), 0) FROM records")
    parts.append("SELECT 'failed', count(*) FROM documents WHERE status = 'failed'")
    return " UNION ALL ".join(parts)


def sqlite_counts(path):
    with sqlite3.connect(path) as db:
        return {k: int(v) for k, v in db.execute(counts_query())}


def run(budgetx, args, expect):
    proc = subprocess.run([budgetx, "extract"] + args, capture_output=True, text=True)
    if proc.returncode != expect:
        raise AssertionError("exit %d, expected %d: %s" % (proc.returncode, expect, proc.stderr))
    return proc.stderr


def check(cond, what):
    if not cond:
        raise AssertionError(what)
    print("ok   " + what)


class Postgres:
    """A throwaway server: initdb in a temporary folder, a free port, a socket in that folder."""

    def __init__(self, work):
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not bins:
            raise AssertionError("PostgreSQL server not installed (scripts/setup installs postgresql)")
        self.bin = os.path.dirname(bins[-1])
        self.dir = os.path.join(work, "pg")
        os.makedirs(self.dir)
        self.user = []
        if os.getuid() == 0:  # initdb refuses root; run the server as the postgres account
            os.chmod(work, 0o755)
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self.user = ["runuser", "-u", "postgres", "--"]
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        data = os.path.join(self.dir, "data")
        self.pg(["initdb", "-D", data, "-A", "trust", "-U", "budgetx", "-E", "UTF8", "--locale=C.UTF-8"])
        self.pg(["pg_ctl", "-D", data, "-w", "-l", os.path.join(self.dir, "log"), "-o",
                 "-p %d -k %s -c listen_addresses=''" % (self.port, self.dir), "start"])
        self.data = data
        self.url = "postgresql:///postgres?host=%s&port=%d&user=budgetx" % (self.dir, self.port)

    def pg(self, cmd):
        subprocess.run(self.user + [os.path.join(self.bin, cmd[0])] + cmd[1:], check=True, capture_output=True)

    def counts(self):
        out = subprocess.run(["psql", self.url, "-At", "-F", "\t", "-c", counts_query()], check=True,
                             capture_output=True, text=True).stdout
        return {k: int(v) for k, v in (line.split("\t") for line in out.splitlines())}

    def stop(self):
        self.pg(["pg_ctl", "-D", self.data, "-m", "immediate", "stop"])


def killed_run(budgetx, inputs, work):
    """Kills a one-worker run with SIGKILL once it has stored a document, then reruns it."""
    db = os.path.join(work, "killed.sqlite")
    out = os.path.join(work, "killed")
    proc = subprocess.Popen([budgetx, "extract", inputs, "-o", out, "--db", db, "-j", "1", "-q"],
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        try:
            if sqlite_counts(db)["documents"] >= 2:
                break
        except sqlite3.Error:
            pass
        time.sleep(0.02)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = sqlite_counts(db)["documents"]
    run(budgetx, [inputs, "-o", out, "--db", db, "-q"], 2)
    leftovers = [p for p in glob.glob(os.path.join(out, "**"), recursive=True) if p.endswith(".tmp")]
    return partial, sqlite_counts(db), len(glob.glob(os.path.join(out, "**/*.json"), recursive=True)), leftovers


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--budgetx", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="budgetx-batch-")
    pg = None
    try:
        inputs = os.path.join(work, "in")
        good = make_inputs(a.root, inputs)
        total = good + len(BAD)
        out, db = os.path.join(work, "out"), os.path.join(work, "c.sqlite")

        err = run(a.budgetx, [inputs, "-o", out, "--db", db, "--format", "jsonl,csv", "-j", "2"], 2)
        for name, cause in BAD.items():
            check(any(name in l and cause in l for l in err.splitlines()), "%s reported with '%s'" % (name, cause))
        first = sqlite_counts(db)
        check(first["documents"] == total and first["failed"] == len(BAD),
              "SQLite: %d documents, %d failed" % (first["documents"], first["failed"]))
        check(first["records"] > 100, "SQLite: %d records" % first["records"])
        with open(os.path.join(out, "records.csv"), encoding="utf-8") as f:
            check(sum(1 for _ in f) - 1 == first["records"], "records.csv has one line per record")
        with open(os.path.join(out, "documents.jsonl"), encoding="utf-8") as f:
            check(sum(1 for _ in f) == total, "documents.jsonl has one line per document")
        check(os.path.exists(os.path.join(out, "text", "selfeval_tabs.json")), "sub-folders kept in the output")

        err = run(a.budgetx, [inputs, "-o", out, "--db", db, "--format", "jsonl,csv"], 0)
        check("%d skipped" % total in err and sqlite_counts(db) == first, "rerun skips everything, adds nothing")

        partial, after_kill, files, leftovers = killed_run(a.budgetx, inputs, work)
        check(partial < total, "killed run stopped early (%d of %d stored)" % (partial, total))
        check(after_kill == first and files == total and not leftovers,
              "killed and rerun: same counts, %d files, no temporary files" % files)

        pg = Postgres(work)
        run(a.budgetx, [inputs, "--db", pg.url, "-j", "2", "-q"], 2)
        check(pg.counts() == first, "PostgreSQL: same counts as SQLite %s" % first)
        run(a.budgetx, [inputs, "--db", pg.url, "--force", "-q"], 2)
        check(pg.counts() == first, "PostgreSQL: --force reloads in place, adds nothing")
        print("batch: all checks passed")
        return 0
    except AssertionError as e:
        print("FAIL " + str(e))
        return 1
    finally:
        if pg:
            pg.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
