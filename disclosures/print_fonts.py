"""The PDF's font: Noto Serif CJK SC cut down to the scripts disclosures print, installed for
fontconfig under its own family name.

For every PDF, WeasyPrint copies the whole file of each face it embeds and subsets it with
HarfBuzz. Noto Serif CJK SC (Debian's fonts-noto-cjk) is one face of a 26 MB collection of
65,535 glyphs shared with the Japanese, Korean and traditional faces. Without Hangul, the CJK
extension blocks and the compatibility ideographs, it still maps every character of GBK and
more (all of CJK Unified Ideographs, punctuation, full-width forms, symbols): 23,869 code points
in 9 MB, which makes each PDF about a tenth faster and smaller (docs/benchmarks.md). The glyphs
and their advances are Noto's own, untouched: text lays out exactly as with the full font. A
character outside the cut (a rare name in a CJK extension, a Korean word) falls back to the
full Noto Serif CJK SC, which print.css names next.

    python -m disclosures.print_fonts    # scripts/install.sh and the Dockerfile run it

Fonts go to /usr/local/share/fonts/ when writable (root, the production image), else to the
user's ~/.local/share/fonts/; fontconfig reads both. A font newer than its source and than this
module is not rebuilt. Noto's licence (SIL OFL 1.1) allows a modified copy under another name;
its copyright and licence entries are kept.
"""

import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

FAMILY = "Disclosure Serif SC"
SOURCE_FAMILY = "Noto Serif CJK SC"
STYLES = ("Regular", "Bold")
FOLDER = "disclosure-portal"

# Code points left to the fallback: Hangul (syllables, jamo), CJK extension A and beyond, and
# the compatibility ideographs; together nearly half of the source's glyphs.
LEFT_OUT = (
    (0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF),
    (0x3400, 0x4DBF), (0xF900, 0xFAFF), (0x20000, 0x10FFFF),
)


def source(style):
    """(file, index within the collection) of the installed Noto Serif CJK SC face."""
    result = subprocess.run(
        ["fc-match", "--format=%{family}\t%{file}\t%{index}", f"{SOURCE_FAMILY}:style={style}"],
        capture_output=True, text=True, timeout=30, check=True)
    families, path, index = result.stdout.split("\t")
    if SOURCE_FAMILY not in families.split(","):
        raise SystemExit(f"{SOURCE_FAMILY} is not installed "
                         "(Debian: apt-get install fonts-noto-cjk)")
    return Path(path), int(index)


def destination():
    system = Path("/usr/local/share/fonts")
    if os.access(system if system.exists() else system.parent, os.W_OK):
        return system / FOLDER
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local/share")
    return data_home / "fonts" / FOLDER


def file_name(style):
    return f"{FAMILY.replace(' ', '')}-{style}.otf"


def kept(code_point):
    return not any(low <= code_point <= high for low, high in LEFT_OUT)


def build(style, path, index, target):
    """Write the cut face of one style to target."""
    from fontTools import subset
    from fontTools.ttLib import TTCollection, TTFont

    font = (TTCollection(path).fonts[index] if path.suffix.lower() in (".ttc", ".otc")
            else TTFont(path))
    options = subset.Options()
    # Horizontal Simplified Chinese uses none of the OpenType layout features (vertical forms,
    # the other regions' glyph variants); keeping them would keep their glyphs too.
    options.layout_features = []
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for c in font.getBestCmap() if kept(c)])
    subsetter.subset(font)
    names = font["name"]
    for name_id in (1, 2, 3, 4, 6, 16, 17):
        names.removeNames(nameID=name_id)
    for name_id, value in ((1, FAMILY), (2, style), (3, f"{FAMILY} {style}"),
                           (4, f"{FAMILY} {style}"), (6, file_name(style)[:-4])):
        names.setName(value, name_id, 3, 1, 0x409)
    partial = target.with_suffix(".partial")
    font.save(partial)
    partial.replace(target)
    return target


def install(folder=None):
    """Build what is missing or stale; returns the fonts' paths."""
    folder = Path(folder or destination())
    folder.mkdir(parents=True, exist_ok=True)
    builder = Path(__file__).stat().st_mtime
    jobs, fonts = [], []
    for style in STYLES:
        path, index = source(style)
        target = folder / file_name(style)
        fonts.append(target)
        if not target.exists() or target.stat().st_mtime < max(path.stat().st_mtime, builder):
            jobs.append((style, path, index, target))
    if jobs:
        with ProcessPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 1)) as pool:
            for target in pool.map(build, *zip(*jobs, strict=True)):
                print(f"built {target}", file=sys.stderr)
        subprocess.run(["fc-cache", str(folder)], check=True)
    return fonts


if __name__ == "__main__":
    install(sys.argv[1] if len(sys.argv) > 1 else None)
