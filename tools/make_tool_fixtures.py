#!/usr/bin/env python3
"""Writes tests/fixtures/tools/: reports whose figures are known, as the text
tools people use print them.

Run from the repository root:

    python3 tools/make_tool_fixtures.py --install   # apt-get, pip and npm first
    python3 tools/make_tool_fixtures.py             # the tools already installed
    python3 tools/make_tool_fixtures.py --only html2text-debian   # one folder

`--install` runs `apt-get update` and installs the Debian packages w3m, lynx,
html2text, pandoc, poppler-utils, libreoffice-writer-nogui, chromium and
fonts-noto-cjk; the Python packages inscriptis and html2text (pip); and
puppeteer-core (npm, into ~/.cache/xxgk-tools/node, outside the repository).
Every run prints the version of each tool it used, and writes them to
tests/fixtures/tools/VERSIONS.

Sources (their truth carries over: the parser reads them exactly):

- `page_X`: tests/fixtures/html/X.html, pages written by
  tools/make_frontend_fixtures.py (a Word "save as web page" file, a portal
  page with navigation chrome).
- `render_X`: the report tests/fixtures/written/X.txt parsed and written as an
  HTML page by the crate's renderer (`cargo run --example render`), some cells
  emptied with `--blank` so that both editions have blank cells.
- `docx_X`: tests/fixtures/docx/X.docx, for the tools that read Word files.

Outputs, each `tests/fixtures/tools/<tool>/<source>.txt` (`.md` for markdown)
beside a copy of its truth (`<source>.truth.json`, which tools/score.py pairs
with it):

- w3m: `w3m -dump` (tables drawn with box characters);
- lynx, lynx-nolist: `lynx -dump`, and with `-nolist`;
- html2text-debian: Debian's `html2text`;
- html2text-python: the Python `html2text` (markdown);
- inscriptis: `inscriptis`;
- pandoc-plain, pandoc-markdown, pandoc-gfm: `pandoc -t plain|markdown|gfm`
  of the HTML pages and of the .docx files;
- chromium-innertext: `document.body.innerText` in headless Chromium
  (puppeteer-core);
- chromium-pdftotext, chromium-pdftotext-layout: Chromium's print to PDF,
  then `pdftotext` and `pdftotext -layout`;
- libreoffice-pdftotext, libreoffice-pdftotext-layout: LibreOffice's .docx to
  PDF, then `pdftotext` and `pdftotext -layout`.

The tools get the pages as UTF-8 (a page in GBK is re-encoded and its charset
declaration changed), since some of them do not read a page's declared charset.
Where a tool leaves no trace of a blank cell and no sum decides which one it
was, the folder's README says so and the truth keeps the cell blank: for
lynx and inscriptis, only where the tool prints the same text (but for the
white space that begins and ends its lines) for a twin page whose empty cell
moved among the figures of its row, the table's sums kept (`TWINS`).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import template  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "tests", "fixtures")
OUT = os.path.join(FIX, "tools")
NODE_DIR = os.path.join(os.path.expanduser("~"), ".cache", "xxgk-tools", "node")

APT = ["w3m", "lynx", "html2text", "pandoc", "poppler-utils",
       "libreoffice-writer-nogui", "chromium", "fonts-noto-cjk"]
PIP = ["inscriptis", "html2text"]
NPM = ["puppeteer-core"]

# every HTML page of tests/fixtures/html, by name, sorted
PAGES = sorted(n[: -len(".html")] for n in os.listdir(os.path.join(FIX, "html"))
               if n.endswith(".html"))
# reports rendered by the crate: (name, cells emptied before rendering). The
# emptied cells held 0 (a report leaving its zero cells empty, the sums still
# holding), but for one cell of section 二, which has no sums.
RENDERED = [
    ("w2019_web", ["active.penalty.change", "applications.granted.commercial_enterprise",
                   "applications.denied_inquiry.research_institution",
                   "applications.rejected_petition.other_org",
                   "review_litigation.litigation_direct.corrected"]),
    ("w2021_tabs", ["active.normative_documents.repealed",
                    "applications.partially_granted.research_institution",
                    "applications.rejected_publication.research_institution",
                    "applications.other_misc.other_org"]),
]
# every Word file of tests/fixtures/docx, by name, sorted
DOCX = sorted(n[: -len(".docx")] for n in os.listdir(os.path.join(FIX, "docx"))
              if n.endswith(".docx"))


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def install():
    run(["apt-get", "update"])
    run(["apt-get", "install", "-y", "--no-install-recommends"] + APT,
        env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    run([sys.executable, "-m", "pip", "install"] + PIP)
    os.makedirs(NODE_DIR, exist_ok=True)
    if not os.path.exists(os.path.join(NODE_DIR, "package.json")):
        run(["npm", "init", "-y"], cwd=NODE_DIR, stdout=subprocess.DEVNULL)
    run(["npm", "install"] + NPM, cwd=NODE_DIR)


def first_line(cmd, env=None):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=env)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    out = (r.stdout or r.stderr).strip().splitlines()
    return out[0].strip() if out else "?"


def versions(env):
    v = {
        "w3m": first_line(["w3m", "-version"]),
        "lynx": first_line(["lynx", "-version"]),
        "html2text (Debian)": first_line(["dpkg-query", "-W", "-f", "${Version}", "html2text"]),
        "html2text (Python)": first_line([sys.executable, "-c",
                                          "import html2text; print('.'.join(map(str, html2text.__version__)))"]),
        "inscriptis": first_line([sys.executable, "-c", "import inscriptis.metadata as m; print(m.__version__)"]),
        "pandoc": first_line(["pandoc", "--version"]),
        "pdftotext": first_line(["pdftotext", "-v"]),
        "LibreOffice": first_line(["soffice", "--version"]),
        "Chromium": first_line(["chromium", "--version"]),
        "puppeteer-core": first_line(["node", "-e", "console.log(require('puppeteer-core/package.json').version)"], env),
    }
    return v


def truth_of(path):
    return json.load(open(path, encoding="utf-8"))


def utf8_page(path):
    """The page as UTF-8 text, its charset declaration changed to match."""
    data = open(path, "rb").read()
    head = data[:2048].decode("ascii", "replace").lower()
    m = re.search(r"charset\s*=\s*[\"']?([a-z0-9_-]+)", head)
    charset = m.group(1) if m else "utf-8"
    if charset in ("gb2312", "gbk"):
        charset = "gb18030"
    text = data.decode(charset)
    text = re.sub(r"(charset\s*=\s*[\"']?)[A-Za-z0-9_-]+", r"\1utf-8", text, count=1, flags=re.I)
    if "<meta" not in text.lower():
        # a bare fragment: tell the browsers its encoding too
        text = '<meta charset="utf-8">\n' + text
    return text


def sources(tmp):
    """(name, html path in UTF-8, truth) for every HTML source."""
    out = []
    for name in PAGES:
        text = utf8_page(os.path.join(FIX, "html", name + ".html"))
        path = os.path.join(tmp, f"page_{name}.html")
        open(path, "w", encoding="utf-8").write(text)
        out.append((f"page_{name}", path, truth_of(os.path.join(FIX, "html", name + ".truth.json"))))
    run(["cargo", "build", "--quiet", "--release", "--example", "render"], cwd=ROOT)
    render = os.path.join(ROOT, "target", "release", "examples", "render")
    for name, blanks in RENDERED:
        truth = truth_of(os.path.join(FIX, "written", name + ".truth.json"))
        cmd = [render, "--layout", "html"]
        for key in blanks:
            assert key in truth["cells"], key
            truth["cells"][key] = None
            cmd += ["--blank", key]
        html = run(cmd + [os.path.join(FIX, "written", name + ".txt")],
                   capture_output=True).stdout
        path = os.path.join(tmp, f"render_{name}.html")
        open(path, "wb").write(html)
        truth["layout"] = "the crate's HTML rendering" + (
            f", cells emptied: {', '.join(blanks)}" if blanks else "")
        out.append((f"render_{name}", path, truth))
    return out


def only():
    """The one tool folder to write (`--only TOOL`), or None for all."""
    if "--only" in sys.argv:
        return sys.argv[sys.argv.index("--only") + 1]
    return None


def wanted(tool):
    return only() in (None, tool)


def write(tool, name, ext, text, truth, how):
    if not wanted(tool):
        return
    d = os.path.join(OUT, tool)
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, name + ext)
    if not text.endswith("\n"):
        text += "\n"
    open(path, "w", encoding="utf-8").write(text)
    t = dict(truth)
    t["source"] = os.path.basename(path)
    t["made_by"] = how
    with open(os.path.join(d, name + ".truth.json"), "w", encoding="utf-8") as f:
        json.dump(t, f, ensure_ascii=False, indent=1)
        f.write("\n")


TABLE_OF_SECTION = {"二": "active.", "三": "applications.", "四": "review_litigation."}


def without_lost_tables(text, truth):
    """The truth of a pandoc plain text: where pandoc wrote `[TABLE]` for a
    table it cannot draw (merged cells), none of that table's figures is in
    the text, so each is kept blank."""
    if "[TABLE]" not in text:
        return truth
    t = json.loads(json.dumps(truth))
    lost = []
    for m in re.finditer(r"\[TABLE\]", text):
        heads = re.findall(r"^\s*([二三四])、", text[: m.start()], flags=re.M)
        prefix = TABLE_OF_SECTION.get(heads[-1]) if heads else None
        if prefix:
            lost.append(prefix.rstrip("."))
            for k in t["cells"]:
                if k.startswith(prefix):
                    t["cells"][k] = None
    t["lost"] = "pandoc printed [TABLE] for: " + ", ".join(lost)
    return t


# Rows LibreOffice leaves out of its PDF: section 三 of w2021_markdown is one
# table row taller than a page (the merged 三、本年度办理结果 cell), and
# LibreOffice prints only its last rows. Each entry: the row's cells' key
# prefix and a piece of its label that must not be anywhere in section 三's text.
LOST_IN_LIBREOFFICE_PDF = {
    "w2021_markdown": [
        ("applications.new_requests.", "本年新收"), ("applications.carried_over.", "上年结转"),
        ("applications.granted.", "予以公开"), ("applications.partially_granted.", "部分公开"),
        ("applications.denied_state_secret.", "国家秘密"),
        ("applications.denied_prohibited_by_law.", "禁止公开"),
        ("applications.denied_security_stability.", "三安全"),
        ("applications.denied_third_party.", "第三方"),
        ("applications.denied_internal_affairs.", "内部事务"),
        ("applications.denied_process_info.", "过程性"),
        ("applications.denied_enforcement_file.", "执法案卷"),
        ("applications.denied_inquiry.", "查询事项"),
        ("applications.unavailable_not_held.", "不掌握"),
        ("applications.unavailable_needs_creation.", "另行制作"),
        ("applications.unavailable_unclear.", "仍不明确"),
        ("applications.rejected_petition.", "信访"),
        ("applications.rejected_duplicate.", "重复申请"),
        ("applications.rejected_publication.", "出版物"),
        ("applications.rejected_excessive.", "大量反复"),
        ("applications.rejected_confirmation.", "重新出具"),
        ("applications.other_no_correction.", "不补正"),
    ],
}


def without_lost_rows(name, text, truth):
    """The truth of LibreOffice's PDF text: the rows not printed are blank."""
    lost = LOST_IN_LIBREOFFICE_PDF.get(name)
    if not lost:
        return truth
    # the text of section 三, from its heading to section 四's
    compact = re.sub(r"\s+", "", text)
    compact = compact[compact.index("三、收到和处理"):compact.index("四、政府信息公开行政复议")]
    t = json.loads(json.dumps(truth))
    for prefix, label in lost:
        assert label not in compact, f"{name}: {label} is in the text"
        for k in t["cells"]:
            if k.startswith(prefix):
                t["cells"][k] = None
    t["lost"] = "rows not in LibreOffice's PDF: " + ", ".join(p.split(".")[1] for p, _ in lost)
    return t


# Cells a text tool may print no trace of: each entry is a row of a source
# (its label cell's text, or None for section 四's one data row), one of its
# empty cells, and the cells it is moved to to make a twin page (the figures
# between them shift by one cell, so the row's figures stay in their order).
# Where a tool prints the twin as it prints the page, no reader of that text
# can tell the two apart: the cells whose figures differ between them are
# lost in that tool's text, and its truth keeps them blank. A twin is used
# only when it keeps every sum the tables state (`sums_hold`), so the sums
# cannot tell them apart either.
TWINS = {
    "render_w2019_web": [
        ("行政处罚", "active.penalty.change",
         ["active.penalty.last_year", "active.penalty.decisions"]),
        ("8.属于行政查询事项", "applications.denied_inquiry.research_institution",
         ["applications.denied_inquiry.commercial_enterprise"]),
        ("1.信访举报投诉类申请", "applications.rejected_petition.other_org",
         ["applications.rejected_petition.legal_service_org"]),
        (None, "review_litigation.litigation_direct.corrected",
         ["review_litigation.litigation_direct." + c
          for c in ("upheld", "other", "pending", "total")]),
    ],
    "render_w2021_tabs": [
        ("行政规范性文件", "active.normative_documents.repealed",
         ["active.normative_documents.issued", "active.normative_documents.in_force"]),
    ],
}


def row_keys(truth, key):
    """The keys of the cells of `key`'s row, in the template's order (all of
    section 四 for its one data row)."""
    prefix = "review_litigation." if key.startswith("review_litigation.") else key.rsplit(".", 1)[0] + "."
    return [k for k in truth["cells"] if k.startswith(prefix)]


TD = re.compile(r"<td\b[^>]*>(.*?)</td>", re.S)


def twin(html, truth, label, empty, to):
    """The page and its cells' figures with the empty cell `empty` of the row
    moved to the place of `to`."""
    rows = list(re.finditer(r"<tr\b.*?</tr>", html, re.S))
    if label is None:
        after = html.rindex("复议后起诉")
        row = next(r for r in rows if r.start() > after and "结果维持" not in r.group(0))
    else:
        row = next(r for r in rows if re.search(r">\s*" + re.escape(label) + r"\s*<", r.group(0)))
    cells = list(TD.finditer(row.group(0)))
    keys = row_keys(truth, empty)
    # the row's figures are its last cells, in the template's order
    cells = cells[len(cells) - len(keys):]
    order = list(range(len(keys)))
    i, j = keys.index(empty), keys.index(to)
    order.insert(j, order.pop(i))
    text = row.group(0)
    out, last = [], 0
    for cell, source in zip(cells, order):
        out += [text[last:cell.start(1)], cells[source].group(1)]
        last = cell.end(1)
    text = "".join(out) + text[last:]
    figures = dict(truth["cells"])
    for k, source in zip(keys, order):
        figures[k] = truth["cells"][keys[source]]
    return html[:row.start()] + text + html[row.end():], figures


def sums_hold(cells):
    """True when every sum the tables state holds where all its terms are
    figures: section 三's row totals, outcome total and 一+二=三+四, section
    四's three groups (section 二 states none)."""
    def holds(parts, total):
        terms = [cells.get(k) for k in parts + [total]]
        return any(t is None for t in terms) or sum(terms[:-1]) == terms[-1]
    rows = []
    for k in cells:
        if k.startswith("applications.") and k.rsplit(".", 1)[0] not in rows:
            rows.append(k.rsplit(".", 1)[0])
    columns = [k.rsplit(".", 1)[1] for k in cells if k.startswith(rows[0] + ".")] if rows else []
    ok = all(holds([f"{r}.{c}" for c in columns[:-1]], f"{r}.{columns[-1]}") for r in rows)
    if rows:
        a = "applications."
        outcome = rows[rows.index(a + "carried_over") + 1:rows.index(a + "outcome_total")]
        for c in columns:
            ok &= holds([f"{r}.{c}" for r in outcome], f"{a}outcome_total.{c}")
            new, old = cells.get(f"{a}new_requests.{c}"), cells.get(f"{a}carried_over.{c}")
            done, left = cells.get(f"{a}outcome_total.{c}"), cells.get(f"{a}carried_forward.{c}")
            if None not in (new, old, done, left):
                ok &= new + old == done + left
    for g in ("reconsideration", "litigation_direct", "litigation_after_reconsideration"):
        g = "review_litigation." + g
        if g + ".total" in cells:
            ok &= holds([f"{g}.{c}" for c in ("upheld", "corrected", "other", "pending")],
                        g + ".total")
    return ok


def same_text(a, b):
    """True when two printed texts differ at most in the white space that
    begins and ends their lines: lynx indents a line of a table by widths
    it works out over the whole page, so moving an empty cell can change the
    indentation of a line rows away from it, which tells no reader which
    column any figure is in."""
    def lines(t):
        return [line.strip() for line in t.splitlines()]
    return lines(a) == lines(b)


def without_twin_cells(name, html_path, truth, tools):
    """The truth of each tool's text, the cells of `TWINS` it prints no
    trace of made blank. `tools` maps a tool to the function that prints a
    page file."""
    html = open(html_path, encoding="utf-8").read()
    out = {}
    for tool, dump in tools.items():
        t = json.loads(json.dumps(truth))
        printed = dump(html_path) if TWINS.get(name) else None
        lost = []
        for label, empty, targets in TWINS.get(name, []):
            assert truth["cells"][empty] is None, f"{name}: {empty} is not empty"
            for to in targets:
                page, figures = twin(html, truth, label, empty, to)
                assert sums_hold(figures), f"{name}: moving {empty} to {to} breaks a sum"
                with tempfile.NamedTemporaryFile("w", suffix=".html", encoding="utf-8",
                                                 delete=False) as f:
                    f.write(page)
                same = same_text(dump(f.name), printed)
                os.remove(f.name)
                if same:
                    for k, v in figures.items():
                        if v != truth["cells"][k] and truth["cells"][k] is not None \
                                and k not in lost:
                            t["cells"][k] = None
                            lost.append(k)
        if lost:
            t["lost"] = ("the tool prints the same text when an empty cell of their row "
                         "is moved among them: " + ", ".join(lost))
        out[tool] = t
    return out


# Section 二's parts, by the item of 第二十条 their caption names, and the
# printed labels of their rows in either edition, from the template
# (`tools/template.py`), for reading Debian html2text's tables.
def _active_parts():
    parts = {}
    for ed in template.EDITIONS:
        for caption, _, rows in template.active_parts(ed):
            item = re.search(r"第（(.+)）项", caption).group(1)
            part = parts.setdefault(item, {})
            for row in rows:
                labels = part.setdefault(row["key"], [])
                if row["printed"] not in labels:
                    labels.append(row["printed"])
    return {item: list(rows.items()) for item, rows in parts.items()}


ACTIVE_PARTS = _active_parts()
# a cell that holds a figure, a blank mark or nothing, once its `_` fill is off
CLEAN_CELL = re.compile(r"[+-]?\d+(\.\d+)?(万元|万|元|件|项|个|条|次)?|/|-|—|无|")


def without_written_over(text, truth):
    """The truth of Debian html2text's text: section 二 has no sums, so a
    figure whose cell html2text wrote over (the second line of a wrapped
    label written into the cells after it: `|14\ufffd\ufffd\ufffd|`, `|3罚___|`) has
    no certain reading there, and is kept blank. The cells are found in the
    text itself: under each `第二十条第（X）项` caption, a row whose first cell
    begins one of the part's labels (the next one in template order), its
    cells one per column of the truth's row; a row with another number of
    cells is left as it is."""
    t = json.loads(json.dumps(truth))
    start, end = text.find("二、主动公开"), text.find("三、收到和处理")
    if start < 0 or end < 0:
        return truth
    lost = []
    rows = []  # (part, cells) in order
    part = None
    for line in text[start:end].splitlines():
        cells = [c.strip().strip("_").strip() for c in line.strip().split("|")[1:-1]]
        m = re.search(r"第二十条第[（(]([一二三四五六七八九十]+)[)）]项", line)
        if m:
            part = m.group(1)
        elif part and cells:
            rows.append((part, cells))
    columns = {}
    for k in t["cells"]:
        if k.startswith("active."):
            _, row, column = k.split(".")
            columns.setdefault(row, []).append(column)
    taken = set()
    for part, cells in rows:
        label = cells[0].replace("\ufffd", "")
        row = next((key for key, labels in ACTIVE_PARTS.get(part, [])
                    if key not in taken and label
                    and any(l.startswith(label) for l in labels)), None)
        if row is None or row not in columns:
            continue
        taken.add(row)
        if len(cells) - 1 != len(columns[row]):
            continue
        for column, cell in zip(columns[row], cells[1:]):
            key = f"active.{row}.{column}"
            if not CLEAN_CELL.fullmatch(cell) and t["cells"][key] is not None:
                t["cells"][key] = None
                lost.append(key)
    if lost:
        t["lost"] = "section 二 cells html2text wrote over: " + ", ".join(lost)
    return t


def out_of(cmd, **kw):
    # Debian's html2text measures cells in bytes and cuts characters apart:
    # the broken bytes are kept as U+FFFD
    return run(cmd, capture_output=True, **kw).stdout.decode("utf-8", "replace")


CHROMIUM_JS = r"""
const puppeteer = require('puppeteer-core');
const [,, outdir, ...files] = process.argv;
const fs = require('fs'), path = require('path');
(async () => {
  const browser = await puppeteer.launch({executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu']});
  const page = await browser.newPage();
  await page.setViewport({width: 1280, height: 1024});
  for (const f of files) {
    await page.goto('file://' + f, {waitUntil: 'load'});
    const text = await page.evaluate(() => document.body.innerText);
    const base = path.join(outdir, path.basename(f, '.html'));
    fs.writeFileSync(base + '.innertext.txt', text);
    await page.pdf({path: base + '.pdf', format: 'A4', printBackground: false});
  }
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
"""


def main():
    if "--install" in sys.argv:
        install()
    env = dict(os.environ, NODE_PATH=os.path.join(NODE_DIR, "node_modules"))
    v = versions(env)
    for k, x in v.items():
        print(f"{k}: {x}")
    if os.path.isdir(OUT):
        for entry in os.listdir(OUT):
            if os.path.isdir(os.path.join(OUT, entry)) and wanted(entry):
                for n in os.listdir(os.path.join(OUT, entry)):
                    if n != "README.md":
                        os.remove(os.path.join(OUT, entry, n))
    os.makedirs(OUT, exist_ok=True)
    if only() is None:
        with open(os.path.join(OUT, "VERSIONS"), "w", encoding="utf-8") as f:
            for k, x in v.items():
                f.write(f"{k}: {x}\n")

    import html2text as h2t
    from inscriptis import get_text

    with tempfile.TemporaryDirectory() as tmp:
        srcs = sources(tmp)
        for name, path, truth in srcs:
            text = open(path, encoding="utf-8").read()
            write("w3m", name, ".txt",
                  out_of(["w3m", "-dump", "-cols", "120", "-T", "text/html", "-I", "UTF-8",
                          "-O", "UTF-8", path]), truth, "w3m -dump -cols 120")
            lynx = ["lynx", "-dump", "-width=120", "-assume_charset=utf-8",
                    "-display_charset=utf-8"]
            twinned = without_twin_cells(name, path, truth, {
                "lynx": lambda p: out_of(lynx + [p]),
                "lynx-nolist": lambda p: out_of(lynx + ["-nolist", p]),
                "inscriptis": lambda p: get_text(open(p, encoding="utf-8").read()),
            })
            write("lynx", name, ".txt", out_of(lynx + [path]), twinned["lynx"],
                  "lynx -dump -width=120")
            write("lynx-nolist", name, ".txt", out_of(lynx + ["-nolist", path]),
                  twinned["lynx-nolist"], "lynx -dump -nolist -width=120")
            out = out_of(["/usr/bin/html2text", "-utf8", "-width", "120", path])
            write("html2text-debian", name, ".txt", out, without_written_over(out, truth),
                  "html2text -utf8 -width 120 (Debian)")
            write("html2text-python", name, ".md", h2t.html2text(text), truth,
                  "html2text.html2text(page) (Python)")
            write("inscriptis", name, ".txt", get_text(text), twinned["inscriptis"],
                  "inscriptis.get_text(page)")
            for fmt in ("plain", "markdown", "gfm"):
                ext = ".txt" if fmt == "plain" else ".md"
                out = out_of(["pandoc", "-f", "html", "-t", fmt, path])
                write(f"pandoc-{fmt}", name, ext, out,
                      without_lost_tables(out, truth) if fmt == "plain" else truth,
                      f"pandoc -f html -t {fmt}")
        # the Word files, through pandoc
        for name in DOCX:
            docx = os.path.join(FIX, "docx", name + ".docx")
            truth = truth_of(os.path.join(FIX, "docx", name + ".truth.json"))
            for fmt in ("plain", "markdown", "gfm"):
                ext = ".txt" if fmt == "plain" else ".md"
                out = out_of(["pandoc", "-f", "docx", "-t", fmt, docx])
                write(f"pandoc-{fmt}", f"docx_{name}", ext, out,
                      without_lost_tables(out, truth) if fmt == "plain" else truth,
                      f"pandoc -f docx -t {fmt}")
        if not any(wanted(t) for t in ("chromium-innertext", "chromium-pdftotext",
                                       "chromium-pdftotext-layout", "libreoffice-pdftotext",
                                       "libreoffice-pdftotext-layout")):
            print(f"written: {OUT}/{only()}")
            return
        # Chromium: innerText and print to PDF
        js = os.path.join(tmp, "chromium.js")
        open(js, "w").write(CHROMIUM_JS)
        cdir = os.path.join(tmp, "chromium")
        os.makedirs(cdir)
        run(["node", js, cdir] + [p for _, p, _ in srcs], env=env)
        for name, path, truth in srcs:
            base = os.path.join(cdir, name)
            write("chromium-innertext", name, ".txt",
                  open(base + ".innertext.txt", encoding="utf-8").read(), truth,
                  "document.body.innerText, headless Chromium (puppeteer-core)")
            for tool, args in (("chromium-pdftotext", []), ("chromium-pdftotext-layout", ["-layout"])):
                write(tool, name, ".txt",
                      out_of(["pdftotext", "-enc", "UTF-8"] + args + [base + ".pdf", "-"]), truth,
                      "Chromium page.pdf (A4), then pdftotext " + " ".join(args))
        # LibreOffice: .docx to PDF
        ldir = os.path.join(tmp, "lo")
        os.makedirs(ldir)
        run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", ldir]
            + [os.path.join(FIX, "docx", n + ".docx") for n in DOCX], stdout=subprocess.DEVNULL)
        for name in DOCX:
            truth = truth_of(os.path.join(FIX, "docx", name + ".truth.json"))
            pdf = os.path.join(ldir, name + ".pdf")
            for tool, args in (("libreoffice-pdftotext", []),
                               ("libreoffice-pdftotext-layout", ["-layout"])):
                out = out_of(["pdftotext", "-enc", "UTF-8"] + args + [pdf, "-"])
                write(tool, f"docx_{name}", ".txt", out, without_lost_rows(name, out, truth),
                      "LibreOffice .docx to PDF, then pdftotext " + " ".join(args))
    print(f"written: {OUT}")


if __name__ == "__main__":
    main()
