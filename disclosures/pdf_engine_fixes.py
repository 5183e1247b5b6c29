"""A bug in tinyhtml5, the PDF engine's HTML parser (version pinned in requirements.txt), that
costs every PDF time, fixed from outside without changing what it parses.

tinyhtml5 keeps a cache of the character-class patterns `chars_until` scans with, but stores
each pattern under the wrong key (a chained assignment rebinds the key's first element to the
pattern before the key is built), so every call builds its pattern again, one escape per
character, and looks it up in `re`'s own cache: some 8,000 times and about 40 ms for a 27-page
disclosure (docs/benchmarks.md). A cache that fills itself on a miss never reaches the broken
store. tests/test_pdf_engine_fixes.py checks that it still takes effect after an upgrade.
"""

import re
from functools import cache


class _PatternCache(dict):
    """tinyhtml5's `characters_until_regex`, filled on a miss with the pattern `chars_until`
    would compile (same construction as tinyhtml5.inputstream)."""

    def __missing__(self, key):
        characters, opposite = key
        pattern = "".join(f"\\x{ord(character):02x}" for character in characters)
        if not opposite:
            pattern = f"^{pattern}"
        compiled = self[key] = re.compile(f"[{pattern}]+")
        return compiled


def _fix_parser_pattern_cache():
    from tinyhtml5 import inputstream

    if not isinstance(inputstream.characters_until_regex, _PatternCache):
        inputstream.characters_until_regex = _PatternCache()


@cache
def apply():
    """Install the fix (once per process, before the first document)."""
    _fix_parser_pattern_cache()
