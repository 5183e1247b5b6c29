"""The workbook upload flow: receive → parse → validate → preview → confirm → save.

`receive` keeps every file it is given (a WorkbookUpload with the file, who sent it and the
report), reads and validates it and computes what it would change, table by table; it never
touches a budget. `confirm` imports a previewed upload into the draft in one transaction
(budgets.importing.document.save_document), with the officer's explanation of every warning.
A failed upload stays on record with its report; the budget's saved figures stay as they were.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from budgets import audit, permissions
from budgets import models as m
from budgets.exporting import budget_to_document
from budgets.permissions import Action
from budgets.validation import Issue, check_workbook
from budgets.workbook import official
from budgets.workbook.reader import read_workbook_printed

from .document import save_document
from .errors import ImportFailed, Problem
from .preview import preview

PARSED_SECONDS = 3600   # how long a previewed upload's reading is kept for its confirmation
TOO_BIG = "文件大小 {size} 超过上限 {limit} MB；标准工作簿通常不到 1 MB，请检查是否选错了文件"


def _mb(size):
    return f"{size / 1024 / 1024:.1f} MB"


def _issue(problem):
    if isinstance(problem, Issue):
        return problem
    return Issue(where=problem.where, message=problem.message, fatal=problem.fatal,
                 code="R000")   # a reading problem: the file is not read as a whole


def _target(doc):
    """The organisation and the newest revision of the budget the document describes."""
    org = (m.Organisation.objects.select_related("region")
           .filter(region__code=(doc.get("region") or {}).get("code"),
                   code=(doc.get("organisation") or {}).get("code")).first())
    budget = None
    if org is not None:
        budget = (m.Budget.objects.filter(organisation=org, fiscal_year__year=doc.get("year"),
                                          scope=doc.get("scope"))
                  .order_by("-revision").first())
    return org, budget


def _refusal(user, doc, org, budget, expected):
    """Why this user may not import this document here, or None."""
    cover = doc.get("organisation") or {}
    if expected is not None and budget != expected:
        return (f"工作簿封面是“{cover.get('name', '')}”{doc.get('year')}年的预算，"
                f"不是“{expected}”；请检查封面的单位代码、年度和预算类型")
    if budget is not None and user is not None and \
            not permissions.permitted(user, Action.UPLOAD, budget):
        return f"您没有权限向“{budget}”上传工作簿"
    if budget is not None and budget.status not in (m.Status.DRAFT, m.Status.RETURNED):
        return (f"“{budget}”第 {budget.revision} 版状态为“{budget.get_status_display()}”，"
                "不能被上传覆盖；已公开的预算只能通过更正修改")
    if budget is not None or user is None:
        return None
    if org is None or not permissions.may_create_for(user, org):
        return (f"您没有权限为“{cover.get('name', '')}”（{cover.get('code', '')}）上传预算；"
                "只有本单位的财务人员可以上传")
    return None


def _region(region):
    parent = region.parent
    return {"code": region.code, "name": region.name,
            **({"parent": {"code": parent.code, "name": parent.name}} if parent else {})}


def _defaults(budget, region, year):
    """What a workbook exported by 预算管理一体化 does not say (it has no cover): taken from
    the budget it is uploaded to, or the batch command's --region and --year."""
    if budget is not None:
        org = budget.organisation
        return {"region": _region(org.region), "year": budget.fiscal_year.year,
                "scope": budget.scope, "layout": budget.layout}
    found = m.Region.objects.select_related("parent").filter(code=region).first() \
        if region else None
    return {"region": _region(found) if found else None, "year": int(year) if year else None}


def _keep(doc, draft):
    """A 预算管理一体化 export keeps the draft's parts that no official table carries."""
    if draft is not None and doc.get("source") == official.SOURCE:
        official.keep_from(doc, budget_to_document(draft))


def _finish(upload, status, problems):
    issues = [_issue(p) for p in problems]
    upload.status = status
    upload.report = {**upload.report, "problems": [i.as_dict() for i in issues]}
    upload.fatal_count = sum(i.fatal for i in issues)
    upload.warning_count = len(issues) - upload.fatal_count
    upload.save()
    return upload


def receive(file, *, acting_user, via=audit.VIA_UPLOAD, name="", budget=None, region=None,
            year=None, check_permission=True):
    """Keep the file, read and check it, and record the preview. `budget`: the draft the
    officer is uploading to (the workbook must be its own); `region`/`year`: what the batch
    command was told the workbooks are. Never changes a budget. `check_permission=False`
    only for the batch command and the demo loader, run by the server's operator."""
    data = file if isinstance(file, bytes) else _read_limited(file)
    size = len(data) if isinstance(file, bytes) else getattr(file, "size", None) or len(data)
    size = min(size, 2**31 - 1)   # the column's range; anything near it is refused anyway
    name = name or getattr(file, "name", "") or "workbook.xlsx"
    upload = m.WorkbookUpload(original_name=name[-255:], size=size,
                              sha256=hashlib.sha256(data).hexdigest(), uploaded_by=acting_user,
                              via=via, status=m.UploadStatus.REJECTED, report={})
    limit = settings.MAX_WORKBOOK_UPLOAD_BYTES
    if size > limit or len(data) > limit:
        # The file itself is not kept: it is over the limit the system accepts.
        upload.file.name = ""
        return _finish(upload, m.UploadStatus.REJECTED, [Problem("", TOO_BIG.format(
            size=_mb(size), limit=limit // 1024 // 1024))])
    upload.file.save(f"{upload.sha256[:16]}.xlsx", ContentFile(data), save=False)
    try:
        doc, printed = read_workbook_printed(data, _defaults(budget, region, year))
    except ImportFailed as failed:
        return _finish(upload, m.UploadStatus.REJECTED, failed.problems)
    org, target = _target(doc)
    upload.organisation, upload.fiscal_year = org, doc.get("year")
    upload.budget = target
    mismatch = []
    if region and (doc.get("region") or {}).get("code") != region:
        mismatch.append(f"工作簿封面的区划代码是“{doc['region'].get('code')}”，不是命令指定的“{region}”")
    if year and doc.get("year") != int(year):
        mismatch.append(f"工作簿封面的预算年度是 {doc.get('year')}，不是命令指定的 {year}")
    refusal = _refusal(acting_user if check_permission else None, doc, org, target, budget)
    if refusal:
        mismatch.append(refusal)
    if mismatch:
        return _finish(upload, m.UploadStatus.REJECTED,
                     [Problem("封面", text) for text in mismatch])
    draft = target if target is not None and target.status in (
        m.Status.DRAFT, m.Status.RETURNED) else None
    _keep(doc, draft)
    issues = check_workbook(doc, printed)
    new = f"{(doc.get('organisation') or {}).get('name', '')}{doc.get('year')}年预算（新建）"
    upload.report = {"preview": preview(draft, doc), "target": str(target) if target else new}
    status = m.UploadStatus.INVALID if any(i.fatal for i in issues) else m.UploadStatus.PREVIEWED
    upload = _finish(upload, status, issues)
    upload.parsed = (doc, issues)   # for a confirm in the same process (batch, demo loader)
    if via == audit.VIA_UPLOAD and status == m.UploadStatus.PREVIEWED:
        # The officer confirms in a later request: keep what was read for it.
        cache.set(_parsed_key(upload), upload.parsed, PARSED_SECONDS)
    return upload


def _parsed_key(upload):
    return f"workbook-upload:{upload.pk}:{upload.sha256}"


def _parsed(upload):
    """What `receive` read from this upload's file, or the file read and checked again. The
    stored file is hashed first: only the very bytes that were checked use the kept reading."""
    with upload.file.open("rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() == upload.sha256:
        parsed = cache.get(_parsed_key(upload))
        if parsed is not None:
            return parsed
    if upload.budget is not None:
        defaults = _defaults(upload.budget, None, None)
    elif upload.organisation is not None:
        defaults = {"region": _region(upload.organisation.region), "year": upload.fiscal_year}
    else:
        defaults = None
    doc, printed = read_workbook_printed(data, defaults)
    _keep(doc, upload.budget if upload.budget is not None and upload.budget.status in (
        m.Status.DRAFT, m.Status.RETURNED) else None)
    return doc, check_workbook(doc, printed)


def _read_limited(file):
    """The bytes of an uploaded file, refusing early (without reading it all) when too big."""
    limit = settings.MAX_WORKBOOK_UPLOAD_BYTES
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        return file.read(limit + 1)   # enough to know; receive refuses it
    if hasattr(file, "seek"):
        file.seek(0)
    return file.read(limit + 1)


def warnings_of(upload):
    return [Issue.from_dict(d) for d in upload.report.get("problems", []) if not d.get("fatal")]


def confirm(upload, *, acting_user, explanations=None, check_permission=True):
    """Import a previewed upload into its draft, all or nothing. `explanations` maps the
    index of each warning (in `warnings_of`) to the officer's text; every warning needs one.
    Returns the budget; raises ValidationError with what is missing. The workbook is not
    read again when this process has just read it (`receive`) or the reading kept for the
    officer's confirmation is still there for the same bytes."""
    parsed = getattr(upload, "parsed", None)
    return _confirm(upload, acting_user, explanations or {}, check_permission, parsed)


def _confirm(upload, acting_user, explanations, check_permission, parsed):
    with transaction.atomic():
        upload = m.WorkbookUpload.objects.select_for_update().get(pk=upload.pk)
        if upload.status != m.UploadStatus.PREVIEWED:
            raise ValidationError(f"该上传状态为“{upload.get_status_display()}”，不能导入")
        warnings = warnings_of(upload)
        missing = [w for i, w in enumerate(warnings) if not str(explanations.get(i, "")).strip()]
        if missing:
            raise ValidationError([f"请说明提示：{w}" for w in missing])
        doc, issues = parsed if parsed is not None else _parsed(upload)
        if any(i.fatal for i in issues):
            raise ValidationError("工作簿未通过校验，不能导入")
        org, target = _target(doc)
        refusal = _refusal(acting_user if check_permission else None, doc, org, target, None)
        if refusal:
            raise PermissionDenied(refusal)
        with audit.acting(acting_user, upload.via):
            try:
                budget = save_document(doc)
            except ImportFailed as failed:
                raise ValidationError([str(p) for p in failed.problems]) from failed
            m.BudgetEvent.objects.create(
                budget=budget, action=m.BudgetEvent.Action.IMPORT, actor=acting_user,
                from_status=budget.status, to_status=budget.status, via=upload.via,
                note=f"导入工作簿 {upload.original_name}")
            m.WarningExplanation.objects.bulk_create([
                m.WarningExplanation(budget=budget, upload=upload, code=w.code, where=w.where,
                                     message=w.message, text=str(explanations[i]).strip(),
                                     author=acting_user)
                for i, w in enumerate(warnings)])
        # Earlier uploads still waiting for this budget are superseded by this one.
        (m.WorkbookUpload.objects.filter(budget=budget, status=m.UploadStatus.PREVIEWED)
         .exclude(pk=upload.pk).update(status=m.UploadStatus.DISCARDED))
        upload.budget, upload.organisation = budget, budget.organisation
        upload.status, upload.decided_at = m.UploadStatus.IMPORTED, timezone.now()
        upload.save()
    cache.delete(_parsed_key(upload))
    return budget


def import_workbook(data, *, acting_user, via, name="", region=None, year=None,
                    explanation=""):
    """receive then confirm, for the batch command and the demo loader: warnings are
    explained by `explanation` (none given: an upload with warnings stays to be confirmed).
    Returns the upload."""
    upload = receive(data, acting_user=acting_user, via=via, name=name, region=region,
                     year=year, check_permission=False)
    if upload.status != m.UploadStatus.PREVIEWED:
        return upload
    warnings = warnings_of(upload)
    if warnings and not explanation:
        return upload
    confirm(upload, acting_user=acting_user, check_permission=False,
            explanations=dict.fromkeys(range(len(warnings)), explanation))
    upload.refresh_from_db()
    return upload
