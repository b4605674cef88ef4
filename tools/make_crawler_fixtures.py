#!/usr/bin/env python3
"""Writes tests/fixtures/crawler/: reports as crawlers that strip all markup and
white space leave them, every table row's cells run together (`行政许可3960181`).

Each report is rendered from a truth file of tests/fixtures/seeds/ or
tests/fixtures/written/ (organ, year, edition and every figure). The truth
written beside it keeps a figure only where a careful reader can split its row
with certainty; this script decides that by brute force, independently of the
crate: every cut of a run into the row's values (no leading zeros), the row
totals, and for section 三 every combination of the rows' cuts under the column
sums (outcome total, balance). A row left with more than one reading, or with
a blank cell (which leaves no trace in run-together text), is null.

Usage: python3 tools/make_crawler_fixtures.py   (from the repository root)
"""
import itertools, json, os, sys, unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import template  # the template's labels: schema/template.json

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "crawler")
SOURCES = ["tests/fixtures/seeds/001_1bf17e5d24045e7c", "tests/fixtures/seeds/002_6e2546a832e75983",
           "tests/fixtures/written/w2021_tabs", "tests/fixtures/written/w2019_indented",
           "tests/fixtures/written/w2021_web"]

def nfkc(text):
    """A printed label as text tools leave it: half-width punctuation."""
    return unicodedata.normalize("NFKC", text)


def row_labels(rows):
    """Section 三's rows as crawlers run them together: a group label (the
    merged cell) before the first row under it, then the row's label."""
    out, above = [], []
    for r in rows:
        groups = r["groups"]
        same = 0
        while same < min(len(groups), len(above)) and groups[same] == above[same]:
            same += 1
        out.append(("".join(nfkc(g) for g in groups[same:]) + template.normalized(r), r["key"]))
        above = groups
    return out


# the template's labels, in the normalized form (schema/template.json)
ACTIVE = {ed: [(template.normalized(r), r["key"], [c["key"] for c in cols])
               for _, cols, rows in template.active_parts(ed) for r in rows]
          for ed in template.EDITIONS}
HEAD = {ed: [template.normalized(template.edition(ed)["active"]["corner"])
             + "".join(template.normalized(c) for c in cols)
             for _, cols, _ in template.active_parts(ed)]
        for ed in template.EDITIONS}
ITEMS = {ed: [(nfkc(caption).removeprefix("第二十条第").removesuffix("项"), len(rows))
              for caption, _, rows in template.active_parts(ed)]
         for ed in template.EDITIONS}
_ROWS = {ed: row_labels(template.application_rows(ed)) for ed in template.EDITIONS}
_COMMON = set.intersection(*({k for _, k in rows} for rows in _ROWS.values()))
_FIRST_OWN = min(i for rows in _ROWS.values() for i, (_, k) in enumerate(rows) if k not in _COMMON)
APPS = _ROWS[template.EDITIONS[0]][:_FIRST_OWN]
OTHER = {ed: [(l, k) for l, k in rows if k not in _COMMON] for ed, rows in _ROWS.items()}
CLOSE = [(l, k) for l, k in _ROWS[template.EDITIONS[0]][_FIRST_OWN:] if k in _COMMON]
COLS = [c["key"] for c in template.applicant_columns()]
REVIEW = [r["key"] for r in template.review()[0]]
RCOLS = [c["key"] for c in template.review()[1]]


def applications_header():
    """Section 三's header rows run together: the note and 申请人情况, the
    columns and the group over five of them, the five."""
    ed = template.EDITIONS[0]
    columns = template.applicant_columns()
    first = []
    for c in columns:
        for label in (c["groups"][:1] or [c["printed"]]):
            if nfkc(label) not in first:
                first.append(nfkc(label))
    return [nfkc(template.applications_label(ed, "note")) + nfkc(template.applications_label(ed, "header")),
            "".join(first), "".join(template.normalized(c) for c in columns if c["groups"])]


def review_header():
    """Section 四's header rows run together: the kinds of case, the results
    and the kinds of litigation, then the results under them."""
    rows, results = template.review()
    cases = []
    for r in rows:
        label = nfkc((r["groups"] or [r["printed"]])[0])
        if label not in cases:
            cases.append(label)
    names = "".join(template.normalized(c) for c in results)
    kinds = "".join(template.normalized(r) for r in rows if r["groups"])
    return ["".join(cases), names + kinds, names * 2]


def heading(kind):
    return template.heading(template.EDITIONS[0], kind)

def written(v, kind):
    if v is None:
        return ""
    if kind == "change":
        return str(v) if v <= 0 else f"+{v}" if v else "0"
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v)


def number_ok(p, kind):
    body = p.lstrip("+-") if kind == "change" else p
    if kind != "change" and p[:1] in "+-":
        return False
    if kind == "change" and p[:1] == "+" and body == "0":
        return False
    if not body or body.count(".") > (1 if kind == "amount" else 0):
        return False
    if not body.replace(".", "").isdigit() or body.startswith(".") or body.endswith("."):
        return False
    int_part = body.split(".")[0]
    return not (len(int_part) > 1 and int_part.startswith("0"))


def value(p, kind):
    return float(p) if "." in p else int(p)


def cuts(run, kinds):
    if not kinds:
        return [[]] if run == "" else []
    out = []
    for i in range(1, len(run) + 1):
        p = run[:i]
        if number_ok(p, kinds[0]):
            for rest in cuts(run[i:], kinds[1:]):
                out.append([value(p, kinds[0])] + rest)
    return out


def kind_of(col):
    return "change" if col == "change" else "amount" if col == "amount" else "count"


def main():
    os.makedirs(OUT, exist_ok=True)
    for src in SOURCES:
        truth = json.load(open(os.path.join(ROOT, src + ".truth.json"), encoding="utf-8"))
        ed, cells = truth["edition"], truth["cells"]
        keep = dict(cells)
        lines = [f"{truth['organ']}{truth['year']}{template.TEMPLATE['title_tail']}", heading("overview"),
                 "本报告的数据统计期限自{0}年1月1日起至{0}年12月31日止。".format(truth["year"]),
                 heading("active_disclosure")]
        rows = iter(ACTIVE[ed])
        for (item, n), head in zip(ITEMS[ed], HEAD[ed]):
            lines += [f"第二十条第{item}项", head]
            for _ in range(n):
                label, key, cols = next(rows)
                vals = [cells[f"active.{key}.{c}"] for c in cols]
                kinds = [kind_of(c) for c in cols]
                run = "".join(written(v, k) for v, k in zip(vals, kinds))
                lines.append(label + run)
                if len(cuts(run, kinds)) != 1 or None in vals:
                    for c in cols:
                        keep[f"active.{key}.{c}"] = None
        lines += [heading("applications")] + applications_header()
        app_rows = APPS + OTHER[ed] + CLOSE
        options = {}
        for label, key in app_rows:
            vals = [cells[f"applications.{key}.{c}"] for c in COLS]
            run = "".join(written(v, "count") for v in vals)
            lines.append(label + run)
            opts = [c for c in cuts(run, ["count"] * 7) if sum(c[:6]) == c[6]] if None not in vals else []
            options[key] = opts
        # joint readings under the column sums
        keys = [k for _, k in app_rows]
        open_keys = [k for k in keys if len(options[k]) > 1]
        outcome = [k for k in keys if k not in ("new_requests", "carried_over", "outcome_total", "carried_forward")]
        choices = [options[k] for k in open_keys]
        size = 1
        for c in choices:
            size *= len(c)
        if size > 2_000_000:
            sys.exit(f"{src}: too many joint readings to check ({size})")
        agree = {k: None for k in open_keys}
        for combo in itertools.product(*choices):
            pick = {k: (options[k][0] if len(options[k]) == 1 else None) for k in keys}
            pick.update(dict(zip(open_keys, combo)))
            ok = True
            for c in range(7):
                def v(k):
                    return None if pick[k] is None else pick[k][c]
                terms = [v(k) for k in outcome] + [v("outcome_total")]
                if None not in terms and sum(terms[:-1]) != terms[-1]:
                    ok = False
                bal = [v("new_requests"), v("carried_over"), v("outcome_total"), v("carried_forward")]
                if None not in bal and bal[0] + bal[1] != bal[2] + bal[3]:
                    ok = False
            if ok:
                for k, cut in zip(open_keys, combo):
                    agree[k] = cut if agree[k] in (None, cut) else "many"
        for k in keys:
            unique = len(options[k]) == 1 or (k in agree and agree[k] not in (None, "many"))
            if not unique:
                for c in COLS:
                    keep[f"applications.{k}.{c}"] = None
        lines += [heading("review_litigation")] + review_header()
        vals = [cells[f"review_litigation.{r}.{c}"] for r in REVIEW for c in RCOLS]
        run = "".join(written(v, "count") for v in vals)
        lines.append(run)
        readings = [c for c in cuts(run, ["count"] * 15)
                    if all(sum(c[g * 5:g * 5 + 4]) == c[g * 5 + 4] for g in range(3))] if None not in vals else []
        if len(readings) != 1:
            for r in REVIEW:
                for c in RCOLS:
                    keep[f"review_litigation.{r}.{c}"] = None
        lines += [heading("problems"), "无。", heading("other_matters"), "无。", ""]
        name = "crawler_" + os.path.basename(src)
        with open(os.path.join(OUT, name + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        out = {k: truth[k] for k in ("edition", "year", "organ")}
        out.update(source=name + ".txt", layout="crawler text: every table row's cells run together",
                   complete=True, cells=keep)
        with open(os.path.join(OUT, name + ".truth.json"), "w", encoding="utf-8") as f:
            json.dump(out, f, ensure_ascii=False, indent=1)
            f.write("\n")
        blank = sum(1 for k in cells if cells[k] is not None and keep[k] is None)
        print(f"{name}: {blank} figures cannot be read with certainty")


if __name__ == "__main__":
    main()
