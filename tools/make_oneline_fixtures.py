#!/usr/bin/env python3
"""Writes tests/fixtures/oneline/: reports as crawler exports leave them, the whole
text squeezed onto one line by exactly `' '.join(text.split())`, with and
without the metadata header such exports often put on lines of its own
before it (`标题: …`, `发布时间: …`, `==== 正文 ====`).

Sources are the fixtures with known truth: tests/fixtures/seeds/,
tests/fixtures/written/ (table cells apart: tab-, space-, pipe-separated or one
cell a line) and tests/fixtures/crawler/ (table cells run together,
`行政许可3960181`). For each source `X` it writes `oneline_X.txt` (the text
squeezed) and `oneline_X_header.txt` (the header's lines, then the text squeezed),
each with a truth file.

The truth keeps only figures a careful reader can still read:

- crawler sources keep the truth that tools/make_crawler_fixtures.py computed,
  by brute force independent of the crate, for their run-together rows (only
  uniquely decidable figures); squeezing the line breaks away loses nothing
  more, since each row's run stays between spaces;
- markdown tables keep their pipes when squeezed, and their separator rows
  (`|---|---|`) tell how many cells each row has, so the rows can be cut
  apart exactly, empty cells (`| |`) included: their truth is kept whole;
- in the other sources a blank cell leaves no trace once white space is
  squeezed (`行政许可\t\t60` becomes `行政许可 60`), so a table row with a
  blank cell is null as a whole.

Sources with other pipe-separated tables (written/w2021_pipes, _cellpipes:
`a | b |` rows or cells, no separator row) are not used: squeezed, an empty
cell cannot be told from a row's end, and the crate leaves such a line alone.

Usage: python3 tools/make_oneline_fixtures.py   (from the repository root)
"""
import json, os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import template  # the template's labels: schema/template.json

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "oneline")
FOLDERS = ["seeds", "written", "crawler"]
HEADER = "标题: {title}\n发布时间: 2023-01-18 09:30:12\n链接: https://www.example.gov.cn/xxgk/ndbg/{n}.html\n==== 正文 ===="


def squeeze(text):
    """The crawler's transformation, exactly."""
    return " ".join(text.split())


def row_of(key):
    """`applications.granted.total` -> `applications.granted`; section 四 is one row."""
    table, row, _ = key.split(".")
    return table if table == "review_litigation" else f"{table}.{row}"


def keeps_blanks(text):
    """Whether the source marks its table cells, blank ones too, with pipes."""
    rows = [l for l in text.splitlines() if "行政许可" in l or "予以公开" in l]
    return any("|" in l for l in rows)


def markdown(text):
    """Whether the source's tables are markdown tables with separator rows."""
    return any(re.fullmatch(r"\|(\s*:?-{3,}:?\s*\|)+", l.strip()) for l in text.splitlines())


def title_of(text, truth):
    for line in text.splitlines():
        line = line.strip()
        if "政府信息公开" in line and line.endswith("报告") and len(line) < 80:
            return line
    return f"{truth['organ']}{truth['year']}{template.TEMPLATE['title_tail']}"


def main():
    os.makedirs(OUT, exist_ok=True)
    for folder in FOLDERS:
        d = os.path.join(ROOT, "tests", "fixtures", folder)
        for name in sorted(os.listdir(d)):
            if not name.endswith(".truth.json"):
                continue
            stem = name[: -len(".truth.json")]
            src = os.path.join(d, stem + ".txt")
            if not os.path.exists(src):
                continue
            truth = json.load(open(os.path.join(d, name), encoding="utf-8"))
            text = open(src, encoding="utf-8").read()
            cells = dict(truth["cells"])
            if keeps_blanks(text) and not markdown(text):
                continue
            if folder != "crawler" and not markdown(text):
                blank_rows = {row_of(k) for k, v in cells.items() if v is None}
                for k in cells:
                    if row_of(k) in blank_rows:
                        cells[k] = None
            lost = sum(1 for k in cells if truth["cells"][k] is not None and cells[k] is None)
            base = stem if stem.startswith("crawler_") else f"{folder}_{stem}"
            for suffix, head in [("", ""), ("_header", HEADER)]:
                out = f"oneline_{base}{suffix}"
                body = squeeze(text) + "\n"
                if head:
                    body = head.format(title=title_of(text, truth), n=re.sub(r"\W", "", stem)) + "\n" + body
                with open(os.path.join(OUT, out + ".txt"), "w", encoding="utf-8") as f:
                    f.write(body)
                t = {k: truth[k] for k in ("edition", "year", "organ")}
                t.update(source=out + ".txt",
                         layout=f"{truth.get('layout', folder)}, squeezed onto one line"
                         + (" after a crawler's metadata header" if head else ""),
                         complete=truth.get("complete", True), cells=cells)
                with open(os.path.join(OUT, out + ".truth.json"), "w", encoding="utf-8") as f:
                    json.dump(t, f, ensure_ascii=False, indent=1)
                    f.write("\n")
            print(f"oneline_{base}: {lost} figures lost with the blanks' places")


if __name__ == "__main__":
    main()
