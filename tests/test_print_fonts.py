"""The PDF's font, Noto Serif CJK SC cut down (disclosures/print_fonts.py): what it keeps, and
the fallback the portal warns about when it is not installed."""

from disclosures import checks, print_fonts


def test_the_cut_keeps_simplified_and_traditional_hanzi_punctuation_and_symbols():
    for character in "预算公开職業年金（单位：万元）、。“”①℃㎡—…ABC123":
        assert print_fonts.kept(ord(character)), character


def test_the_cut_leaves_korean_and_the_rare_ideograph_blocks_to_the_full_noto():
    # Hangul, extension A, extension B, a compatibility ideograph (U+F900).
    for character in "한글㐀𠀾\uf900":
        assert not print_fonts.kept(ord(character)), character


def test_without_the_print_font_the_portal_warns_and_still_makes_pdfs(monkeypatch):
    monkeypatch.setattr(checks, "font_file",
                        lambda family=checks.PDF_FONT_FAMILY: "" if family == print_fonts.FAMILY
                        else "/usr/share/fonts/noto.ttc")
    messages = checks.check_pdf_support()
    assert [(m.id, m.is_serious()) for m in messages] == [("disclosures.W001", False)]
    assert "disclosures.print_fonts" in messages[0].hint
    from disclosures import pdf

    pdf.ensure_pdf_support()        # does not raise
