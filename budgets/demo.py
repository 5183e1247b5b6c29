"""The demo data: the three published seed disclosures, shipped as standard workbooks."""

from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from . import workflow
from .code_catalogs import load_shipped_catalogs
from .importing.document import save_document
from .importing.upload import import_workbook
from .models import (
    Budget,
    FunctionCode,
    Organisation,
    Region,
    Role,
    RoleAssignment,
    Status,
    UploadStatus,
)
from .workbook.reader import read_workbook

DEMO_DIR = Path(__file__).resolve().parent / "demo"
SYSTEM_USERNAME = "demo-loader"
# Demo-only sign-in for the admin (README "Demo accounts"); never load the demo in production.
DEMO_ADMIN = ("demo-admin", "demo-admin")
TIANMEN = "429006"
# One demo account per role: (user name = password, display name, role, organisation code or
# region code). The organisations and the region come from the Tianmen demo workbooks.
DEMO_ROLE_ACCOUNTS = (
    ("demo-officer", "信息中心财务人员（演示）", Role.UNIT_OFFICER, "213011"),
    ("demo-reviewer", "人社局审核人员（演示）", Role.DEPARTMENT_REVIEWER, "213"),
    ("demo-publisher", "天门市财政局公开人员（演示）", Role.FINANCE_PUBLISHER, TIANMEN),
)


def system_user():
    """The account demo changes are recorded under; it cannot log in."""
    user, created = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"first_name": "演示数据"})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _demo_user(username, **defaults):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"is_staff": True, **defaults})
    if created:
        user.set_password(username)
        user.save(update_fields=["password"])
    return user


def demo_admin():
    """The site administrator: accounts, roles and reference data; sees every budget."""
    user = _demo_user(DEMO_ADMIN[0], is_superuser=True, first_name="平台管理员（演示）")
    RoleAssignment.objects.get_or_create(user=user, role=Role.SITE_ADMIN)
    return user


def demo_role_accounts():
    """The officer, reviewer and publisher accounts, once their organisations exist."""
    accounts = []
    for username, name, role, code in DEMO_ROLE_ACCOUNTS:
        if role == Role.FINANCE_PUBLISHER:
            scope = {"region": Region.objects.filter(code=code).first()}
        else:
            scope = {"organisation": Organisation.objects.filter(
                region__code=TIANMEN, code=code).first()}
        if None in scope.values():
            continue
        user = _demo_user(username, first_name=name)
        RoleAssignment.objects.get_or_create(user=user, role=role, **scope)
        accounts.append(user)
    return accounts


def demo_workbooks():
    return sorted(DEMO_DIR.glob("*.xlsx"))


def demo_document(stem):
    """The budget document of the demo workbook named `stem`, e.g. "wuhan-hrss-info-center-2026"."""
    path = next(p for p in demo_workbooks() if p.stem == stem)
    return read_workbook(path.read_bytes())


def enlarged_copy(doc, *, code, extra_rows):
    """A budget document `doc` of one unit saved under organisation `code` with `extra_rows`
    more 一般公共预算 项 of 100 元 each (and the economic line and revenue that balance
    them), then submitted, approved and published: for measuring that a page's cost does not
    grow with the budget (benchmarks/disclosure_page.py and its query-count test)."""
    doc = dict(doc, organisation=dict(doc["organisation"], code=code))
    old_unit = doc["units"][0]["code"]
    doc["units"] = [{"code": code, "name": doc["organisation"]["name"]}]
    for key in ("revenue", "expenditure", "projects"):
        doc[key] = [dict(row, unit=code) if row.get("unit") == old_unit else row
                    for row in doc.get(key, [])]
    items = list(FunctionCode.objects.filter(year__year=doc["year"], level="item")
                 .exclude(code__in=[e["function"] for e in doc["expenditure"]])
                 .values_list("code", flat=True)[:extra_rows])
    doc["expenditure"] += [
        {"unit": code, "fund": "general_budget", "function": item, "personnel": "100.00",
         "public": "0.00", "project": "0.00", "operating": "0.00", "remit": "0.00",
         "subsidy": "0.00"} for item in items]
    # The same money on the economic side and on the revenue side keeps the tables balanced.
    added = Decimal(100 * len(items))
    doc["basic_expenditure"] = [dict(row) for row in doc["basic_expenditure"]]
    doc["revenue"] = [dict(row) for row in doc["revenue"]]
    basic = doc["basic_expenditure"][0]
    basic["personnel"] = str(Decimal(basic["personnel"]) + added)
    general = next(r for r in doc["revenue"] if r["source"] == "general_budget")
    general["amount"] = str(Decimal(general["amount"]) + added)
    budget = save_document(doc)
    user = system_user()
    for step in (workflow.submit, workflow.approve, workflow.publish):
        step(budget, acting_user=user, via="command")
    return budget


def load_demo(*, log=print):
    """Import the catalogs and publish every demo workbook that is not published yet.
    Running it again changes nothing."""
    load_shipped_catalogs()
    actor = system_user()
    demo_admin()
    loaded = []
    for path in demo_workbooks():
        doc = read_workbook(path.read_bytes())
        org = doc["organisation"]
        published = Budget.objects.filter(
            organisation__region__code=doc["region"]["code"], organisation__code=org["code"],
            fiscal_year__year=doc["year"], scope=doc["scope"], status=Status.PUBLISHED)
        if published.exists():
            log(f"已存在，跳过：{path.name}")
            continue
        with transaction.atomic():
            # The same importer as an officer's upload: read, validate, preview, confirm.
            upload = import_workbook(path.read_bytes(), acting_user=actor, via="command",
                                     name=path.name, explanation="演示数据：照录公开文件")
            if upload.budget is None or upload.status != UploadStatus.IMPORTED:
                raise RuntimeError(f"演示工作簿 {path.name} 未能导入：{upload.report}")
            budget = upload.budget
            for step in (workflow.submit, workflow.approve, workflow.publish):
                step(budget, acting_user=actor, via="command")
        loaded.append(budget)
        log(f"已加载并公开：{budget}")
    demo_role_accounts()
    return loaded
