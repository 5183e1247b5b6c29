"""Start-up checks for PDF generation (run by manage.py check, runserver, migrate).

WeasyPrint embeds a subset of each font. With HarfBuzz's subsetter (libharfbuzz-subset0,
HarfBuzz >= 4.1) that takes milliseconds; without it WeasyPrint silently falls back to
fontTools, which is several times slower on a CJK font with 65,000 glyphs. The portal refuses
PDF work in that case instead of serving slow PDFs, and says what to install.
"""

import subprocess
from functools import cache

from django.core import checks

# The one CJK serif font the PDFs embed (Debian package fonts-noto-cjk).
PDF_FONT_FAMILY = "Noto Serif CJK SC"


@cache
def subsetter_problem():
    """Why WeasyPrint would not subset with HarfBuzz, or "" when it will.

    Mirrors the condition in weasyprint.pdf.fonts.Font.subset: WeasyPrint loads
    libharfbuzz-subset through cffi at import time (None when missing) and uses it only
    with HarfBuzz 4.1.0 or later."""
    try:
        from weasyprint.text.ffi import harfbuzz, harfbuzz_subset
    except OSError as exc:  # Pango or HarfBuzz itself is missing
        return f"WeasyPrint 无法加载 Pango/HarfBuzz：{exc}"
    if harfbuzz_subset is None:
        return "找不到 libharfbuzz-subset（HarfBuzz 字体子集库）"
    if not harfbuzz.hb_version_atleast(4, 1, 0):
        return "HarfBuzz 版本低于 4.1.0，WeasyPrint 不会用它做字体子集"
    return ""


@cache
def font_file():
    """The file fontconfig serves for the PDF font, or "" when the family is not installed."""
    try:
        result = subprocess.run(
            ["fc-match", "--format=%{family}\t%{file}", f"{PDF_FONT_FAMILY}:style=Regular"],
            capture_output=True, text=True, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return ""
    families, _, path = result.stdout.partition("\t")
    return path if PDF_FONT_FAMILY in families.split(",") else ""


@checks.register("disclosures")
def check_pdf_support(app_configs=None, **kwargs):
    errors = []
    problem = subsetter_problem()
    if problem:
        errors.append(checks.Error(
            f"无法生成 PDF：{problem}。",
            hint="请安装 libharfbuzz-subset0（Debian: apt-get install libharfbuzz-subset0，"
                 "scripts/install.sh 和 Dockerfile 已包含）。",
            id="disclosures.E001"))
    if not font_file():
        errors.append(checks.Error(
            f"无法生成 PDF：系统中没有字体“{PDF_FONT_FAMILY}”。",
            hint="请安装 fonts-noto-cjk（Debian: apt-get install fonts-noto-cjk）。",
            id="disclosures.E002"))
    return errors
