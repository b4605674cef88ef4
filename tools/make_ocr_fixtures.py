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
import make_crawler_fixtures as crawler  # the template's labels

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "ocr")
SOURCES = ["tests/fixtures/seeds/001_1bf17e5d24045e7c", "tests/fixtures/seeds/002_6e2546a832e75983",
           "tests/fixtures/written/w2019_tabs", "tests/fixtures/written/w2021_tabs",
           "tests/fixtures/written/w2021_web", "tests/fixtures/written/w2019_indented"]
HEADS = {"2019": [["本年新制作数量", "本年新公开数量", "对外公开总数量"], ["上一年项目数量", "本年增/减", "处理决定数量"],
                  ["上一年项目数量", "本年增/减", "处理决定数量"], ["上一年项目数量", "本年增/减"], ["采购项目数量", "采购总金额"]],
         "2021": [["本年制发件数", "本年废止件数", "现行有效件数"], ["本年处理决定数量"], ["本年处理决定数量"],
                  ["本年收费金额(单位:万元)"]]}


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
        lines = [f"# {truth['organ']}{year}年政府信息公开工作年度报告", "",
                 "## 一、总体情况", "",
                 f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。", "",
                 "## 二、主动公开政府信息情况", ""]
        rows = iter(crawler.ACTIVE[ed])
        for (item, n), head in zip(crawler.ITEMS[ed], HEADS[ed]):
            lines += [f"### 第二十条第{item}项", ""]
            body = []
            for _ in range(n):
                label, key, cols = next(rows)
                body.append([label] + [w(f"active.{key}.{c}", crawler.kind_of(c)) for c in cols])
            lines += table(["信息内容"] + head, body)
        lines += ["## 三、收到和处理政府信息公开申请情况", ""]
        lines += empty_table(2)
        lines += table(["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"], [])
        app = lambda label, key: [label] + [w(f"applications.{key}.{c}") for c in crawler.COLS]
        groups = [("一、本年新收政府信息公开申请数量", [("一、本年新收政府信息公开申请数量", "new_requests")]),
                  ("### 二、上年结转政府信息公开申请数量", [("", "carried_over")]),
                  ("### 三、本年度办理结果", [("(一)予以公开", "granted"),
                                        ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "partially_granted")])]
        deny = [("(三)不予公开", crawler.APPS[4:12]), ("(四)无法提供", crawler.APPS[12:15]),
                ("(五)不予处理", crawler.APPS[15:20])]
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
            lines += table(generic(7), [app("(六)其他处理", "other")])
        else:
            lines += ["### (六)其他处理", ""]
            lines += table(generic(7), [app(l[len("(六)其他处理"):] if l.startswith("(六)其他处理") else l, k)
                                        for l, k in other])
        lines += table(generic(7), [app("(七)总计", "outcome_total"),
                                    app("四、结转下年度继续办理", "carried_forward")])
        lines += ["## 四、政府信息公开行政复议、行政诉讼情况", ""]
        lines += empty_table(3)
        head = ["行政复议"] * 5 + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5
        sub = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3
        vals = [w(f"review_litigation.{r}.{c}") for r in crawler.REVIEW for c in crawler.RCOLS]
        lines += table(sub, [vals])
        lines += ["## 五、存在的主要问题及改进情况", "", "无。", "", "## 六、其他需要报告的事项", "", "无。", ""]
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
