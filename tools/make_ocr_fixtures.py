#!/usr/bin/env python3
"""Writes tests/fixtures/ocr/: reports as OCR tools that turn scanned or
image-only PDFs into markdown print them. No OCR tool runs here: the files are
generated from truth files, in the shape such tools give:

- each group of table rows is its own small pipe table, under generic headers
  (`| 类别 | 数据1 | … | 数据6 | 总计 |`) instead of the template's;
- a group label that stood alone in the table becomes a `###` heading
  (`### 二、上年结转政府信息公开申请数量`, `### 三、本年度办理结果`);
- the merged cells above a table come out as an empty table (`| - | - |`).

Each report is rendered from a truth file of tests/fixtures/seeds/ or
tests/fixtures/written/ (organ, year, edition and every figure), with the row
labels of tools/make_crawler_fixtures.py. Every cell keeps its pipe, a blank
one as an empty cell, so the truth is kept whole.

Usage: python3 tools/make_ocr_fixtures.py   (from the repository root)
"""
import json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_crawler_fixtures as crawler  # the template's labels, as crawlers run them together
import template  # the template's labels: schema/template.json

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "ocr")
SOURCES = ["tests/fixtures/seeds/001_1bf17e5d24045e7c", "tests/fixtures/seeds/002_6e2546a832e75983",
           "tests/fixtures/written/w2019_tabs", "tests/fixtures/written/w2021_tabs",
           "tests/fixtures/written/w2021_web", "tests/fixtures/written/w2019_indented"]
HEADS = {ed: [[template.normalized(c) for c in cols] for _, cols, _ in template.active_parts(ed)]
         for ed in template.EDITIONS}
CORNER = template.normalized(template.edition(template.EDITIONS[0])["active"]["corner"])


def heading(kind):
    return template.heading(template.EDITIONS[0], kind)


def label_of(key):
    """A row of section 三 as crawler text writes it (its groups before it)."""
    return next(l for l, k in crawler.APPS + crawler.CLOSE + sum(crawler.OTHER.values(), []) if k == key)


def group_of(key, level):
    """The normalized group label of a row of section 三 at a level."""
    for ed in template.EDITIONS:
        for r in template.application_rows(ed):
            if r["key"] == key:
                return crawler.nfkc(r["groups"][level])

def table(header, rows):
    width = len(header)
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * width]
    for r in rows:
        r = list(r) + [""] * (width - len(r))
        out.append("| " + " | ".join(r) + " |")
    return out + [""]


def empty_table(width):
    return ["| " + " | ".join(["-"] * width) + " |", "|" + "---|" * width, ""]


def generic(n):
    return ["类别"] + [f"数据{i}" for i in range(1, n)] + ["总计"]


def main():
    os.makedirs(OUT, exist_ok=True)
    for src in SOURCES:
        truth = json.load(open(os.path.join(ROOT, src + ".truth.json"), encoding="utf-8"))
        ed, cells, year = truth["edition"], truth["cells"], truth["year"]
        w = lambda key, kind="count": crawler.written(cells[key], kind)
        lines = [f"# {truth['organ']}{year}{template.TEMPLATE['title_tail']}", "",
                 f"## {heading('overview')}", "",
                 f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。", "",
                 f"## {heading('active_disclosure')}", ""]
        rows = iter(crawler.ACTIVE[ed])
        for (item, n), head in zip(crawler.ITEMS[ed], HEADS[ed]):
            lines += [f"### 第二十条第{item}项", ""]
            body = []
            for _ in range(n):
                label, key, cols = next(rows)
                body.append([label] + [w(f"active.{key}.{c}", crawler.kind_of(c)) for c in cols])
            lines += table([CORNER] + head, body)
        lines += [f"## {heading('applications')}", ""]
        lines += empty_table(2)
        columns = [template.normalized(c) for c in template.applicant_columns()]
        lines += table([crawler.nfkc(template.applications_label(ed, "header"))] + columns, [])
        app = lambda label, key: [label] + [w(f"applications.{key}.{c}") for c in crawler.COLS]
        result = group_of("granted", 0)
        groups = [(label_of("new_requests"), [(label_of("new_requests"), "new_requests")]),
                  ("### " + label_of("carried_over"), [("", "carried_over")]),
                  ("### " + result, [(label_of("granted")[len(result):], "granted"),
                                     (label_of("partially_granted"), "partially_granted")])]
        deny = [(group_of("denied_state_secret", 1), crawler.APPS[4:12]),
                (group_of("unavailable_not_held", 1), crawler.APPS[12:15]),
                (group_of("rejected_petition", 1), crawler.APPS[15:20])]
        for title, rs in groups:
            if title.startswith("###"):
                lines += [title, ""]
                if rs[0][0] == "":
                    rs = [(title[4:], rs[0][1])]
            lines += table(generic(7), [app(l, k) for l, k in rs])
        for group, rs in deny:
            lines += [f"### {group}", ""]
            labels = [(l[len(group):] if l.startswith(group) else l, k) for l, k in rs]
            lines += table(generic(7), [app(l, k) for l, k in labels])
        other = crawler.OTHER[ed]
        if ed == "2019":
            lines += table(generic(7), [app(label_of("other"), "other")])
        else:
            group = group_of("other_misc", 1)
            lines += [f"### {group}", ""]
            lines += table(generic(7), [app(l[len(group):] if l.startswith(group) else l, k)
                                        for l, k in other])
        lines += table(generic(7), [app(label_of("outcome_total"), "outcome_total"),
                                    app(label_of("carried_forward"), "carried_forward")])
        lines += [f"## {heading('review_litigation')}", ""]
        lines += empty_table(3)
        review_rows, results = template.review()
        sub = [template.normalized(c) for c in results] * len(review_rows)
        vals = [w(f"review_litigation.{r}.{c}") for r in crawler.REVIEW for c in crawler.RCOLS]
        lines += table(sub, [vals])
        lines += [f"## {heading('problems')}", "", "无。", "", f"## {heading('other_matters')}", "", "无。", ""]
        name = "ocr_" + os.path.basename(src)
        with open(os.path.join(OUT, name + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        out = {k: truth[k] for k in ("edition", "year", "organ")}
        out.update(source=name + ".txt", layout="OCR markdown: a small pipe table per row group, generic headers, "
                   "group labels as ### headings, empty tables for merged cells", complete=True, cells=cells)
        with open(os.path.join(OUT, name + ".truth.json"), "w", encoding="utf-8") as f:
            json.dump(out, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print(name)


if __name__ == "__main__":
    main()
