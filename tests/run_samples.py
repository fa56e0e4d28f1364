#!/usr/bin/python3
"""Data-driven sample tests: every folder under samples/ is one case.

samples/<layout>/<case>/
  <case>.txt | <case>.pdf     the document (named after the case, so outputs never collide)
  expected.json               what the output must contain: objects match as subsets, lists
                              element by element and with the same length (so a table's rows
                              are all listed); three keys are not content: "$exit" the exit
                              code (default 0), "$warnings_include" substrings that must each
                              appear in some warning's message, "$options" flags to run with;
                              and/or
  expected_error.txt          first line: the exit code; further lines: substrings stderr must
                              contain (the file name and the cause); the output must then hold an
                              'error' record, or an error-severity warning when what was extracted
                              is kept (expected.json then says what was kept)
samples/rules/<case>/
  rules/*.yaml                a rule set that `budgetx rules check` must refuse
  expected_error.txt          as above (exit code, then substrings of stderr: file:line, cause)
Every output, success or error, must validate against schemas/document.schema.json. A scanned
case (a folder named scan_*) is run with each recogniser (--ocr-engine ppocr, tesseract).
Prints one line per case and closes with 'N passed, N failed'.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import jsonschema


def subset_errors(expected, actual, path="$"):
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return ["%s: expected an object, got %r" % (path, actual)]
        errs = []
        for k, v in expected.items():
            if k not in actual:
                errs.append("%s.%s: missing" % (path, k))
            else:
                errs += subset_errors(v, actual[k], "%s.%s" % (path, k))
        return errs
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            n = len(actual) if isinstance(actual, list) else "not a list"
            return ["%s: expected %d items, got %s" % (path, len(expected), n)]
        errs = []
        for i, (e, a) in enumerate(zip(expected, actual)):
            errs += subset_errors(e, a, "%s[%d]" % (path, i))
        return errs
    if expected != actual:
        return ["%s: expected %r, got %r" % (path, expected, actual)]
    return []


def find_cases(root):
    for dirpath, dirs, files in sorted(os.walk(os.path.join(root, "samples"))):
        if "rules" in dirs and "expected_error.txt" in files:
            yield dirpath, None
            continue
        inputs = [f for f in files if os.path.splitext(f)[0] == os.path.basename(dirpath)]
        if inputs and ("expected.json" in files or "expected_error.txt" in files):
            yield dirpath, os.path.join(dirpath, sorted(inputs)[0])


def expected_error_lines(case_dir):
    with open(os.path.join(case_dir, "expected_error.txt"), encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip()]


def stderr_errors(proc, lines):
    errs = []
    if proc.returncode != int(lines[0]):
        errs.append("exit code %d, expected %s" % (proc.returncode, lines[0]))
    for needle in lines[1:]:
        if needle not in proc.stderr:
            errs.append("stderr lacks %r: %s" % (needle, proc.stderr.strip()))
    return errs


def run_rules_case(budgetx, case_dir):
    proc = subprocess.run([budgetx, "rules", "check", os.path.join(case_dir, "rules")],
                          capture_output=True, text=True, timeout=60)
    return stderr_errors(proc, expected_error_lines(case_dir))


def run_case(budgetx, root, validator, case_dir, input_path):
    """A scanned case (scan_*) must come out as expected from each recogniser."""
    if input_path is None:
        return run_rules_case(budgetx, case_dir)
    options = case_options(case_dir)
    if not os.path.basename(case_dir).startswith("scan_"):
        return run_extract_case(budgetx, root, validator, case_dir, input_path, options)
    errs = []
    for engine in ("ppocr", "tesseract"):
        errs += ["%s: %s" % (engine, e) for e in
                 run_extract_case(budgetx, root, validator, case_dir, input_path, options + ["--ocr-engine", engine])]
    return errs


def case_options(case_dir):
    """The flags a case runs with: expected.json's "$options" (a list), if any."""
    path = os.path.join(case_dir, "expected.json")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return json.load(f).get("$options", [])


def run_extract_case(budgetx, root, validator, case_dir, input_path, options):
    with tempfile.TemporaryDirectory() as out:
        proc = subprocess.run([budgetx, "extract", input_path, "-o", out, "-q",
                               "--rules", os.path.join(root, "rules")] + options,
                              capture_output=True, text=True, timeout=300)
        name = os.path.splitext(os.path.basename(input_path))[0] + ".json"
        produced = os.path.join(out, name)
        if not os.path.exists(produced):
            return ["no output file (exit %d): %s" % (proc.returncode, proc.stderr.strip())]
        with open(produced, encoding="utf-8") as f:
            doc = json.load(f)
    errs = ["schema: %s at %s" % (e.message[:200], "/".join(map(str, e.path)))
            for e in validator.iter_errors(doc)][:5]
    if os.path.exists(os.path.join(case_dir, "expected_error.txt")):
        errs += stderr_errors(proc, expected_error_lines(case_dir))
        incomplete = any(w.get("severity") == "error" for w in doc.get("warnings", []))
        if "error" not in doc and not incomplete:
            errs.append("output has neither an 'error' record nor an error-severity warning")
    expected_path = os.path.join(case_dir, "expected.json")
    expected = {}
    if os.path.exists(expected_path):
        with open(expected_path, encoding="utf-8") as f:
            expected = json.load(f)
    exit_code = expected.pop("$exit", 0)
    expected.pop("$options", None)
    if not os.path.exists(os.path.join(case_dir, "expected_error.txt")) and proc.returncode != exit_code:
        errs.append("exit code %d, expected %d: %s" % (proc.returncode, exit_code, proc.stderr.strip()))
    messages = [w.get("message", "") for w in doc.get("warnings", [])]
    for needle in expected.pop("$warnings_include", []):
        if not any(needle in m for m in messages):
            errs.append("no warning says %r (warnings: %s)" % (needle, messages))
    return errs + subset_errors(expected, doc)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--budgetx", required=True)
    ap.add_argument("--root", required=True)
    a = ap.parse_args()
    with open(os.path.join(a.root, "schemas", "document.schema.json"), encoding="utf-8") as f:
        validator = jsonschema.Draft202012Validator(json.load(f))
    passed = failed = 0
    for case_dir, input_path in find_cases(a.root):
        errs = run_case(a.budgetx, a.root, validator, case_dir, input_path)
        rel = os.path.relpath(case_dir, a.root)
        if errs:
            failed += 1
            print("FAIL %s" % rel)
            for e in errs[:10]:
                print("     %s" % e)
        else:
            passed += 1
            print("ok   %s" % rel)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
