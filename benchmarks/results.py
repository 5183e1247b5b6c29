"""docs/benchmarks.md holds each benchmark's latest results between its own start and end
markers; a run replaces its section and leaves the notes around it alone."""

from pathlib import Path

RESULTS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def write_section(block, start, end):
    """Put `block` (which begins with `start` and ends with `end`) in place of the section
    between those markers, or append it when the file has none yet."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmarks\n"
    if start in text and end in text:
        text = text[:text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(text, encoding="utf-8")
