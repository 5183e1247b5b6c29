"""The PDF engine's HTML parser, tinyhtml5, with its pattern cache working
(disclosures/pdf_engine_fixes.py): each pattern is built once, and documents are read exactly
as before."""

import xml.etree.ElementTree as ElementTree

import pytest
import tinyhtml5
from tinyhtml5 import inputstream

from disclosures import pdf, pdf_engine_fixes

from .test_seed_figures import budget_for


@pytest.fixture
def disclosure_html(db):
    return pdf.document_html(budget_for("wuhan-hrss-info-center-2026"))


def parsed(html):
    return ElementTree.tostring(tinyhtml5.parse(html, namespace_html_elements=False),
                                encoding="unicode")


def test_the_parser_builds_each_character_pattern_once(disclosure_html, monkeypatch):
    pdf_engine_fixes.apply()
    built = []
    build = pdf_engine_fixes._PatternCache.__missing__
    monkeypatch.setattr(pdf_engine_fixes._PatternCache, "__missing__",
                        lambda cache, key: built.append(key) or build(cache, key))
    parsed(disclosure_html)
    assert len(built) == len(set(built))
    built.clear()
    parsed(disclosure_html)
    assert built == []
    assert isinstance(inputstream.characters_until_regex, pdf_engine_fixes._PatternCache)


def test_a_disclosure_is_parsed_the_same_with_and_without_the_cache(disclosure_html, monkeypatch):
    pdf_engine_fixes.apply()
    with_cache = parsed(disclosure_html)
    monkeypatch.setattr(inputstream, "characters_until_regex", {})     # tinyhtml5 as shipped
    assert parsed(disclosure_html) == with_cache
    assert "单位收支总表" in with_cache
