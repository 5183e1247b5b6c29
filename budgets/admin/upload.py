"""Workbook uploads in the admin: upload → preview (problems and what changes, table by
table) → explain the warnings → confirm; the report workbook and the empty template. The
flow itself is budgets.importing.upload; these views only ask budgets.permissions and render.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from budgets import audit, permissions
from budgets import models as m
from budgets.importing import upload as flow
from budgets.permissions import Action
from budgets.validation.report import report_workbook
from budgets.workbook.writer import write_template, write_workbook

from .scoping import NotFoundOutsideScope

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(label="标准格式工作簿（.xlsx）",
                               help_text="从预算管理一体化系统导出或本系统下载的标准工作簿")

    # The size limit is enforced by budgets.importing.upload.receive, which keeps a record of
    # the refused upload (who sent what) without keeping the oversized file.


class TemplateForm(forms.Form):
    organisation = forms.ModelChoiceField(label="单位", queryset=m.Organisation.objects.none())
    year = forms.IntegerField(label="预算年度", min_value=2000, max_value=2100)
    scope = forms.ChoiceField(label="预算类型", choices=m.Scope.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = permissions.creatable_organisations(user)
        self.fields["year"].initial = timezone.localdate().year + 1


@admin.register(m.WorkbookUpload)
class WorkbookUploadAdmin(NotFoundOutsideScope, admin.ModelAdmin):
    list_display = ("created_at", "original_name", "organisation", "fiscal_year", "status",
                    "fatal_count", "warning_count", "uploaded_by")
    list_filter = ("status", "fiscal_year")
    list_select_related = ("organisation", "uploaded_by")
    change_form_template = "admin/budgets/workbookupload/preview.html"

    # Uploads are records: nothing the officer sent is edited or thrown away.
    def get_queryset(self, request):
        qs = super().get_queryset(request)
        user = request.user
        if permissions.is_site_admin(user):
            return qs
        return qs.filter(Q(uploaded_by=user) | Q(
            organisation__in=permissions.visible_organisations(user)))

    def has_module_permission(self, request):
        return permissions.is_site_admin(request.user) or \
            permissions.has_budget_role(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return permissions.creatable_organisations(request.user).exists() or \
            permissions.is_site_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("template/", view(self.template_view), name="budgets_workbookupload_template"),
            path("<int:pk>/report.xlsx", view(self.report_view),
                 name="budgets_workbookupload_report"),
            path("budget/<int:budget_id>.xlsx", view(self.budget_workbook_view),
                 name="budgets_workbookupload_budget"),
        ] + super().get_urls()

    def _context(self, request, **extra):
        return {**self.admin_site.each_context(request), "opts": self.opts, **extra}

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied("只有预算单位财务人员可以上传工作簿")
        form = WorkbookUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            file = form.cleaned_data["workbook"]
            budget = None
            if request.GET.get("budget"):
                budget = permissions.visible_budgets(request.user).filter(
                    pk=request.GET["budget"]).first()
                if budget is None:
                    raise Http404("未找到该预算，或您无权查看")
            upload = flow.receive(file, acting_user=request.user, via=audit.VIA_UPLOAD,
                                  name=file.name, budget=budget)
            return redirect(reverse("admin:budgets_workbookupload_change", args=[upload.pk]))
        return TemplateResponse(request, "admin/budgets/workbookupload/upload.html",
                                self._context(request, form=form, title="上传预算工作簿",
                                              limit_mb=settings.MAX_WORKBOOK_UPLOAD_BYTES
                                              // 1024 // 1024))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._in_scope_or_404(request, object_id)
        upload = self.get_object(request, object_id)
        warnings = flow.warnings_of(upload)
        may_confirm = (upload.status == m.UploadStatus.PREVIEWED
                       and upload.uploaded_by_id == request.user.pk)
        errors = []
        if request.method == "POST":
            if not may_confirm:
                raise PermissionDenied("只有上传人可以确认导入待确认的上传")
            explanations = {i: request.POST.get(f"explain-{i}", "") for i in range(len(warnings))}
            try:
                budget = flow.confirm(upload, acting_user=request.user, explanations=explanations)
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, f"工作簿已导入“{budget}”")
                return redirect(reverse("admin:budgets_budget_change", args=[budget.pk]))
        problems = upload.report.get("problems", [])
        context = self._context(
            request, original=upload, upload=upload, title=f"上传结果：{upload.original_name}",
            fatal=[p for p in problems if p.get("fatal", True)],
            warnings=list(enumerate(warnings)), preview=upload.report.get("preview", []),
            may_confirm=may_confirm, errors=errors, posted=request.POST,
            explanations=upload.explanations.all())
        return TemplateResponse(request, self.change_form_template, context)

    def report_view(self, request, pk):
        upload = self.get_queryset(request).filter(pk=pk).first()
        if upload is None:
            raise Http404("未找到该上传记录，或您无权查看")
        data = None
        if upload.file:
            with upload.file.open("rb") as handle:
                data = handle.read()
        body = report_workbook(upload.report.get("problems", []), data)
        response = HttpResponse(body, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="upload-{upload.pk}-report.xlsx"'
        response["Cache-Control"] = "private, no-store"
        return response

    def budget_workbook_view(self, request, budget_id):
        """The filled standard workbook of any budget the user may see (drafts included)."""
        budget = permissions.visible_budgets(request.user).filter(pk=budget_id).first()
        if budget is None:
            raise Http404("未找到该预算，或您无权查看")
        permissions.require(request.user, Action.DOWNLOAD_DRAFT, budget)
        response = HttpResponse(write_workbook(budget), content_type=XLSX)
        org = budget.organisation
        response["Content-Disposition"] = (
            f'attachment; filename="{org.region.code}-{budget.fiscal_year.year}-{org.code}'
            f'-r{budget.revision}-{budget.status}.xlsx"')
        response["Cache-Control"] = "private, no-store"   # a draft is not for shared caches
        return response

    def template_view(self, request):
        form = TemplateForm(request.GET or None, user=request.user)
        if request.GET and form.is_valid():
            org = form.cleaned_data["organisation"]
            year = form.cleaned_data["year"]
            body = write_template(org, year, form.cleaned_data["scope"])
            response = HttpResponse(body, content_type=XLSX)
            response["Content-Disposition"] = (
                f'attachment; filename="{org.region.code}-{year}-{org.code}-template.xlsx"')
            response["Cache-Control"] = "private, no-store"
            return response
        if not permissions.creatable_organisations(request.user).exists():
            raise PermissionDenied("只有预算单位财务人员可以下载空白模板")
        return TemplateResponse(request, "admin/budgets/workbookupload/template.html",
                                self._context(request, form=form, title="下载空白模板"))

