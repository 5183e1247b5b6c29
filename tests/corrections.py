"""A correction as the demo's people make one: the publisher opens it, the housing-fund figure
goes up by 100 元 in every table that shows it, the reason is typed, and it is submitted and
approved. Publishing is left to the test (some capture its on-commit callbacks)."""

from django.contrib.auth.models import User

from budgets import workflow
from budgets.models import ExpenditureItem


def approved_housing_fund_correction(first, *, reason_text):
    publisher = User.objects.get(username="demo-publisher")
    draft = workflow.correct(first, acting_user=publisher, reason="更正住房公积金金额")
    item = ExpenditureItem.objects.get(budget=draft, function_code__code="2210201")
    item.personnel += 100
    item.save()
    basic = draft.basic_items.get(economic_code__code="30113")
    basic.personnel += 100
    basic.save()
    revenue = draft.revenue_items.get()
    revenue.amount += 100
    revenue.save()
    draft.narrative.filter(key="reason.revenue_change").update(text=reason_text)
    workflow.submit(draft, acting_user=User.objects.get(username="demo-officer"))
    workflow.approve(draft, acting_user=User.objects.get(username="demo-reviewer"))
    return draft
