#!/usr/bin/python3
"""The review page in a real browser: headless Chromium opens review pages budgetx wrote and the
test asserts on their DOM.

  tests/review_browser.py --budgetx build/budgetx --root . [--artifacts DIR]

- a scanned sample (OCR, cells under a review threshold of 0.95, a finding): one box per cell
  with provenance, the panel's review list equal to the JSON's `review`, a finding's click
  highlighting exactly its evidence cells, the keyboard stepping through the list, the filter
  leaving only what needs a person;
- a text dump whose row names hold markup and whose 201 does not add up: every source line
  shown, one box per cell, the failed check's click highlighting exactly its target and parts,
  the markup shown as text and never run;
- a review written from the JSON alone gives the same boxes as one written while extracting.
Screenshots of both pages are kept in --artifacts (default: the build's test-artifacts/).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from checks import check, finish  # noqa: E402
from chromium import Chromium  # noqa: E402

MARKUP_DUMP = """上海市测试局2024年度部门决算
一般公共预算财政拨款支出决算表
单位：万元
科目编码\t科目名称\t决算数
201\t<script>window.injected = 1</script>一般公共服务支出\t100.00
20101\t人大事务<img src=x onerror="window.injected = 2">\t60.00
20102\t政协事务 &amp; <b>bold</b>\t30.00
\t合计\t100.00
"""



def review(budgetx, inputs, out, *flags):
    proc = subprocess.run([budgetx, "review", "-q", *flags, "-o", out] + inputs, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise AssertionError("budgetx review exit %d: %s" % (proc.returncode, proc.stderr))


def placed_cells(doc):
    """(table, row, column) of every cell the JSON gives a place: a box on a page or a line."""
    out = set()
    for t, table in enumerate(doc["tables"]):
        for r, row in enumerate(table["rows"]):
            for c, cell in enumerate(row["cells"]):
                p = cell.get("provenance", {})
                if p.get("page") and ("bbox" in p or p.get("line")):
                    out.add((t, r, c))
    return out


def ref(cell):
    return "%d:%d:%d" % (cell["table"], cell["row"], cell["column"])


def box_refs(page, selector):
    return page.evaluate("[...document.querySelectorAll(%s)].map(b => b.dataset.ref)" % json.dumps(selector))


def click_item(page, section, index):
    page.evaluate("document.querySelectorAll('#section-%s li.item')[%d].click()" % (section, index))
    return sorted(box_refs(page, ".box.hl"))


def set_filter(page, on):
    page.evaluate("(() => { const f = document.getElementById('needs-only'); f.checked = %s;"
                  "f.dispatchEvent(new Event('change')); })()" % ("true" if on else "false"))


def common_checks(page, doc, name):
    placed = placed_cells(doc)
    refs = box_refs(page, ".box")
    check(len(refs) == len(placed) and set(refs) == {"%d:%d:%d" % k for k in placed},
          "%s: %d boxes, one per cell with provenance (%d)" % (name, len(refs), len(placed)))
    labels = page.evaluate("[...document.querySelectorAll('#section-review li.item .label')].map(n => n.textContent)")
    check(labels == [e["text"] for e in doc["review"]],
          "%s: the review list is the JSON's review (%d entries)" % (name, len(doc["review"])))


def scanned(browser, budgetx, root, work, artifacts):
    sample = os.path.join(root, "samples/pdf/scan_small_print/scan_small_print.pdf")
    out = os.path.join(work, "scan")
    review(budgetx, [sample], out, "--review-below", "0.95")
    doc = json.load(open(os.path.join(out, "scan_small_print.json")))
    page = browser.open("file://" + os.path.join(out, "scan_small_print", "index.html"))
    common_checks(page, doc, "scan")
    check(len(doc["review"]) > 0, "scan: cells under 0.95 listed (%d)" % len(doc["review"]))
    images = page.evaluate("[...document.querySelectorAll('.page img')].map(i => i.getAttribute('src'))")
    check(images == ["page-%04d.webp" % n for n in range(1, doc["source"]["pages"] + 1)], "scan: one image per page")
    check(page.evaluate("document.querySelector('.page img').naturalWidth") > 0, "scan: the page image decodes")
    evidence = [ref(e["cell"]) for e in doc["findings"][0]["evidence"] if "cell" in e] if doc["findings"] else []
    if doc["findings"]:
        check(click_item(page, "findings", 0) == sorted(set(evidence) & set(box_refs(page, ".box"))),
              "scan: the finding's click highlights exactly its evidence cells (%d)" % len(evidence))
    visible_active = ("[...document.querySelectorAll('li.item')].filter(n => n.offsetParent)"
                      ".findIndex(n => n.classList.contains('active'))")
    page.evaluate("document.querySelectorAll('#section-review li.item')[0].click()")
    start = page.evaluate(visible_active)
    page.press("j")
    page.press("j")
    check(page.evaluate(visible_active) == start + 2, "scan: j, j selects the item two below the one clicked")
    page.press("k")
    check(page.evaluate(visible_active) == start + 1, "scan: k goes back one")
    check(page.evaluate("document.querySelectorAll('.box.hl').length") >= 1, "scan: the item's cells are highlighted")
    set_filter(page, True)
    shown = page.evaluate("[...document.querySelectorAll('li.item')].filter(n => n.offsetParent).length")
    needs = page.evaluate("document.querySelectorAll('li.item.needs').length")
    check(shown == needs and needs >= len(doc["review"]), "scan: the filter shows only the %d items that need a person" % needs)
    set_filter(page, False)
    page.evaluate("document.querySelector('#section-review li.item').click()")
    width = "document.querySelector('.page').getBoundingClientRect().width"
    fit = page.evaluate(width)
    page.press("+")
    page.press("+")
    check(abs(page.evaluate(width) - 2 * fit) < 2, "scan: + + zooms the page to twice its fitted width")
    page.screenshot(os.path.join(artifacts, "review-scan.png"))
    return doc


def text_dump(browser, budgetx, work, artifacts):
    dump = os.path.join(work, "markup.txt")
    with open(dump, "w", encoding="utf-8") as f:
        f.write(MARKUP_DUMP)
    out = os.path.join(work, "text")
    review(budgetx, [dump], out)
    doc = json.load(open(os.path.join(out, "markup.json")))
    page = browser.open("file://" + os.path.join(out, "markup", "index.html"))
    common_checks(page, doc, "text")
    lines = page.evaluate("document.querySelectorAll('.source .line').length")
    check(lines == MARKUP_DUMP.count("\n"), "text: every source line shown (%d)" % lines)
    failed = [c for c in doc["checks"] if c["result"] == "fail"]
    check(len(failed) == 1, "text: one failed check in the JSON")
    if failed:
        expected = sorted(ref(r) for r in [failed[0]["target"]] + failed[0]["parts"])
        got = click_item(page, "checks", 0)
        check(got == expected, "text: the failed check's click highlights exactly %s (got %s)" % (expected, got))
    names = page.evaluate("[...document.querySelectorAll('.box')].map(b => b.textContent)")
    check(any(n.startswith("<script>window.injected = 1</script>") for n in names), "text: <script> in a cell shown as text")
    check(any('<img src=x onerror="window.injected = 2">' in n for n in names), "text: <img onerror> shown as text")
    check(any("&amp; <b>bold</b>" in n for n in names), "text: entities and tags shown as written")
    check(page.evaluate("window.injected === undefined && document.querySelectorAll('#pages script, #pages img, #pages b').length === 0"),
          "text: no markup from the document ran or became an element")
    page.screenshot(os.path.join(artifacts, "review-text.png"))

    again = os.path.join(work, "from-json")
    review(budgetx, [os.path.join(out, "markup.json")], again)
    page = browser.open("file://" + os.path.join(again, "markup", "index.html"))
    check(sorted(box_refs(page, ".box")) == sorted("%d:%d:%d" % k for k in placed_cells(doc)),
          "text: the review written from the JSON has the same boxes")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--budgetx", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--artifacts")
    args = parser.parse_args()
    budgetx = os.path.abspath(args.budgetx)
    artifacts = os.path.abspath(args.artifacts or os.path.join(os.path.dirname(budgetx), "test-artifacts"))
    os.makedirs(artifacts, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="budgetx-review-") as work, Chromium() as browser:
        scanned(browser, budgetx, os.path.abspath(args.root), work, artifacts)
        text_dump(browser, budgetx, work, artifacts)
    print("screenshots in", artifacts)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
