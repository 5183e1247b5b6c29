"""Admin page of a budget's narrative: the text the portal generates from the data, section by
section, with a field for the reason beside each sentence that needs one. Only reasons are
typed here; every figure comes from the tables.

Hooked into BudgetAdmin (budgets/admin/budget.py) by one URL:
    path("<path:object_id>/narrative/", view(partial(narrative_view, self)),
         name="budgets_budget_narrative")
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.text import format_lazy

from . import audit, permissions
from .models import NarrativeText
from .narrative import generate
from .permissions import Action

LABELS = {"reason.revenue_change": "收入增减原因", "reason.expenditure_change": "支出增减原因",
          "reason.running_cost_change": "机关运行经费增减原因",
          "reason.three_public_change": "“三公”经费增减原因",
          "reason.procurement": "政府采购预算增减原因",
          "procurement.description": "政府采购内容说明"}
THREE_PUBLIC = {"overseas": "因公出国（境）费", "vehicle_purchase": "公务用车购置费",
                "vehicle_operation": "公务用车运行维护费", "reception": "公务接待费"}


def label(key):
    """The field's Chinese label: what the reason explains."""
    if key.startswith("reason.function."):
        return f"功能科目 {key.rsplit('.', 1)[1]} 增减原因"
    if key.startswith("reason.three_public."):
        return f"{THREE_PUBLIC.get(key.rsplit('.', 1)[1], '')}增减原因"
    return LABELS.get(key, key)


class ReasonsForm(forms.Form):
    """One text field per reason key the generated narrative asks for."""

    def __init__(self, *args, keys, texts, **kwargs):
        super().__init__(*args, **kwargs)
        for key in keys:
            self.fields[key] = forms.CharField(
                label=label(key), required=False, initial=texts.get(key, ""),
                widget=forms.Textarea(attrs={"rows": 2, "cols": 70}))


def save_reasons(budget, reasons, *, acting_user):
    """Store the typed reasons (NarrativeText), recorded in the audit trail under the user."""
    with transaction.atomic(), audit.acting(acting_user, audit.VIA_FORM):
        for key, text in reasons.items():
            NarrativeText.objects.update_or_create(budget=budget, key=key,
                                                   defaults={"text": text.strip()})


def narrative_view(model_admin, request, object_id):
    budget = model_admin.get_object(request, object_id)
    if budget is None:
        raise Http404("未找到该预算，或您无权查看")
    permissions.require(request.user, Action.VIEW, budget)
    sections = generate(budget)
    keys = list(dict.fromkeys(s.reason_key for section in sections
                              for s in section.sentences if s.reason_key))
    texts = dict(budget.narrative.values_list("key", "text"))
    editable = permissions.can(request.user, Action.EDIT, budget)
    form = ReasonsForm(request.POST if request.method == "POST" else None, keys=keys,
                       texts=texts)
    if request.method == "POST":
        permissions.require(request.user, Action.EDIT, budget)
        if not editable:
            raise PermissionDenied(f"“{budget}”当前状态为“{budget.get_status_display()}”，"
                                   "不能修改原因说明；如需修改请发起更正")
        if form.is_valid():
            # Only the fields posted: a reason not on the form is left as it is.
            save_reasons(budget, {k: v for k, v in form.cleaned_data.items()
                                  if k in request.POST}, acting_user=request.user)
            messages.success(request, "原因说明已保存")
            return redirect(request.path)
    rows = [{"section": section,
             "paragraphs": [[{"text": s.text, "missing": s.reason_missing,
                              "field": form[s.reason_key] if s.reason_key else None}
                             for s in block] for block in section.blocks]}
            for section in sections]
    context = {**model_admin.admin_site.each_context(request), "opts": model_admin.opts,
               "original": budget, "rows": rows, "form": form, "editable": editable,
               "missing": sum(1 for r in rows for p in r["paragraphs"] for s in p
                              if s["missing"]),
               "title": format_lazy("说明文字：{}", budget)}
    return TemplateResponse(request, "admin/budgets/budget/narrative.html", context)
