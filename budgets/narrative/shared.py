"""Sections that read the same in every layout: 人员构成 and 名词解释."""

from budgets import models as m

from .sections import Phrases, Section, ordinal

CATEGORY_LABELS = {m.PersonnelCategory.AUTHORISED: "编制人数",
                   m.PersonnelCategory.IN_SERVICE: "在职实有人数",
                   m.PersonnelCategory.RETIRED: "离退休人员"}


def personnel_sentences(facts, name):
    """Paragraphs of "X编制人数6人，其中：事业编制6人。" from the stored counts."""
    totals = [r for r in facts.personnel if not r.kind]
    paragraphs, current = [], []
    for i, total in enumerate(totals):
        kinds = [r for r in facts.personnel if r.category == total.category and r.kind]
        text = f"{name if i == 0 else ''}{CATEGORY_LABELS[total.category]}{total.count}人"
        if kinds:
            text += "，其中：" + "，".join(f"{r.kind}{r.count}人" for r in kinds)
        if total.category == m.PersonnelCategory.RETIRED and current:
            paragraphs.append(current)
            current = []
        current.append(text + "。")
    if current:
        paragraphs.append(current)
    return paragraphs


def glossary_section(facts, part, part_title, *, with_functions, numbering="tianmen"):
    """名词解释: the stored general terms, and (where the layout prints them) one entry for
    each function 项 the budget spends on, defined by the catalog unless a term was typed."""
    section = Section(part, part_title, part_title.removeprefix(part).strip())
    terms = list(facts.budget.glossary.select_related("function_code"))
    general = [t for t in terms if t.function_code_id is None]
    entries = [(t.term, t.definition) for t in general]
    if with_functions:
        typed = {t.function_code.code: t.definition for t in terms if t.function_code_id}
        codes = sorted(r.code for r in facts.general_rows if r.level == "item")
        described = facts.data.function_descriptions
        p = Phrases(facts)
        items = [(p.function_path(code), typed.get(code) or described.get(code, ""))
                 for code in codes]
        first = 1 if entries else 0
        heading = ("本单位使用的主要支出功能分类科目（项级）", None)
        entries[first:first] = [heading] + items if items else []
        items = set(items)
    else:
        items = set()
    n = 0
    numbered = 0
    for term, definition in entries:
        if definition is None:
            n += 1
            section.add(f"（{ordinal(n)}）{term}：")
            numbered = 0
            continue
        if (term, definition) in items:
            numbered += 1
            section.add(f"{numbered}. {term}：{definition}")
            continue
        n += 1
        label = f"{ordinal(n)}、" if numbering == "tianmen" else f"（{ordinal(n)}）"
        section.add(f"{label}{term}：{definition}")
    return section
