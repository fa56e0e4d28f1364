#!/usr/bin/python3
"""Shards run by a real cluster engine into one PostgreSQL (docs/cluster.md).

  tests/run_cluster.py --budgetx build/budgetx --root . [--engine auto|slurm|parallel]

- Shards: for N = 1, 2 and 7, the runs K = 0…N−1 over a folder take disjoint sets of documents
  whose union is the whole; a copy of the folder with other file names splits the same way.
- A throwaway PostgreSQL server (initdb in a temporary folder) holds one database per run:
  one machine (`budgetx extract IN --db URL`), then an array of 4 tasks of each engine
  (`--shard $TASK/4`): a one-node Slurm cluster started here (munge key made by the test), and
  GNU parallel. Every table but `loads` then holds exactly what the one-machine run holds.
- A task killed half-way (scancel; parallel: SIGKILL) and resubmitted leaves the same database;
  `budgetx status` counts the documents missing in between, and none after.
- A whole array submitted again adds no load.
With --engine auto (the default) Slurm is used when its daemons start here; where they cannot
(a sandbox without the rights), the test says so and GNU parallel alone runs.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish  # noqa: E402
from cluster import Parallel, Slurm, SlurmUnavailable  # noqa: E402
from run_batch import Postgres  # noqa: E402

TASKS = 4
# The tables a document's content fills, with the columns that order their rows.
CONTENT = {"documents": "sha256", "tables": "sha256, table_index", "cells": "sha256, table_index, row_index, column_index",
           "records": "sha256, record_index", "checks": "sha256, check_index", "findings": "sha256, finding_index",
           "corrections": "sha256, correction_index", "warnings": "sha256, warning_index"}


def make_inputs(root, folder):
    """Text dumps, text PDFs, two scans and the broken files of the samples."""
    picked = []
    for kind in ("text", "errors", "pdf"):
        for name in sorted(os.listdir(os.path.join(root, "samples", kind))):
            if kind == "pdf" and name.startswith("scan_") and name not in ("scan_ruled", "scan_stamped"):
                continue
            case = os.path.join(root, "samples", kind, name)
            picked += [os.path.join(case, f) for f in sorted(os.listdir(case)) if f.endswith((".pdf", ".txt"))
                       and not f.startswith("expected")]
    os.makedirs(folder)
    for path in picked:
        shutil.copy(path, os.path.join(folder, os.path.basename(path)))
    return len(picked)


def shard_shas(budgetx, inputs, shard, out):
    """The documents (sha256) task `shard` takes, from the manifest of its run (text only, no OCR)."""
    subprocess.run([budgetx, "extract", inputs, "--shard", shard, "-o", out, "--no-ocr", "-q", "-j", "2"],
                   capture_output=True)
    manifest = os.path.join(out, "manifest.jsonl")
    if not os.path.exists(manifest):
        return set()
    return {json.loads(line)["sha256"] for line in open(manifest, encoding="utf-8")}


def check_shards(budgetx, inputs, work):
    whole = shard_shas(budgetx, inputs, "0/1", os.path.join(work, "shard-1-0"))
    check(len(whole) > 20, "N=1: the one task takes all %d documents" % len(whole))
    for n in (2, 7):
        parts = [shard_shas(budgetx, inputs, "%d/%d" % (k, n), os.path.join(work, "shard-%d-%d" % (n, k)))
                 for k in range(n)]
        disjoint = sum(len(p) for p in parts) == len(set().union(*parts))
        check(disjoint and set().union(*parts) == whole,
              "N=%d: parts of %s documents, disjoint, union the whole" % (n, "+".join(str(len(p)) for p in parts)))
    # Another machine's copy: other file names, another folder; the same split.
    renamed = os.path.join(work, "renamed")
    os.makedirs(renamed)
    for i, name in enumerate(sorted(os.listdir(inputs), reverse=True)):
        shutil.copy(os.path.join(inputs, name), os.path.join(renamed, "doc%03d%s" % (i, os.path.splitext(name)[1])))
    for k in range(2):
        check(shard_shas(budgetx, renamed, "%d/2" % k, os.path.join(work, "renamed-%d" % k)) ==
              shard_shas(budgetx, inputs, "%d/2" % k, os.path.join(work, "shard-2-%d" % k)),
              "shard %d/2 of a renamed copy takes the same documents" % k)


class Server:
    """The throwaway PostgreSQL server, a database per run."""

    def __init__(self, work):
        self.pg = Postgres(work)

    def create(self, name):
        url = self.pg.url.replace("/postgres?", "/%s?" % name)
        subprocess.run(["psql", self.pg.url, "-q", "-c", "CREATE DATABASE %s" % name], check=True)
        return url

    @staticmethod
    def query(url, sql):
        return subprocess.run(["psql", url, "-At", "-F", "\t", "-c", sql], check=True, capture_output=True,
                              text=True).stdout

    def content(self, url):
        """Every row of the content tables, in key order, as text."""
        return {t: self.query(url, "SELECT * FROM %s ORDER BY %s" % (t, order)) for t, order in CONTENT.items()}

    def loads(self, url):
        return self.query(url, "SELECT sha256, loaded_at, shard FROM loads ORDER BY sha256")

    def stop(self):
        self.pg.stop()


def status(budgetx, url, inputs):
    proc = subprocess.run([budgetx, "status", "--db", url, inputs], capture_output=True, text=True)
    stored = re.search(r"(\d+) stored, (\d+) missing", proc.stdout)
    return proc.returncode, (int(stored.group(1)), int(stored.group(2))) if stored else None, proc.stdout


def same_content(server, url, reference, what):
    content = server.content(url)
    differing = [t for t in CONTENT if content[t] != reference[t]]
    rows = sum(len(v.splitlines()) for v in content.values())
    check(not differing, "%s: the %d content rows equal the one-machine run's%s" %
          (what, rows, "" if not differing else " (differ: %s)" % ", ".join(differing)))


def kill_one_task(engine, server, url, command, sizes):
    """Runs the array and kills a task once it stored a document and before it stored its last;
    returns the task killed, or None when no task was caught half-way."""
    handle = engine.submit(command, TASKS, wait=False)
    deadline, victim = time.time() + 120, None
    while time.time() < deadline and victim is None:
        try:
            shards = server.query(url, "SELECT shard FROM loads").split()
        except subprocess.CalledProcessError:
            shards = []  # the tables are not made yet
        stored = [shards.count("%d/%d" % (k, TASKS)) for k in range(TASKS)]
        victim = next((k for k in range(TASKS) if 0 < stored[k] < sizes[k] - 1), None)
        time.sleep(0.02)
    if victim is not None:
        engine.cancel(handle, victim)
    engine.wait(handle)
    return victim


def killed_task(engine, server, name, command, budgetx, inputs, reference, documents, sizes):
    """Kills a task half-way and resubmits it. A kill that lands after the task's last document
    (its documents are quick; the scheduler takes its time) is tried again on a fresh database."""
    for attempt in range(3):
        url = server.create("%s_%d" % (name, attempt))
        victim = kill_one_task(engine, server, url, command.replace("{db}", url), sizes)
        code, counts, _ = status(budgetx, url, inputs)
        if victim is None or code != 0:
            break
        print("note %s: task %d ended before its kill; again on a fresh database" % (engine.NAME, victim))
    check(victim is not None, "%s: a task stored a document" % engine.NAME)
    if victim is None:
        return
    check(code == 1 and counts is not None and counts[1] > 0,
          "%s: task %d killed; budgetx status: %s stored, %s missing (exit %d)" %
          (engine.NAME, victim, *(counts or ("?", "?")), code))
    engine.wait(engine.submit(command.replace("{db}", url), TASKS, indexes=[victim], wait=False))
    code, counts, _ = status(budgetx, url, inputs)
    check(code == 0 and counts == (documents, 0),
          "%s: task %d resubmitted; budgetx status: %s stored, %s missing (exit %d)" %
          (engine.NAME, victim, *(counts or ("?", "?")), code))
    same_content(server, url, reference, "%s, after a task was killed and resubmitted" % engine.NAME)


def run_engine(engine, server, budgetx, inputs, reference, documents):
    url = server.create(re.sub(r"\W", "_", engine.NAME.lower()))
    command = "%s extract %s --shard $TASK/%d --db '%s' -j 1 -q 2>>%s/tasks.log" % (budgetx, inputs, TASKS, url, os.path.dirname(inputs))
    engine.wait(engine.submit(command, TASKS, wait=False))
    same_content(server, url, reference, "%s, %d tasks" % (engine.NAME, TASKS))
    shards = server.query(url, "SELECT DISTINCT shard FROM loads ORDER BY shard").split()
    check(shards == ["%d/%d" % (k, TASKS) for k in range(TASKS)], "%s: loads from shards %s" % (engine.NAME, shards))
    failed = int(server.query(url, "SELECT count(*) FROM documents WHERE status = 'failed'"))
    _, _, report = status(budgetx, url, inputs)
    hosts = re.findall(r"host \S+: (\d+) documents?.*shard((?: \d+/\d+)+)", report)
    check(sum(int(n) for n, _ in hosts) == documents and
          sorted(sum((s.split() for _, s in hosts), [])) == ["%d/%d" % (k, TASKS) for k in range(TASKS)] and
          re.search(r"overall: [\d.]+ documents/s", report) and "failed (%d)" % failed in report,
          "%s: budgetx status counts %d documents by host and shard, %d failed with causes" % (engine.NAME, documents, failed))
    loads = server.loads(url)
    engine.wait(engine.submit(command, TASKS, wait=False))
    check(server.loads(url) == loads, "%s: the array submitted again loads nothing" % engine.NAME)
    killed = re.sub(r"\W", "_", engine.NAME.lower()) + "_killed"
    sizes = [int(n) for n in server.query(url, "SELECT count(*) FROM loads GROUP BY shard ORDER BY shard").split()]
    killed_task(engine, server, killed, command.replace(url, "{db}"), budgetx, inputs, reference, documents, sizes)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--budgetx", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--engine", choices=("auto", "slurm", "parallel"), default="auto")
    args = parser.parse_args()
    budgetx, root = os.path.abspath(args.budgetx), os.path.abspath(args.root)
    with tempfile.TemporaryDirectory(prefix="budgetx-cluster-") as work:
        inputs = os.path.join(work, "in")
        files = make_inputs(root, inputs)
        check_shards(budgetx, inputs, work)
        server = Server(work)
        engines = []
        try:
            single = server.create("single")
            subprocess.run([budgetx, "extract", inputs, "--db", single, "-q"], capture_output=True)
            reference = server.content(single)
            documents = len(reference["documents"].splitlines())
            code, counts, _ = status(budgetx, single, inputs)
            check(code == 0 and counts == (documents, 0) and documents >= files - 1,
                  "one machine: %d documents of %d files; budgetx status: %s" % (documents, files, counts))
            if args.engine in ("auto", "slurm"):
                try:
                    engines.append(Slurm(work))
                except SlurmUnavailable as e:
                    check(args.engine == "auto", "Slurm: %s" % e)
                    print("note Slurm cannot run here (%s); GNU parallel only" % str(e).splitlines()[0])
            engines.append(Parallel(jobs=2))
            for engine in engines:
                run_engine(engine, server, budgetx, inputs, reference, documents)
        finally:
            for engine in engines:
                if isinstance(engine, Slurm):
                    engine.stop()
            server.stop()
    return finish()


if __name__ == "__main__":
    sys.exit(main())
