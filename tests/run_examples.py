#!/usr/bin/python3
"""Every example of `budgetx --help` and of the README runs, as written, in a sandbox folder.

  tests/run_examples.py --budgetx build/budgetx --root .

The sandbox holds what the examples name: samples/ and rules/ (the project's), downloads/ (three
samples), report.txt, budget.pdf (the sample encrypted with the password "secret"), scan.pdf
(a scanned sample), build/budgetx and `budgetx` on PATH. The one change made to a command: the
PostgreSQL URL of the help (postgresql://loader@dbhost/budgets) points at a throwaway server
started for the test. An example passes when it exits 0 (audit: 0 or 1, its exit code for
error-level findings), writes files into the folder it gives with -o, and, where the README
shows its output, prints that output (timings aside).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish  # noqa: E402
from run_batch import Postgres  # noqa: E402

HELP_DB_URL = "postgresql://loader@dbhost/budgets"


def help_examples(budgetx):
    text = subprocess.run([budgetx, "--help"], capture_output=True, text=True, check=True).stdout
    block = text.split("Examples:\n", 1)[1].split("\n\n", 1)[0]
    commands = []
    for line in block.splitlines():
        command, _, aside = line.strip().partition("  (")
        commands.append((command.strip(), None))
        # "(… : budgetx audit out/*.json)" names a second way to run it
        for alternative in re.findall(r":\s*(budgetx [^;)]+)", aside):
            commands.append((alternative.strip(), None))
    return commands


def readme_examples(root):
    """(command, shown output or None) for each command line of the README's code blocks."""
    blocks = re.findall(r"```\n(.*?)```", open(os.path.join(root, "README.md"), encoding="utf-8").read(), re.S)
    commands = []
    for block in blocks:
        lines = block.splitlines()
        i = 0
        while i < len(lines):
            line = lines[i]
            i += 1
            shown = line.startswith("$ ")
            command = line[2:] if shown else line
            if not re.match(r"(build/)?budgetx |sqlite3 ", command) or re.search(r"FILE|\.\.\.|\[[A-Z]", command):
                continue  # the usage synopsis, set-up scripts and sample output are not examples
            while i < len(lines) and lines[i].startswith("      "):  # a command continued
                command += " " + lines[i].strip()
                i += 1
            output = []
            while i < len(lines) and not re.match(r"(\$ )?(build/)?budgetx |sqlite3 ", lines[i]):
                output.append(lines[i])
                i += 1
            command = re.sub(r"\s+#.*$", "", command)
            commands.append((command, output if shown else None))
    return commands


def make_sandbox(work, root, budgetx):
    for name in ("samples", "rules"):
        os.symlink(os.path.join(root, name), os.path.join(work, name))
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads)
    for sample in ("text/dept_budget_spaces/dept_budget_spaces.txt", "text/final_account_sums/final_account_sums.txt",
                   "pdf/ruled_two_pages/ruled_two_pages.pdf"):
        shutil.copy(os.path.join(root, "samples", sample), downloads)
    shutil.copy(os.path.join(root, "samples/text/dept_budget_spaces/dept_budget_spaces.txt"), os.path.join(work, "report.txt"))
    shutil.copy(os.path.join(root, "samples/pdf/encrypted/encrypted.pdf"), os.path.join(work, "budget.pdf"))
    shutil.copy(os.path.join(root, "samples/pdf/scan_ruled/scan_ruled.pdf"), os.path.join(work, "scan.pdf"))
    os.makedirs(os.path.join(work, "build"))
    os.symlink(budgetx, os.path.join(work, "build", "budgetx"))
    return dict(os.environ, PATH=os.path.join(work, "build") + os.pathsep + os.environ["PATH"])


def out_dir(command):
    match = re.search(r"-o (\S+)", command)
    return match.group(1) if match and match.group(1) != "-" else None


def run(command, shown, work, env):
    proc = subprocess.run(command, shell=True, cwd=work, env=env, capture_output=True, text=True, timeout=300)
    allowed = (0, 1) if command.startswith("budgetx audit") else (0,)
    ok = proc.returncode in allowed
    folder = out_dir(command)
    if ok and folder:
        ok = os.path.isdir(os.path.join(work, folder)) and bool(os.listdir(os.path.join(work, folder)))
    if ok and shown:
        timing = lambda s: re.sub(r"\(\d+\.\d s\)", "(… s)", s).strip()
        printed = (proc.stdout + proc.stderr).strip().splitlines()
        ok = [timing(line) for line in printed] == [timing(line) for line in shown if line.strip()]
    check(ok, "%s (exit %d)" % (command, proc.returncode))
    if not ok:
        print("    " + (proc.stdout + proc.stderr)[-1500:].replace("\n", "\n    "))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--budgetx", required=True)
    parser.add_argument("--root", required=True)
    args = parser.parse_args()
    budgetx, root = os.path.abspath(args.budgetx), os.path.abspath(args.root)
    sources = {"--help": help_examples(budgetx), "README": readme_examples(root)}
    for name, examples in sources.items():
        check(len(examples) >= 6, "%d examples in %s" % (len(examples), name))
    # The server's folder is a sibling of the sandboxes: its account must be able to reach it.
    with tempfile.TemporaryDirectory(prefix="budgetx-examples-pg-") as pg_work:
        server = Postgres(pg_work)
        try:
            for examples in sources.values():  # each source in a fresh sandbox, in its order
                with tempfile.TemporaryDirectory(prefix="budgetx-examples-") as work:
                    env = make_sandbox(work, root, budgetx)
                    for command, shown in examples:
                        run(command.replace(HELP_DB_URL, "'%s'" % server.url), shown, work, env)
        finally:
            server.stop()
    return finish()


if __name__ == "__main__":
    sys.exit(main())
