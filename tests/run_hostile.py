#!/usr/bin/python3
"""Hostile PDFs, generated here, in one batch with a good sample: each ends within bounded time
and memory with a clear message, and the batch goes on.

  tests/run_hostile.py --budgetx build/budgetx --root . [--keep DIR]

- many_pages.pdf: 10,000 pages. The first --max-pages (5,000) are read; a warning says so.
- big_image.pdf: an A4 page holding one 20,000 x 20,000 grey image (400 million pixels).
- bomb.pdf: a page whose content stream inflates from about 1 MB to 1.1 GB of path operators
  (`0 0 m`): decoding stops at --max-page-content (256 MB); the page is not read, a warning says
  why.
- cycle.pdf: a page tree whose node lists itself among its kids, and a form that draws itself.
- huge_box.pdf: a page of 200 x 200 inches with no text layer (rendered coarser for OCR).
Then a 3 MB file beside a good one with --max-file-size 2: refused before it is read; and a
scanned page given 0.05 s (--page-timeout) by each recogniser: stopped, reported incomplete.
Prints each document's outcome, seconds and the batch's peak resident memory.
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import check, finish  # noqa: E402

# What each run may take on the test machine: seconds for the whole batch, MB for any worker.
MAX_SECONDS = 300
MAX_WORKER_MB = 2500
WORKER_MEMORY_MB = 2048  # --worker-memory for the batch



def pdf(objects):
    """A PDF of the object bodies given, numbered from 1; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(compressed, extra=b""):
    return b"<< /Length %d /Filter /FlateDecode %s >>\nstream\n" % (len(compressed), extra) + compressed + b"\nendstream"


def deflated(chunk, total):
    """`chunk` repeated to `total` bytes, compressed as it goes (never held whole)."""
    z = zlib.compressobj(9)
    block = chunk * ((1 << 20) // len(chunk))
    parts, n = [], 0
    while n < total:
        parts.append(z.compress(block))
        n += len(block)
    parts.append(z.flush())
    return b"".join(parts)


A4 = b"[0 0 595 842]"
TEXT = zlib.compress(b"BT /F1 12 Tf 72 760 Td (Table 1) Tj ET")
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def many_pages(count=10000):
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
               stream(TEXT), FONT]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
                % A4] * count
    return pdf(objects)


def big_image(side=20000):
    pixels = deflated(b"\xff" * 1000 + b"\x00" * 24, side * side)
    image = stream(pixels, b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                           b"/BitsPerComponent 8" % (side, side))
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Contents 4 0 R /Resources << /XObject << /Im 5 0 R >> >> >>" % A4,
                stream(zlib.compress(b"q 595 0 0 842 0 0 cm /Im Do Q")), image])


def bomb(total=1100 << 20):
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Contents 4 0 R >>" % A4,
                stream(deflated(b"0 0 m ", total))])


def cycle():
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Contents 4 0 R /Resources << /XObject << /F 5 0 R >> >> >>" % A4,
                stream(zlib.compress(b"/F Do")),
                stream(zlib.compress(b"/F Do"), b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] "
                                                b"/Resources << /XObject << /F 5 0 R >> >>")])


def huge_box():
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 4 0 R >>",
                stream(zlib.compress(b"0 g 100 100 14200 14200 re S"))])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--budgetx", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--keep", help="write the inputs and outputs here")
    args = parser.parse_args()
    work = args.keep or tempfile.mkdtemp(prefix="budgetx-hostile-")
    inputs, out = os.path.join(work, "in"), os.path.join(work, "out")
    shutil.rmtree(inputs, ignore_errors=True)
    os.makedirs(inputs)
    for name, make in (("many_pages", many_pages), ("big_image", big_image), ("bomb", bomb), ("cycle", cycle),
                       ("huge_box", huge_box)):
        with open(os.path.join(inputs, name + ".pdf"), "wb") as f:
            f.write(make())
    shutil.copy(os.path.join(args.root, "samples/pdf/ruled_two_pages/ruled_two_pages.pdf"), inputs)
    sizes = {n: os.path.getsize(os.path.join(inputs, n)) for n in sorted(os.listdir(inputs))}
    print("inputs: " + ", ".join("%s %d KB" % (n, s // 1024) for n, s in sizes.items()))

    start = time.time()
    proc = subprocess.run([args.budgetx, "extract", inputs, "-o", out, "--force", "-j", "2", "--worker-memory",
                           str(WORKER_MEMORY_MB), "--ocr-engine", "tesseract"], capture_output=True, text=True)
    seconds = time.time() - start
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(proc.stderr.strip())
    check(seconds < MAX_SECONDS, "the batch ended in %.0f s (bound %d s)" % (seconds, MAX_SECONDS))
    check(worker_mb < MAX_WORKER_MB, "peak resident memory of any process %.0f MB (bound %d MB)" % (worker_mb, MAX_WORKER_MB))
    check(proc.returncode == 2, "exit code 2: some inputs failed or are incomplete (got %d)" % proc.returncode)

    def doc(name):
        with open(os.path.join(out, name + ".json"), encoding="utf-8") as f:
            return json.load(f)

    def says(name, text):
        d = doc(name)
        messages = [w["message"] for w in d.get("warnings", [])] + [d.get("error", {}).get("message", "")]
        return any(text in m for m in messages)

    check(doc("ruled_two_pages")["summary"]["tables"] >= 1, "the good sample in the batch was read")
    check(says("many_pages", "the PDF has 10000 pages; only the first 5000 are read"), "many_pages: read to the page limit, said so")
    check(doc("many_pages")["source"]["pages"] == 5000, "many_pages: 5000 pages in its record")
    check(says("bomb", "the page's content inflates to more than 256 MB"), "bomb: stopped at 256 MB, said so")
    check(os.path.exists(os.path.join(out, "cycle.json")), "cycle: a record written")
    check(says("huge_box", "read at 50 dpi, not 300"), "huge_box: rendered coarser, said so")
    check(says("cycle", "no text layer"), "cycle: its pages read as far as they go")
    check(os.path.exists(os.path.join(out, "big_image.json")), "big_image: a record written")
    # A file over --max-file-size is refused before it is read; the batch goes on.
    big = os.path.join(work, "big")
    os.makedirs(big, exist_ok=True)
    with open(os.path.join(big, "padded.pdf"), "wb") as f:
        f.write(open(os.path.join(inputs, "ruled_two_pages.pdf"), "rb").read() + b"%" + b"x" * (3 << 20) + b"\n")
    shutil.copy(os.path.join(inputs, "ruled_two_pages.pdf"), big)
    refused = subprocess.run([args.budgetx, "extract", big, "-o", os.path.join(work, "big-out"), "--max-file-size", "2"],
                             capture_output=True, text=True)
    check(refused.returncode == 2 and "padded.pdf: the file is 3 MB, over the limit of 2 MB (--max-file-size)" in
          refused.stderr and "ruled_two_pages.pdf: " in refused.stderr,
          "a 3 MB file over --max-file-size 2 is refused, the other read")
    # A scanned page past --page-timeout: its reading stops, the document is incomplete, said so.
    scan = os.path.join(args.root, "samples/pdf/scan_ruled/scan_ruled.pdf")
    for engine in ("tesseract", "ppocr"):
        proc = subprocess.run([args.budgetx, "extract", scan, "-o", os.path.join(work, "late-" + engine), "--force",
                               "--page-timeout", "0.05", "--ocr-engine", engine], capture_output=True, text=True)
        if engine == "ppocr" and "PP-OCR is not installed" in proc.stderr:
            continue
        check(proc.returncode == 2 and "page 1: " in proc.stderr and "time limit" in proc.stderr and
              "(--page-timeout)" in proc.stderr, "%s: a page past --page-timeout 0.05 stops, incomplete, said so" % engine)
    for name in ("big_image", "bomb", "cycle", "huge_box"):
        d = doc(name)
        print("     %s: %s" % (name, d.get("error", {}).get("message") or "; ".join(w["message"] for w in d["warnings"][:3])))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
