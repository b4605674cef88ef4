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
- fuzz/corpus/pdf/: every PDF fixture under tests/fixtures/pdf/, and a small
  PDF written here (one page, a CID font with a ToUnicode CMap, a ruled
  table of two rows, a prose line), uncompressed so that the fuzzer's
  mutations reach the content operators.
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


def tiny_pdf():
    """A one-page PDF with a ruled table, written object by object."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            b"3 beginbfchar <0001> <4E00> <0002> <0031> <0003> <0032> endbfchar\n"
            b"1 beginbfrange <0010> <0012> <653F> endbfrange\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end\n")
    content = b"0.5 w\n"
    for y in (700, 680, 660):
        content += b"100 %d m 400 %d l S\n" % (y, y)
    for x in (100, 200, 300, 400):
        content += b"%d 660 m %d 700 l S\n" % (x, x)
    for x, y, code in ((110, 685, 1), (210, 685, 2), (310, 685, 3), (110, 665, 1), (210, 665, 3)):
        content += b"BT /F1 10 Tf %d %d Td <%04X> Tj ET\n" % (x, y, code)
    content += b"BT /F1 14 Tf 100 740 Td [<00100011> -200 <0012>] TJ ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H "
        b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /DW 1000 /W [1 [1000 500 500]] >>] "
        b"/ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"endstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def is_utf8(data):
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def main():
    seeds = {"parse": {}, "bytes": {}, "normalize": {}, "pdf": {"tiny.pdf": tiny_pdf()}}
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
        elif path.suffix == ".pdf":
            seeds["pdf"][name] = path.read_bytes()
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
