"""The budget page: data entry through inlines, the workflow buttons, the draft download, the
workbook upload and the audit trail, each checked with budgets.permissions."""

import json
from functools import partial

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import format_lazy

from budgets import audit, audit_trail, permissions, workflow
from budgets import models as m
from budgets.admin_narrative import narrative_view
from budgets.importing import upload as upload_flow
from budgets.permissions import Action

from . import entry
from . import lines as li
from .scoping import ScopedToBudget

WORKFLOW = {
    Action.SUBMIT: lambda b, user, post: workflow.submit(b, acting_user=user),
    Action.RETURN: lambda b, user, post: workflow.return_budget(
        b, acting_user=user, comment=post.get("comment", "")),
    Action.APPROVE: lambda b, user, post: workflow.approve(b, acting_user=user),
    Action.PUBLISH: lambda b, user, post: workflow.publish(b, acting_user=user),
    Action.CORRECT: lambda b, user, post: workflow.correct(
        b, acting_user=user, reason=post.get("reason", "")),
}
DONE = {Action.SUBMIT: "已提交审核", Action.RETURN: "已退回，单位将看到您的意见",
        Action.APPROVE: "已审核通过", Action.PUBLISH: "已公开",
        Action.CORRECT: "已创建更正版本（草稿），修改后提交审核"}


class NewBudgetForm(forms.ModelForm):
    """A first draft: refuses a second one for the same organisation, year and scope."""

    def clean(self):
        data = super().clean()
        org, year, scope = (data.get(k) for k in ("organisation", "fiscal_year", "scope"))
        if org and year and scope and m.Budget.objects.filter(
                organisation=org, fiscal_year=year, scope=scope).exists():
            raise ValidationError(f"{org.name}{year.year}年的该类预算已存在，请在预算列表中打开它")
        return data


class UploadForm(forms.Form):
    workbook = forms.FileField(label="标准格式工作簿（.xlsx）")

    def clean_workbook(self):
        upload = self.cleaned_data["workbook"]
        limit = settings.MAX_WORKBOOK_UPLOAD_BYTES
        if upload.size > limit:
            raise ValidationError(f"文件大小 {upload.size // 1024} KB 超过上限 "
                                  f"{limit // 1024 // 1024} MB，请删除无关工作表后再上传")
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError("请上传 .xlsx 格式的标准工作簿")
        return upload


@admin.register(m.Budget)
class BudgetAdmin(ScopedToBudget, admin.ModelAdmin):
    budget_path = ""
    list_display = ("organisation", "fiscal_year", "scope", "revision", "status", "updated_at")
    list_filter = ("status", "scope", "fiscal_year", "organisation__region")
    search_fields = ("organisation__name", "organisation__code")
    autocomplete_fields = ("organisation", "units")
    list_select_related = ("organisation", "fiscal_year")
    change_form_template = "admin/budgets/budget/change_form.html"

    class Media:
        js = ["budgets/entry.js"]
    # Status changes go through budgets.workflow, never through this form.
    readonly_fields = ("status", "revision", "published_at", "correction_reason",
                       "superseded_at", "created_at", "updated_at")
    inlines = [li.RevenueItemInline, li.RevenueDetailInline, li.ExpenditureItemInline,
               li.BasicExpenditureItemInline, li.ThreePublicInline, li.GovFundThreePublicInline,
               li.ProjectInline, li.ProjectEconomicInline,
               li.ProjectFormInline, li.PersonnelInline, li.ProcurementInline, li.AssetInline,
               li.PriorYearInline, li.NarrativeInline, li.GlossaryInline]

    def _budget(self, obj):
        return obj

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = NewBudgetForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        # A budget never moves to another organisation, year or scope.
        if obj is not None:
            return ("organisation", "fiscal_year", "scope") + self.readonly_fields
        return self.readonly_fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = permissions.creatable_organisations(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change and not permissions.may_create_for(request.user, obj.organisation):
            raise PermissionDenied("只能为本单位新建预算")
        with audit.acting(request.user, audit.VIA_FORM):
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        with audit.acting(request.user, audit.VIA_FORM):
            super().save_related(request, form, formsets, change)
            budget = form.instance
            if not change and not budget.units.exists():
                # 预算单位构成 by default: the organisation and, for a department, its units.
                budget.units.set([budget.organisation, *budget.organisation.units.all()])

    # -- extra pages -----------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/workflow/<str:action>/", view(self.workflow_view),
                 name="budgets_budget_workflow"),
            path("<path:object_id>/download/", view(self.download_view),
                 name="budgets_budget_download"),
            path("<path:object_id>/upload/", view(self.upload_view),
                 name="budgets_budget_upload"),
            path("<path:object_id>/narrative/", view(partial(narrative_view, self)),
                 name="budgets_budget_narrative"),
        ] + super().get_urls()

    def _visible(self, request, object_id):
        budget = self.get_object(request, object_id)
        if budget is None:
            raise Http404("未找到该预算，或您无权查看")
        return budget

    def _change_url(self, budget):
        return reverse("admin:budgets_budget_change", args=[budget.pk])

    def workflow_view(self, request, object_id, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        budget = self._visible(request, object_id)
        try:
            action = Action(action)
            run = WORKFLOW[action]
        except (ValueError, KeyError):
            raise Http404("没有这个操作") from None
        permissions.require(request.user, action, budget)
        try:
            result = run(budget, request.user, request.POST)
        except workflow.SubmissionRefused as refused:
            messages.error(request, f"预算未通过校验，不能提交（共 {len(refused.problems)} 处）：")
            for problem in refused.messages:
                messages.error(request, problem)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, DONE[action])
            return redirect(self._change_url(result))
        return redirect(self._change_url(budget))

    def download_view(self, request, object_id):
        budget = self._visible(request, object_id)
        permissions.require(request.user, Action.DOWNLOAD_DRAFT, budget)
        from budgets.exporting import budget_to_document

        body = json.dumps(budget_to_document(budget), ensure_ascii=False, indent=1)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        name = (f"{budget.organisation.code}-{budget.fiscal_year.year}-{budget.scope}"
                f"-r{budget.revision}-{budget.status}.json")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        # A draft must not be kept by shared caches.
        response["Cache-Control"] = "private, no-store"
        return response

    def upload_view(self, request, object_id):
        """Upload to this budget: the file goes through the one upload flow (read, check,
        preview); nothing is saved until the officer confirms on the upload's page."""
        budget = self._visible(request, object_id)
        permissions.require(request.user, Action.UPLOAD, budget)
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            file = form.cleaned_data["workbook"]
            upload = upload_flow.receive(file, acting_user=request.user, via=audit.VIA_UPLOAD,
                                         name=file.name, budget=budget)
            return redirect(reverse("admin:budgets_workbookupload_change", args=[upload.pk]))
        context = {**self.admin_site.each_context(request), "opts": self.opts, "form": form,
                   "original": budget, "title": format_lazy("上传工作簿：{}", budget)}
        return TemplateResponse(request, "admin/budgets/budget/upload.html", context)

    def history_view(self, request, object_id, extra_context=None):
        """The audit trail of the whole budget: its rows, its status and its events."""
        budget = self._visible(request, object_id)
        events = list(budget.events.select_related("actor"))
        for event in events:
            event.via_label = audit.VIA_LABELS.get(event.via, event.via)
        context = {**self.admin_site.each_context(request), "opts": self.opts,
                   "original": budget, "title": format_lazy("审计记录：{}", budget),
                   "entries": audit_trail.entries(budget), "events": events}
        return TemplateResponse(request, "admin/budgets/budget/audit.html", context)

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        issues = getattr(request, "budget_issues", [])
        for inline in inlines:
            inline.problems = entry.problems_for(issues, getattr(inline, "feeds", ()))
        return inlines

    def change_view(self, request, object_id, form_url="", extra_context=None):
        budget = self._visible(request, object_id)
        actions = permissions.allowed_actions(request.user, budget)
        issues = workflow.validation_problems(budget, fatal_only=False)
        # The inlines of this request show the issues about the tables they feed.
        request.budget_issues = issues
        progress, problems = entry.table_progress(budget, issues)
        extra = {"progress": progress, "problems": problems,
                 "workflow_actions": [a for a in actions if a in WORKFLOW],
                 "may_upload": Action.UPLOAD in actions,
                 "may_download": Action.DOWNLOAD_DRAFT in actions,
                 "last_return": budget.events.filter(action=m.BudgetEvent.Action.RETURN)
                 .order_by("-at").first(),
                 "events": budget.events.select_related("actor")}
        return super().change_view(request, object_id, form_url, {**extra,
                                                                   **(extra_context or {})})
