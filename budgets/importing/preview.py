"""What an upload will change, table by table: the draft's current document compared with the
uploaded one, item by item (each keyed by what identifies it in its table)."""

from budgets import models as m
from budgets.exporting import budget_to_document

# Stored values shown as officers read them (资金性质、收入来源、人员类别、口径).
LABELS = {**dict(m.Source.choices), **dict(m.Fund.choices), **dict(m.PersonnelCategory.choices),
          **dict(m.Measure.choices), "True": "上年结转结余", "False": "本年收入"}

PARTS = (   # (document key, table name as officers know it, identifying keys, label keys)
    ("units", "单位构成", ("code",), ("name",)),
    ("revenue", "表2 收入总表（单位收入）", ("unit", "source", "carryover"), ()),
    ("revenue_details", "表1 收支总表（收入明细行）", ("source", "label"), ()),
    ("expenditure", "支出明细（表3、表5、表8、表9）", ("unit", "fund", "function"), ()),
    ("basic_expenditure", "表6 一般公共预算基本支出表", ("economic",), ()),
    ("projects", "表10 项目支出表", ("code", "name"), ()),
    ("project_forms", "项目支出绩效目标表", ("name", "code"), ()),
    ("personnel", "人员构成", ("category", "kind"), ()),
    ("prior_year", "以前年度数", ("year", "measure", "code"), ()),
    ("narrative", "说明文字", ("key",), ()),
    ("published_narrative", "公开说明原文", ("section",), ()),
    ("glossary", "名词解释", ("term",), ()),
)
SINGLE_PARTS = (("three_public", "表7 “三公”经费支出表"), ("overall_performance", "整体绩效目标表"),
                ("procurement", "政府采购预算"), ("assets", "国有资产占用"))
EXAMPLES = 5   # changed items shown per table; the counts cover all of them


def _clean(value):
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _short(value):
    text = str(value if value is not None else "（空）")
    return text if len(text) <= 30 else text[:30] + "…"


def _changes(old, new):
    fields = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            if isinstance(old.get(key), (list, dict)) or isinstance(new.get(key), (list, dict)):
                fields.append(f"{key}：内容有变化")
            else:
                fields.append(f"{key}：{_short(old.get(key))} → {_short(new.get(key))}")
    return fields


def _part(name, old_items, new_items, keys):
    def keyed(items):
        result = {}
        for item in items or ():
            key = tuple(LABELS.get(str(item.get(k, "")), str(item.get(k, ""))) for k in keys)
            result.setdefault(key, item)
        return result

    old, new = keyed(_clean(old_items)), keyed(_clean(new_items))
    created = [k for k in new if k not in old]
    removed = [k for k in old if k not in new]
    changed = [k for k in new if k in old and new[k] != old[k]]
    return {"table": name, "created": len(created), "changed": len(changed),
            "removed": len(removed), "unchanged": len(new) - len(created) - len(changed),
            "examples": [{"item": " ".join(k), "action": "新增"} for k in created[:EXAMPLES]]
            + [{"item": " ".join(k), "action": "修改", "fields": _changes(old[k], new[k])[:6]}
               for k in changed[:EXAMPLES]]
            + [{"item": " ".join(k), "action": "删除"} for k in removed[:EXAMPLES]]}


def preview(budget, doc):
    """[{table, created, changed, removed, unchanged, examples}] for each table, against the
    draft `budget` (None: everything is new)."""
    current = budget_to_document(budget) if budget is not None else {}
    parts = [_part(name, current.get(key), doc.get(key), keys) for key, name, keys, _ in PARTS]
    for key, name in SINGLE_PARTS:
        old, new = _clean(current.get(key)), _clean(doc.get(key))
        old_list, new_list = ([old] if old else []), ([new] if new else [])
        parts.append(_part(name, [{"_": "", **o} for o in old_list],
                           [{"_": "", **n} for n in new_list], ("_",)))
    return parts
