"""The national template's labels, as the crate holds them (src/template/),
read from schema/template.json, for the fixture generators.

`schema/template.json` is written by the crate's tests
(`XXGK_WRITE_TEMPLATE_JSON=1 cargo test --lib template_json`): per edition
("2019", "2021") the sections, section 二's sub-tables (caption, columns,
rows), section 三's columns and rows (each with its group labels, outermost
first) and section 四's kinds of case and result columns. Each row or column
has its `key`, its `printed` label (full-width punctuation, as the template
prints it) and its `forms` (the normalized forms the parser reads, the
printed label's own first: half-width punctuation, as text tools leave it).

Usage (from a script in tools/):

    import template
    t = template.edition("2019")
    for part in t["active"]["parts"]: ...
"""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PATH = os.path.join(ROOT, "schema", "template.json")

with open(PATH, encoding="utf-8") as _f:
    TEMPLATE = json.load(_f)

EDITIONS = sorted(TEMPLATE["editions"])


def edition(name):
    """The template of an edition ("2019" or "2021")."""
    return TEMPLATE["editions"][name]


def normalized(entry):
    """The label of a row, column or group in its normalized form (half-width
    punctuation and digits)."""
    return entry["forms"][0]


def active_parts(name):
    """Section 二's sub-tables of an edition: (caption, [column entry], [row entry])."""
    return [(p["caption"], p["columns"], p["rows"]) for p in edition(name)["active"]["parts"]]


def application_rows(name):
    """Section 三's rows of an edition, in order: row entries with `groups`."""
    return edition(name)["applications"]["rows"]


def applicant_columns():
    """Section 三's columns (the same in both editions)."""
    return edition(EDITIONS[0])["applications"]["columns"]


def review():
    """Section 四 (the same in both editions): its rows (kinds of case, with
    their groups) and its result columns."""
    r = edition(EDITIONS[0])["review_litigation"]
    return r["rows"], r["columns"]


def applications_label(name, key):
    """The printed label of an applications header element: `note` or `header`."""
    return edition(name)["applications"][key]["printed"]


def heading(name, kind):
    """The printed heading of a section (`active_disclosure`, `problems` …)."""
    return next(s["printed"] for s in edition(name)["sections"] if s["kind"] == kind)
