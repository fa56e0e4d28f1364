"""The scan self-check of `scripts/eval scans`: how much of a text PDF's reading budgetx gets back
from a scan of the same pages, with no truth file.

For each text PDF, the pages where budgetx finds table amounts (at most --pages of them, spread over
the document) are cut into a reference PDF and rendered as scans in each setting: grey, turned by
under a degree, paper noise, JPEG (the degraded setting: 150 dpi, more noise, JPEG 40). budgetx
reads the reference from its text layer and each scan by OCR; the scan's tables are compared with
the reference's by title, rows by key (code or name) in order, and amounts cell by cell. The figure
is the share of the reference's amounts the scan reproduces, exactly, in the same row and amount
column; titles count as identical when their text is the same.
"""
import difflib
import glob
import io
import json
import os
import random
import re
import shutil
import subprocess
import tempfile
import time

from PIL import Image, ImageChops, ImageFilter

# name: (dpi, JPEG quality, noise sigma in grey levels, blur radius)
SETTINGS = {
    "300": (300, 60, 6, 0),
    "200": (200, 60, 6, 0),
    "150-degraded": (150, 40, 10, 0.6),
}
MAX_SKEW_DEGREES = 0.8


def compact(s):
    return re.sub(r"\s+", "", s or "")


def amount_pages(doc_json):
    """Pages holding at least one table amount read from the text layer (OCR gives a confidence),
    in order."""
    pages = set()
    for t in doc_json.get("tables", []):
        for r in t.get("rows", []):
            for c in r.get("cells", []):
                where = c.get("provenance", {})
                if c.get("amount_fen") is not None and where.get("page") and "confidence" not in where:
                    pages.add(where["page"])
    return sorted(pages)


def spread(pages, n):
    """n of the pages, evenly spread (all when there are no more than n)."""
    if len(pages) <= n:
        return pages
    step = len(pages) / n
    return [pages[int(i * step)] for i in range(n)]


def degrade(image, setting, rng):
    """The page as a scanner might give it: turned, blurred (degraded setting), noisy, JPEG."""
    dpi, quality, sigma, blur = SETTINGS[setting]
    image = image.rotate(rng.uniform(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES), resample=Image.BICUBIC, fillcolor=255)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    noise = Image.effect_noise(image.size, sigma)  # grey noise around 128
    image = ImageChops.add(image, noise, scale=1.0, offset=-128)
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue()))


def run_budgetx(budgetx, inputs, out, jobs, rules=None):
    shutil.rmtree(out, ignore_errors=True)  # a stale reading must not stand in for a new one
    os.makedirs(out)
    extra = ["--rules", rules] if rules else []
    subprocess.run([budgetx, "extract", "-q", "--force", "-j", str(jobs), "-o", out] + extra + inputs, check=False)


def read_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def cut_pages(src, pages, out):
    subprocess.run(["qpdf", "--static-id", "--empty", "--pages", src, ",".join(map(str, pages)), "--", out], check=True)


def scan_pdf(reference, setting, out, seed):
    """The reference PDF's pages rendered in grey and degraded, as an image-only PDF."""
    dpi = SETTINGS[setting][0]
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-png", reference, os.path.join(tmp, "p")], check=True)
        pages = [degrade(Image.open(p).convert("L"), setting, rng) for p in sorted(glob.glob(os.path.join(tmp, "p*.png")))]
    fixed = time.strptime("2024-01-01", "%Y-%m-%d")
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:], creationDate=fixed,
                  modDate=fixed)


def row_key(row):
    return compact(row.get("code") or "") + "|" + compact(row.get("name") or "")


def amounts(row):
    return [c.get("amount_fen") for c in row.get("cells", []) if c.get("kind") == "amount"]


def paired_rows(ref_rows, scan_rows):
    """Rows of the two readings paired in order by key; a run of rows whose keys differ in both
    (a name misread) is paired row by row when the runs are as long."""
    a = [row_key(r) for r in ref_rows]
    b = [row_key(r) for r in scan_rows]
    pairs = []
    for op, i0, i1, j0, j1 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal" or (op == "replace" and i1 - i0 == j1 - j0):
            pairs += [(ref_rows[i0 + k], scan_rows[j0 + k]) for k in range(i1 - i0)]
    return pairs


def matched_tables(ref_tables, scan_tables):
    """(reference table, scan table or None, same title) for each reference table: the scan's table
    of the same title, else the one starting on the same page in the same order."""
    used = set()
    out = []
    for k, t in enumerate(ref_tables):
        title = compact(t.get("title"))
        found = next((j for j, s in enumerate(scan_tables) if j not in used and title and compact(s.get("title")) == title),
                     None)
        if found is None:
            page = (t.get("pages") or [0])[0]
            found = next((j for j, s in enumerate(scan_tables) if j not in used and (s.get("pages") or [0])[0] == page),
                         None)
        # An untitled table is identical to an untitled one on its page.
        same = found is not None and compact(scan_tables[found].get("title")) == title
        if found is not None:
            used.add(found)
        out.append((t, scan_tables[found] if found is not None else None, same))
    return out


def compare(ref, scan):
    """Counts of one document: reference amounts, those the scan reproduced, tables and titles."""
    n = {"amounts": 0, "reproduced": 0, "tables": 0, "titles": 0}
    for t, s, same in matched_tables(ref.get("tables", []), scan.get("tables", [])):
        ref_amounts = sum(1 for r in t.get("rows", []) for v in amounts(r) if v is not None)
        if ref_amounts == 0:
            continue
        n["tables"] += 1
        n["titles"] += same
        n["amounts"] += ref_amounts
        if s is None:
            continue
        for r, q in paired_rows(t.get("rows", []), s.get("rows", [])):
            got = amounts(q)
            n["reproduced"] += sum(1 for i, v in enumerate(amounts(r)) if v is not None and i < len(got) and got[i] == v)
    return n


def share(n):
    return 100.0 * n["reproduced"] / n["amounts"] if n["amounts"] else 100.0


def line(name, n):
    return "%-60s amounts %6d reproduced %6.2f%%  tables %4d titles identical %4d" % (
        name[-60:], n["amounts"], share(n), n["tables"], n["titles"])


def add(total, n):
    for k, v in n.items():
        total[k] = total.get(k, 0) + v


def run(budgetx, sources, out, settings, pages_per_doc, jobs, rules=None):
    """sources: [(folder label, text PDF)]. Prints per document, per folder and overall lines per
    setting; returns {setting: overall counts}."""
    # Each source under a name of its own: folders may hold files of the same name.
    names = ["%03d_%s" % (k, os.path.splitext(os.path.basename(pdf))[0]) for k, (_, pdf) in enumerate(sources)]
    linked = os.path.join(out, "src")
    os.makedirs(linked, exist_ok=True)
    for name, (_, pdf) in zip(names, sources):
        link = os.path.join(linked, name + ".pdf")
        if not os.path.lexists(link):
            os.symlink(os.path.abspath(pdf), link)
    text_dir = os.path.join(out, "text")
    run_budgetx(budgetx, [os.path.join(linked, n + ".pdf") for n in names], text_dir, jobs)
    refs = []
    for name, (folder, pdf) in zip(names, sources):
        pages = spread(amount_pages(read_json(os.path.join(text_dir, name + ".json"))), pages_per_doc)
        if not pages:
            continue
        ref = os.path.join(out, "ref", name + ".pdf")
        os.makedirs(os.path.dirname(ref), exist_ok=True)
        cut_pages(pdf, pages, ref)
        refs.append((folder, name, ref))
    run_budgetx(budgetx, [r for _, _, r in refs], os.path.join(out, "ref-out"), jobs)
    overall = {}
    for setting in settings:
        scans = []
        for seed, (folder, name, ref) in enumerate(refs):
            path = os.path.join(out, "scan-" + setting, name + ".pdf")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if not os.path.exists(path) or os.path.getmtime(path) < os.path.getmtime(ref):
                scan_pdf(ref, setting, path, seed)  # the same scan again: runs compare alike
            scans.append(path)
        run_budgetx(budgetx, scans, os.path.join(out, "scan-%s-out" % setting), jobs, rules)
        print("== scans at %s" % setting)
        folders, total = {}, {}
        for folder, name, _ in refs:
            n = compare(read_json(os.path.join(out, "ref-out", name + ".json")),
                        read_json(os.path.join(out, "scan-%s-out" % setting, name + ".json")))
            print(line(folder + "/" + name, n))
            add(folders.setdefault(folder, {}), n)
            add(total, n)
        for folder, n in sorted(folders.items()):
            print(line("FOLDER " + folder, n))
        print(line("OVERALL " + setting, total))
        overall[setting] = total
    return overall
