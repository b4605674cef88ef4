#!/usr/bin/env python3
"""Writes the PDF fixtures under tests/fixtures/pdf/ with real tools.

Run from the repository root (as root, it installs what it needs):

    python3 tools/make_pdf_fixtures.py

Sources are the front-end fixtures, whose truth is known:
tests/fixtures/docx/X.docx and tests/fixtures/html/X.html (written by
tools/make_frontend_fixtures.py). Outputs, each beside a copy of the source's
X.truth.json (tools/score.py pairs them):

- lo_X.pdf: LibreOffice (`soffice --headless --convert-to pdf`) of X.docx;
  LibreOffice embeds font subsets with ToUnicode CMaps (Noto CJK, or AR PL
  UMing for the Song-style names).
- cr_X.pdf: Chromium print-to-PDF of X.html: one in the page's own fonts
  (Noto Sans CJK, which Chromium embeds as Type 3 fonts with ToUnicode), the
  others in a Song-style font (AR PL UMing, a CID TrueType subset,
  Identity-H); one printed with `@page { size: A4 landscape }` (its tables
  break over pages, Chromium repeats the header rows);
- cr_X_break.pdf: a page whose section 三 table is pushed down so that it
  breaks over a page.

And, without a truth file (they are read to check the errors):

- scanned.pdf: a page of a fixture as an image only (pdftoppm, img2pdf): no
  text layer.
- encrypted_open.truth.json + encrypted_open.pdf: qpdf AES-256 with an empty
  user password (readable).
- encrypted_locked.pdf: qpdf with a non-empty user password (refused).

Debian packages: libreoffice-writer-nogui, chromium, fonts-noto-cjk,
fonts-arphic-uming, poppler-utils, img2pdf, qpdf.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "tests", "fixtures")
OUT = os.path.join(FIX, "pdf")

PACKAGES = [
    "libreoffice-writer-nogui",
    "chromium",
    "fonts-noto-cjk",
    "fonts-arphic-uming",
    "poppler-utils",
    "img2pdf",
    "qpdf",
]

# (source folder, stem, how)
LIBREOFFICE = ["000_9adbf800e6ecf4be", "002_6e2546a832e75983", "w2019_tabs", "w2021_tabs"]
CHROMIUM = [
    ("w2019_web", ()),
    ("001_1bf17e5d24045e7c", ("song",)),
    ("w2021_web", ("song", "landscape")),
    ("w2021_indented", ("song", "break")),
]


def install():
    missing = [t for t in ("soffice", "chromium", "qpdf", "pdftoppm", "img2pdf") if not shutil.which(t)]
    if missing or not os.path.isdir("/usr/share/fonts/opentype/noto"):
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "install", "-y", "-qq", *PACKAGES], check=True, env=env)


def copy_truth(src_dir, stem, name):
    shutil.copyfile(os.path.join(FIX, src_dir, stem + ".truth.json"), os.path.join(OUT, name + ".truth.json"))


def libreoffice(stem):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(FIX, "docx", stem + ".docx")
        profile = "file://" + os.path.join(tmp, "profile")
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", tmp, src],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300,
        )
        shutil.move(os.path.join(tmp, stem + ".pdf"), os.path.join(OUT, f"lo_{stem}.pdf"))
    copy_truth("docx", stem, f"lo_{stem}")


# Chromium embeds Noto CJK (a CFF font), and any font it makes bold itself,
# as Type 3 fonts of glyph outlines: big files. "song" prints in AR PL UMing
# without synthetic bold, which it embeds as a small CID TrueType subset.
STYLE = {
    "song": "* { font-family: 'AR PL UMing CN' !important; font-weight: normal !important; }",
    "landscape": "@page { size: A4 landscape; }",
    # a tall spacer before section 三 pushes its table over a page break
    "break": "",
}


def chromium(stem, how):
    with open(os.path.join(FIX, "html", stem + ".html"), "rb") as f:
        raw = f.read()
    # keep the page's own encoding: insert ASCII only
    style = " ".join(STYLE[h] for h in how).encode()
    if "break" in how:
        heading = "收到和处理政府信息公开申请情况"
        i = max(raw.find(heading.encode(e)) for e in ("utf-8", "gb18030"))
        if i < 0:
            sys.exit(f"{stem}: no section 三 heading to push down")
        j = raw.rfind(b"<", 0, i)
        raw = raw[:j] + b'<div style="height:620px"></div>' + raw[j:]
    if style:
        m = re.search(rb"</head>", raw, re.I)
        tag = b"<style>" + style + b"</style>"
        raw = raw[: m.start()] + tag + raw[m.start():] if m else tag + raw
    name = f"cr_{stem}" + ("_break" if "break" in how else "")
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, stem + ".html")
        with open(page, "wb") as f:
            f.write(raw)
        out = os.path.join(OUT, name + ".pdf")
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run",
             f"--user-data-dir={os.path.join(tmp, 'profile')}", "--no-pdf-header-footer",
             f"--print-to-pdf={out}", "file://" + page],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300,
        )
    copy_truth("html", stem, name)


def scanned():
    src = os.path.join(OUT, "lo_w2021_tabs.pdf")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "50", "-gray", "-png", src, os.path.join(tmp, "p")], check=True)
        pngs = sorted(os.path.join(tmp, n) for n in os.listdir(tmp) if n.endswith(".png"))
        subprocess.run(["img2pdf", "-o", os.path.join(OUT, "scanned.pdf"), *pngs], check=True)


def encrypted():
    src = os.path.join(OUT, "lo_w2019_tabs.pdf")
    subprocess.run(["qpdf", "--encrypt", "", "owner-secret", "256", "--", src,
                    os.path.join(OUT, "encrypted_open.pdf")], check=True)
    copy_truth("docx", "w2019_tabs", "encrypted_open")
    subprocess.run(["qpdf", "--encrypt", "user-secret", "owner-secret", "256", "--", src,
                    os.path.join(OUT, "encrypted_locked.pdf")], check=True)


def main():
    install()
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    for stem in LIBREOFFICE:
        libreoffice(stem)
    for stem, how in CHROMIUM:
        chromium(stem, how)
    scanned()
    encrypted()
    for n in sorted(os.listdir(OUT)):
        print(f"{os.path.getsize(os.path.join(OUT, n)):8d} {n}")


if __name__ == "__main__":
    main()
