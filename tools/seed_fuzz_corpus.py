#!/usr/bin/env python3
"""Seeds the corpora of the fuzz targets in fuzz/ with the report fixtures.

    python3 tools/seed_fuzz_corpus.py

- fuzz/corpus/parse/: every text (.txt, any encoding), HTML and .docx
  fixture under tests/fixtures/, and the inputs in tests/regressions/. A .docx
  is repacked with only the parts the crate reads, so that it fits in the
  16 KiB the fuzz runs allow (-max_len=16384; libFuzzer cuts longer inputs).
- fuzz/corpus/bytes/: the seeds of `parse` behind the byte 0 (read as
  they are), and the word/document.xml of every .docx fixture behind the
  byte 1 (wrapped in a .docx by the target); the bytes 2 and 3 make the
  target build HTML and .docx tables from what follows, which libFuzzer
  finds from these.
- fuzz/corpus/normalize/: every fixture that is UTF-8 text or HTML, and
  short strings of what the normalizer treats apart (line ends, removed
  characters, bookmarks, compositions across them, NFKC expansions).

Files already in a corpus (what libFuzzer added in earlier runs) are kept;
seeds are written under stable names, so running the script again changes
nothing.
"""

import io
import pathlib
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
REGRESSIONS = ROOT / "tests" / "regressions"
CORPUS = ROOT / "fuzz" / "corpus"

# The parts of a .docx the crate reads, and those a zip reader expects.
DOCX_PARTS = ("[Content_Types].xml", "_rels/.rels", "word/document.xml")

# Short inputs for the normalizer (the cases of src/normalize/tests.rs).
NORMALIZE_CASES = [
    "２０２０年（一）概述，ＡＢｃ！a\u00a0b第\u3000一",
    "a\r\nb\rc\r\u2028x\u2029\u0085",
    "\ufeff标题a\u200bb\u200c\u200dc\u2060政\u00ad府",
    "[bookmark: _GoBack]一、总体情况[bookmark: x\n][bookmark x]",
    "e\u0301 e\u200b\u0301 a\u0301\u0316 Ａ\u0301 \u0301a",
    "\u1100\u1161\u11a8 \uac00\u11a8 \u1100\u00ad\u1161",
    "ﬁle ㍻ 中ｶﾞ ①… ㈠ \uf900 \u0f73 \u09c7\ufeff\u09be",
]


def small_docx(path):
    """The .docx at `path` with only DOCX_PARTS, deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in DOCX_PARTS:
            if name in src.namelist():
                dst.writestr(name, src.read(name), compresslevel=9)
    return out.getvalue()


def is_utf8(data):
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def main():
    seeds = {"parse": {}, "bytes": {}, "normalize": {}}
    for path in sorted(FIXTURES.rglob("*")):
        name = "_".join(path.relative_to(FIXTURES).parts)
        if path.suffix in (".txt", ".html"):
            data = path.read_bytes()
            seeds["parse"][name] = data
            if is_utf8(data):
                seeds["normalize"][name] = data
        elif path.suffix == ".docx":
            seeds["parse"][name] = small_docx(path)
            with zipfile.ZipFile(path) as z:
                seeds["bytes"][name + ".xml"] = b"\x01" + z.read("word/document.xml")
    for i, case in enumerate(NORMALIZE_CASES):
        seeds["normalize"][f"case_{i}.txt"] = case.encode("utf-8")
    for path in sorted(REGRESSIONS.glob("*")):
        if path.is_file() and path.name != "README.md":
            seeds["parse"]["regression_" + path.name] = path.read_bytes()
    for name, data in seeds["parse"].items():
        seeds["bytes"][name] = b"\x00" + data
    for target, files in seeds.items():
        folder = CORPUS / target
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        total = sum(1 for p in folder.iterdir() if p.is_file())
        print(f"fuzz/corpus/{target}: {len(files)} seeds, {total} inputs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
