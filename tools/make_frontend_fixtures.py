#!/usr/bin/env python3
"""Writes the front-end fixtures: every seed and written report as GB18030 text,
as a Word-exported HTML page, as a .docx, and as pdftotext output of a PDF made
from the .docx.

Run from the repository root:

    python3 tools/make_frontend_fixtures.py            # gb18030, html, docx, pdftext
    python3 tools/make_frontend_fixtures.py --no-pdf   # without the PDF step

Sources: tests/fixtures/seeds/*.txt and tests/fixtures/written/*.txt, each with
its X.truth.json. Outputs (each beside a copy of its truth file, which
tools/score.py pairs with it):

- tests/fixtures/gb18030/X.txt: the text, byte for byte, encoded in GB18030.
- tests/fixtures/html/X.html: the report as a page. The prose (title,
  section 一, sections 五 and 六) comes from the text; the three tables are
  built from the truth's cells with the template's labels and the template's
  merged cells (rowspan/colspan as in SH19 and Word exports). Five page styles
  take turns, see STYLES below: a Word "save as web page" file in GBK with
  `http-equiv` charset, a UTF-8 portal page with navigation chrome and the
  SH19-like misaligned colspans in section 二, a GB2312 portal page with
  `<meta charset="gb2312">`, a layout table around the article and section 三
  split into two tables at a page break, a bare UTF-8 fragment, and an old
  upper-case GBK page.
- tests/fixtures/docx/X.docx: the same report through python-docx, the
  merged cells as gridSpan and vMerge (pip install python-docx).
- tests/fixtures/pdftext/X_layout.txt and X_raw.txt: `pdftotext -layout` and
  plain `pdftotext` of a PDF that LibreOffice makes from X.docx (Debian
  packages libreoffice-writer-nogui and poppler-utils). Only the seeds and two
  written reports, to keep the folder small.

Blank cells (null in the truth) are written in several ways: empty, `&nbsp;`,
`<o:p>&nbsp;</o:p>` and `/`. The output is deterministic (the .docx zip
entries get a fixed date).
"""

import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import template  # the template's labels: schema/template.json  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "tests", "fixtures")
SOURCES = ["seeds", "written"]

# ---------------------------------------------------------------------------
# The template's tables, as rows of (text, colspan, rowspan) cells; a cell
# value is ("key", cell-key) and is filled from the truth.
# ---------------------------------------------------------------------------

# the template's labels, as printed (schema/template.json)
ACTIVE = {
    ed: [(caption,
          [template.edition(ed)["active"]["corner"]["printed"]] + [c["printed"] for c in cols],
          [(r["printed"], r["key"], [c["key"] for c in cols]) for r in rows])
         for caption, cols, rows in template.active_parts(ed)]
    for ed in template.EDITIONS
}

APP_COLS = [c["key"] for c in template.applicant_columns()]

NOTE = template.applications_label(template.EDITIONS[0], "note")


def outcomes(edition):
    """The outcome rows of section 三 (those under 三、本年度办理结果), in runs
    under one sub-group: (sub-group label or None, [(row label, key)])."""
    out = []
    for r in template.application_rows(edition):
        if not r["groups"]:
            continue
        group = r["groups"][1] if len(r["groups"]) > 1 else None
        if not out or out[-1][0] != group:
            out.append((group, []))
        out[-1][1].append((r["printed"], r["key"]))
    return out


# the rows of section 三 outside the outcomes: before them and after them
_ROWS = template.application_rows(template.EDITIONS[0])
_FIRST = next(i for i, r in enumerate(_ROWS) if r["groups"])
LEADING = [(r["printed"], r["key"]) for r in _ROWS[:_FIRST]]
TRAILING = [(r["printed"], r["key"]) for r in _ROWS[_FIRST:] if not r["groups"]]
RESULT = _ROWS[_FIRST]["groups"][0]
OTHER = next(r["printed"] for r in _ROWS if r["key"] == "other")

REVIEW_ROWS = [r["key"] for r in template.review()[0]]
REVIEW_COLS = [c["key"] for c in template.review()[1]]
REVIEW_LABELS = [c["printed"] for c in template.review()[1]]

def C(text, cs=1, rs=1, value=None):
    """A cell: text (or a value key), colspan, rowspan."""
    return {"text": text, "cs": cs, "rs": rs, "key": value}


def V(key, cs=1):
    return C(None, cs, 1, key)


def active_table(edition, misaligned):
    """Section 二 as rows of cells. `misaligned`: an 8-column grid whose rows
    split it differently (the label of 行政许可 spans 3 grid columns and its
    first value 1), as Word exports of SH19 show."""
    rows = []
    for caption, header, data in ACTIVE[edition]:
        n = len(header) - 1
        if misaligned:
            rows.append([C(caption, 8)])
            if n == 3:
                rows.append([C(h, 2) for h in header])
            elif n == 2:
                rows.append([C(header[0], 2), C(header[1], 3), C(header[2], 3)])
            else:
                rows.append([C(header[0], 2), C(header[1], 6)])
            for label, row, cols in data:
                keys = [f"active.{row}.{c}" for c in cols]
                if n == 3 and row in ("licensing", "other_services"):
                    rows.append([C(label, 3), V(keys[0], 1), V(keys[1], 2), V(keys[2], 2)])
                elif n == 3:
                    rows.append([C(label, 2)] + [V(k, 2) for k in keys])
                elif n == 2:
                    rows.append([C(label, 2), V(keys[0], 3), V(keys[1], 3)])
                else:
                    rows.append([C(label, 2), V(keys[0], 6)])
        else:
            rows.append([C(caption, 4)])
            if n == 3:
                rows.append([C(h) for h in header])
            elif n == 2:
                rows.append([C(header[0]), C(header[1]), C(header[2], 2)])
            else:
                rows.append([C(header[0]), C(header[1], 3)])
            for label, row, cols in data:
                keys = [f"active.{row}.{c}" for c in cols]
                if n == 3:
                    rows.append([C(label)] + [V(k) for k in keys])
                elif n == 2:
                    rows.append([C(label), V(keys[0]), V(keys[1], 2)])
                else:
                    rows.append([C(label), V(keys[0], 3)])
    return rows


def applications_table(edition, wrap):
    """Section 三: the three header rows with their merges, then the rows."""
    w = (lambda a, b: a + "\n" + b) if wrap else (lambda a, b: a + b)
    columns = template.applicant_columns()
    organisations = [c for c in columns if c["groups"]]
    # a kind's label wrapped at its middle, as a narrow cell wraps it
    kinds = [C(w(c["printed"][:len(c["printed"]) // 2], c["printed"][len(c["printed"]) // 2:])
               if len(c["printed"]) > 2 else c["printed"]) for c in organisations]
    rows = [
        [C(NOTE, 3, 3), C(template.applications_label(template.EDITIONS[0], "header"), len(columns))],
        [C(columns[0]["printed"], 1, 2), C(organisations[0]["groups"][0], len(organisations)),
         C(columns[-1]["printed"], 1, 2)],
        kinds,
    ]

    def vals(key):
        return [V(f"applications.{key}.{c}") for c in APP_COLS]

    for label, key in LEADING:
        rows.append([C(label, 3)] + vals(key))
    groups = outcomes(edition)
    outcome_rows = sum(len(rows_) for _, rows_ in groups)
    first = True
    for group, sub in groups:
        for i, (label, key) in enumerate(sub):
            row = []
            if first:
                row.append(C(RESULT, 1, outcome_rows))
                first = False
            if group is None:
                row.append(C(label, 2))
            else:
                if i == 0:
                    row.append(C(group, 1, len(sub)))
                row.append(C(label))
            rows.append(row + vals(key))
    for label, key in TRAILING:
        rows.append([C(label, 3)] + vals(key))
    return rows


def review_table():
    cases, _ = template.review()
    heads = []
    for r in cases:
        label = (r["groups"] or [r["printed"]])[0]
        if label not in [h for h, _ in heads]:
            heads.append((label, 0))
        heads = [(h, n + len(REVIEW_LABELS) if h == label else n) for h, n in heads]
    kinds = [r["printed"] for r in cases if r["groups"]]
    rows = [
        [C(h, n) for h, n in heads],
        [C(l, 1, 2) for l in REVIEW_LABELS] + [C(k, len(REVIEW_LABELS)) for k in kinds],
        [C(l) for l in REVIEW_LABELS] * 2,
        [V(f"review_litigation.{r}.{c}") for r in REVIEW_ROWS for c in REVIEW_COLS],
    ]
    return rows


# ---------------------------------------------------------------------------
# The text of a report: prose before section 二, the headings, the prose of
# sections 五 and 六.
# ---------------------------------------------------------------------------

HEADINGS = [("二、", "主动公开"), ("三、", "申请"), ("四、", "复议"), ("五、", "")]


def split_report(text):
    lines = [l.strip().strip("\u3000").strip() for l in text.split("\n")]
    at = []
    start = 0
    for mark, word in HEADINGS:
        for i in range(start, len(lines)):
            if lines[i].startswith(mark) and word in lines[i] and "\t" not in lines[i] \
                    and "|" not in lines[i]:
                at.append(i)
                start = i + 1
                break
        else:
            raise SystemExit(f"heading {mark}{word} not found")
    keep = lambda ls: [l for l in ls if l]
    return {
        "before": keep(lines[: at[0]]),
        "headings": [lines[i] for i in at[:3]],
        "after": keep(lines[at[3]:]),
    }


def is_title(line):
    return "政府信息公开" in line and "报告" in line and len(line) < 80


def fmt(value, key, style):
    """The text of a cell value."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    s = str(value)
    if style == "word" and key == "active.procurement.amount":
        s += "万元"
    return s


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------

BLANKS = ["", "&nbsp;", "<o:p>&nbsp;</o:p>", "/"]


def esc(s):
    return html.escape(s, quote=False)


class Html:
    def __init__(self, style, truth, serial):
        self.style = style
        self.truth = truth
        self.blank = serial  # which blank form comes next
        self.upper = style == "old"

    def t(self, name):
        return name.upper() if self.upper else name

    def blank_text(self):
        b = BLANKS[self.blank % len(BLANKS)]
        self.blank += 1
        return b

    def cell_html(self, cell, header):
        if cell["key"] is not None:
            v = fmt(self.truth["cells"][cell["key"]], cell["key"], self.style)
            inner = self.blank_text() if v is None else esc(v)
        else:
            parts = cell["text"].split("\n")
            inner = "<br>".join(esc(p) for p in parts)
        attrs = ""
        if cell["cs"] > 1:
            attrs += f" colspan={cell['cs']}" if self.style in ("word", "old") else f' colspan="{cell["cs"]}"'
        if cell["rs"] > 1:
            attrs += f" rowspan={cell['rs']}" if self.style in ("word", "old") else f' rowspan="{cell["rs"]}"'
        if self.style == "word":
            return (f"<td{attrs} valign=top style='border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'>"
                    f"<p class=MsoNormal align=center style='text-align:center'><span style='font-size:10.5pt;"
                    f"font-family:仿宋_GB2312'>{inner}<o:p></o:p></span></p></td>")
        tag = self.t("th" if header and self.style == "fragment" else "td")
        return f"<{tag}{attrs}>{inner}</{tag}>"

    def table(self, rows, header_rows=0):
        out = []
        if self.style == "word":
            out.append("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 "
                       "style='border-collapse:collapse;mso-table-layout-alt:fixed'>")
        elif self.style == "fragment":
            out.append('<table border="1">')
        else:
            out.append(f"<{self.t('table')} border=1 cellspacing=0 cellpadding=4 width=\"100%\">")
        if self.style == "fragment" and header_rows:
            out.append("<thead>")
        for i, row in enumerate(rows):
            if self.style == "fragment" and header_rows and i == header_rows:
                out.append("</thead><tbody>")
            cells = "".join(self.cell_html(c, i < header_rows) for c in row)
            if self.style == "old":
                out.append(f"<TR>{cells}")  # no end tags: tag soup
            else:
                out.append(f"<{self.t('tr')}>{cells}</{self.t('tr')}>")
        if self.style == "fragment" and header_rows:
            out.append("</tbody>")
        if self.style == "word":
            width = max(sum(c["cs"] for c in r) for r in rows)
            out.append("<![if !supportMisalignedColumns]><tr height=0>"
                       + "<td width=40 style='border:none'></td>" * width + "</tr><![endif]>")
        out.append(f"</{self.t('table')}>")
        return "\n".join(out)

    def para(self, text, kind="p"):
        text = esc(text)
        if self.style == "word":
            if kind == "title":
                return f"<p class=MsoTitle align=center style='text-align:center'><b><span style='font-size:22.0pt;font-family:方正小标宋简体'>{text}</span></b><o:p></o:p></p>"
            if kind == "heading":
                return f"<p class=MsoNormal style='text-indent:32.0pt'><b><span style='font-family:黑体'>{text}</span></b><span lang=EN-US><o:p></o:p></span></p>"
            return f"<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'><span style='font-family:仿宋_GB2312'>{text}</span><span lang=EN-US><o:p></o:p></span></p>"
        if kind == "title":
            return f"<{self.t('h1')}>{text}</{self.t('h1')}>" if self.style != "portal_gbk" else f'<div class="title">{text}</div>'
        if kind == "heading":
            return f"<{self.t('p')}><{self.t('b')}>{text}</{self.t('b')}></{self.t('p')}>"
        if self.style == "old":
            return f"<P>{text}"  # no end tag
        return f"<p>{text}</p>"


def body_html(h, parts, edition):
    out = []
    for line in parts["before"]:
        out.append(h.para(line, "title" if is_title(line) else "p"))
    misaligned = h.style in ("portal", "old")
    out.append(h.para(parts["headings"][0], "heading"))
    out.append(h.table(active_table(edition, misaligned)))
    out.append(h.para(parts["headings"][1], "heading"))
    app = applications_table(edition, wrap=h.style in ("word", "portal_gbk"))
    if h.style == "portal_gbk":
        # split at a page break after the （五） rows, the merged label column
        # continuing as an empty cell
        cut = next(i for i, r in enumerate(app) if r[0]["text"] == OTHER)
        first, second = app[:cut], app[cut:]
        first = [[dict(c, rs=min(c["rs"], len(first) - i)) for c in r] for i, r in enumerate(first)]
        second = [list(r) for r in second]
        carry = len(second) - 1
        second[0] = [C("", 1, carry)] + second[0]
        out.append(h.table(first, 3))
        out.append("<p class=MsoNormal>&nbsp;</p>\n<br clear=all style='page-break-before:always'>")
        out.append(h.table(second))
    else:
        out.append(h.table(app, 3))
    out.append(h.para(parts["headings"][2], "heading"))
    out.append(h.table(review_table(), 3))
    for line in parts["after"]:
        kind = "heading" if line[:2] in ("五、", "六、") else "p"
        out.append(h.para(line, kind))
    return "\n".join(out)


NAV = """<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zfxxgk/">政府信息公开</a></li><li><a href="/zfxxgk/ndbg/">政府信息公开工作年度报告</a></li>
<li><a href="/hdjl/">互动交流</a></li></ul></div>"""
CRUMB = """<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a> &gt; 政府信息公开工作年度报告</div>"""
FOOTER = """<div class="footer"><p>主办单位：某某县人民政府办公室　承办单位：某某县政务服务数据管理局</p>
<p>网站标识码：6201000001　备案号：陇ICP备12000000号-1　政府信息公开工作年度报告 2020年</p></div>"""
SCRIPT = """<script type="text/javascript">var _hmt = _hmt || []; if (a < b && c > d) { document.write("<div>二、主动公开政府信息情况</div>"); }</script>"""
STYLE = """<style type="text/css">.article td { border: 1px solid #000; } p.MsoNormal { margin: 0; }</style>"""


def page(style, title, body, charset):
    if style == "word":
        return f"""<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset={charset}">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<title>{esc(title)}</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>admin</o:Author>
 </o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{mso-style-parent:"";
	margin:0cm;
	font-size:10.5pt;}}
-->
</style>
</head>

<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>

<div class=WordSection1 style='layout-grid:15.6pt'>

{body}

</div>

</body>

</html>
"""
    if style == "portal":
        return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}_某某县人民政府</title>
{STYLE}
{SCRIPT}
</head>
<body>
<div class="header"><div class="logo">某某县人民政府</div><form class="search"><input type="text" name="q"><button>搜索</button></form></div>
{NAV}
{CRUMB}
<div class="main">
<div class="article">
<div class="info">发布时间：2021-01-20 10:30　来源：某某县人民政府办公室　浏览次数：<span id="hits">128</span></div>
<div class="article-content">
{body}
</div>
<div class="share">分享到：微信 微博</div>
</div>
</div>
{FOOTER}
<script src="/js/stat.js"></script>
</body>
</html>
"""
    if style == "portal_gbk":
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="{charset}" />
<title>{esc(title)}</title>
{STYLE}
</head>
<body>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td class="banner"><img src="/images/banner.jpg" /></td></tr>
<tr><td>{NAV}</td></tr>
<tr><td>
<table width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><td width="200" valign="top" class="sidebar"><ul><li>政府信息公开指南</li><li>政府信息公开制度</li><li>政府信息公开年报</li></ul></td>
<td valign="top" class="content">
{CRUMB}
{body}
</td></tr></table>
</td></tr>
<tr><td class="footer">{FOOTER}</td></tr>
</table>
</body>
</html>
"""
    if style == "old":
        return f"""<HTML>
<HEAD>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset={charset}">
<TITLE>{esc(title)}</TITLE>
<SCRIPT LANGUAGE="JavaScript">function a(){{ return 1 < 2; }}</SCRIPT>
</HEAD>
<BODY BGCOLOR=#FFFFFF>
<CENTER><FONT SIZE=2>{CRUMB}</FONT></CENTER>
{body}
<HR>
<FONT SIZE=2>版权所有：某某镇人民政府</FONT>
</BODY>
</HTML>
"""
    # a bare fragment, as copied out of a page
    return body + "\n"


STYLES = [
    ("word", "gbk"),
    ("portal", "utf-8"),
    ("portal_gbk", "gb2312"),
    ("fragment", "utf-8"),
    ("old", "gbk"),
]


def encode(text, charset):
    if charset == "utf-8":
        return text.encode("utf-8"), charset
    try:
        return text.encode("gbk"), charset
    except UnicodeEncodeError:
        # a char outside GBK: declare GB18030
        return text.replace(f"charset={charset}", "charset=gb18030").encode("gb18030"), "gb18030"


# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------

def grid(rows):
    """Places rows of cells in a grid as HTML does: [(r, c, cell)], width."""
    busy = {}
    placed = []
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in busy:
                c += 1
            for dr in range(cell["rs"]):
                for dc in range(cell["cs"]):
                    busy[(r + dr, c + dc)] = True
            placed.append((r, c, cell))
            c += cell["cs"]
            width = max(width, c)
    return placed, width


def docx_table(doc, rows, truth):
    from docx.shared import Pt
    placed, width = grid(rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, c, cell in placed:
        if cell["rs"] > 1 or cell["cs"] > 1:
            table.cell(r, c).merge(table.cell(min(r + cell["rs"], len(rows)) - 1, c + cell["cs"] - 1))
    for r, c, cell in placed:
        target = table.cell(r, c)
        if cell["key"] is not None:
            v = fmt(truth["cells"][cell["key"]], cell["key"], "docx")
            text = "" if v is None else v
        else:
            text = cell["text"]
        lines = text.split("\n")
        target.text = lines[0]
        for more in lines[1:]:
            target.add_paragraph(more)
        for p in target.paragraphs:
            for run in p.runs:
                run.font.size = Pt(9)


def make_docx(path, parts, edition, truth):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt
    import datetime
    d = docx.Document()
    d.core_properties.author = "xxgk fixtures"
    d.core_properties.created = datetime.datetime(2021, 1, 20)
    d.core_properties.modified = datetime.datetime(2021, 1, 20)
    d.core_properties.last_modified_by = "xxgk fixtures"
    for line in parts["before"]:
        p = d.add_paragraph()
        run = p.add_run(line)
        if is_title(line):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = True
            run.font.size = Pt(18)
    d.add_paragraph().add_run(parts["headings"][0]).bold = True
    docx_table(d, active_table(edition, misaligned=True), truth)
    d.add_paragraph().add_run(parts["headings"][1]).bold = True
    docx_table(d, applications_table(edition, wrap=True), truth)
    d.add_paragraph().add_run(parts["headings"][2]).bold = True
    docx_table(d, review_table(), truth)
    for line in parts["after"]:
        run = d.add_paragraph().add_run(line)
        run.bold = line[:2] in ("五、", "六、")
    tmp = path + ".tmp"
    d.save(tmp)
    # rewrite the zip with fixed dates, so that the file is the same every run
    with zipfile.ZipFile(tmp) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2021, 1, 20, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(fixed, zin.read(info.filename))
    os.remove(tmp)


# ---------------------------------------------------------------------------

def write_truth(truth, path, source):
    t = dict(truth)
    t["made_from"] = t.get("source")
    t["source"] = os.path.basename(source)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(t, f, ensure_ascii=False, indent=1)
        f.write("\n")


def reports():
    for folder in SOURCES:
        d = os.path.join(FIX, folder)
        for name in sorted(os.listdir(d)):
            if name.endswith(".txt") and os.path.exists(os.path.join(d, name[:-4] + ".truth.json")):
                yield os.path.join(d, name)


def out_dir(name):
    d = os.path.join(FIX, name)
    os.makedirs(d, exist_ok=True)
    return d


def main():
    with_pdf = "--no-pdf" not in sys.argv
    pdf_names = []
    for i, src in enumerate(reports()):
        stem = os.path.basename(src)[:-4]
        truth = json.load(open(src[:-4] + ".truth.json", encoding="utf-8"))
        text = open(src, encoding="utf-8").read()
        edition = truth["edition"]
        # GB18030 text
        gb = os.path.join(out_dir("gb18030"), stem + ".txt")
        with open(gb, "wb") as f:
            f.write(text.encode("gb18030"))
        write_truth(truth, os.path.join(out_dir("gb18030"), stem + ".truth.json"), gb)
        # HTML
        parts = split_report(text)
        style, charset = STYLES[i % len(STYLES)]
        h = Html(style, truth, i)
        title = next((l for l in parts["before"] if is_title(l)), "政府信息公开工作年度报告")
        doc = page(style, title, body_html(h, parts, edition), charset)
        data, _ = encode(doc, charset)
        path = os.path.join(out_dir("html"), stem + ".html")
        with open(path, "wb") as f:
            f.write(data)
        write_truth(truth, os.path.join(out_dir("html"), stem + ".truth.json"), path)
        # DOCX
        path = os.path.join(out_dir("docx"), stem + ".docx")
        make_docx(path, parts, edition, truth)
        write_truth(truth, os.path.join(out_dir("docx"), stem + ".truth.json"), path)
        if "seeds" in src or stem in ("w2019_tabs", "w2021_tabs"):
            pdf_names.append((stem, truth))
    if with_pdf:
        make_pdftext(pdf_names)


def make_pdftext(names):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftotext"):
        print("soffice or pdftotext missing: pdftext fixtures not made", file=sys.stderr)
        return
    out = out_dir("pdftext")
    with tempfile.TemporaryDirectory() as tmp:
        docs = [os.path.join(FIX, "docx", stem + ".docx") for stem, _ in names]
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp] + docs,
                       check=True, stdout=subprocess.DEVNULL)
        for stem, truth in names:
            pdf = os.path.join(tmp, stem + ".pdf")
            for kind, args in (("layout", ["-layout"]), ("raw", [])):
                path = os.path.join(out, f"{stem}_{kind}.txt")
                subprocess.run(["pdftotext", "-enc", "UTF-8"] + args + [pdf, path], check=True)
                write_truth(truth, os.path.join(out, f"{stem}_{kind}.truth.json"), path)


if __name__ == "__main__":
    main()
