"""The text parts: 概况 (from the typed texts and the personnel counts), the 情况说明 in its
sections (generated from the data by budgets.narrative), and 名词解释."""

from dataclasses import dataclass, field

from budgets.models import PersonnelCategory

from . import markup


@dataclass
class Section:
    heading: str
    anchor: str
    paragraphs: list = field(default_factory=list)
    subsections: list = field(default_factory=list)

    @property
    def paragraphs_html(self):
        return markup.paragraphs(self.paragraphs)


def paragraphs(text):
    return [p.strip() for p in text.split("\n") if p.strip()]


def personnel_sentences(counts, org_name):
    """人员构成 from the counts: "编制人数 6 人，其中：事业编制 6 人。" per category."""
    by_category = {}
    for count in counts:
        by_category.setdefault(count.category, []).append(count)
    out = []
    for category in PersonnelCategory:
        rows = by_category.get(category.value)
        if not rows:
            continue
        total = next((r for r in rows if not r.kind), None)
        kinds = [r for r in rows if r.kind]
        amount = total.count if total else sum(r.count for r in kinds)
        sentence = f"{category.label}{amount}人"
        if kinds:
            sentence += "，其中：" + "、".join(f"{r.kind}{r.count}人" for r in kinds)
        out.append(sentence + "。")
    if out:
        out[0] = org_name + out[0]
    return out


PROFILE_CONTENT = {
    # Section heading words → the typed text keys shown under them.
    "职责": ("duties",), "职能": ("duties",), "机构设置": ("structure",),
    "预算单位构成": ("unit_composition",), "人员构成": ("personnel",),
}


def profile_sections(part, texts, counts, org_name):
    sections = []
    for index, heading in enumerate(part.sections, start=1):
        keys = [k for word, ks in PROFILE_CONTENT.items() if word in heading for k in ks]
        section = Section(heading, f"profile-{index}")
        both = "duties" in keys and "structure" in keys
        for key in dict.fromkeys(keys):
            if key == "personnel":
                body = personnel_sentences(counts, org_name)
            else:
                body = paragraphs(texts.get(key, ""))
            if both:
                sub_heading = "（一）主要职责" if key == "duties" else "（二）机构设置情况"
                section.subsections.append(Section(sub_heading, "", body))
            else:
                section.paragraphs += body
        sections.append(section)
    return sections


def generated_sections(generated):
    """The 情况说明 written by budgets.narrative, grouped like the published one: a section
    per top heading, its (一)(二)… as subsections."""
    sections = []
    for item in generated:
        if not sections or sections[-1].heading != item.title:
            sections.append(Section(item.title, f"narrative-{len(sections) + 1}"))
        if item.subtitle:
            sections[-1].subsections.append(Section(item.subtitle, "", item.paragraphs))
        else:
            sections[-1].paragraphs += item.paragraphs
    return sections


def glossary_entries(generated):
    """名词解释 as (term, definition) pairs from the generated glossary section
    (budgets.narrative.shared.glossary_section): each paragraph is "（一）term：definition",
    a group heading "（二）本单位使用的…（项级）：" has no definition. The term keeps its
    printed number and colon, so term + definition is the generated paragraph."""
    entries = []
    for section in generated:
        for paragraph in section.paragraphs:
            term, colon, definition = paragraph.partition("：")
            entries.append((term + colon, definition))
    return entries
