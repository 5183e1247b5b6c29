"""Admin: small declarative classes, every page scoped by budgets.permissions."""

from django.contrib import admin

from . import accounts, budget, lines, upload  # noqa: F401  (registration)

admin.site.site_header = "预算公开平台管理"
admin.site.site_title = "预算公开平台"
admin.site.index_title = "管理首页"
