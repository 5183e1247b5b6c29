"""Public URLs: the index, /disclosures/<region-code>/<year>/<org-code>/ and its downloads."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import api, downloads, portal, views, workbook_downloads
from .public_cache import cached_public
from .sitemaps import SITEMAPS

app_name = "disclosures"

urlpatterns = [
    # The portal's front page is the site's home; the plain list of every disclosure stays.
    path("", portal.browse, name="home"),
    path("disclosures/all/", views.index, name="index"),
    path("disclosures/<str:region>/<int:year>/<str:org>/", views.document, name="document"),
    path("disclosures/<str:region>/<int:year>/<str:org>.pdf", downloads.pdf, name="pdf"),
    # Every public revision at its own address, with its PDF and what its correction changed.
    path("disclosures/<str:region>/<int:year>/<str:org>/r<int:revision>/", views.revision,
         name="revision"),
    path("disclosures/<str:region>/<int:year>/<str:org>/r<int:revision>.pdf",
         downloads.revision_pdf, name="revision_pdf"),
    path("disclosures/<str:region>/<int:year>/<str:org>/r<int:revision>/changes/",
         views.changes, name="changes"),
    path("disclosures/<str:region>/<int:year>/<str:org>.xlsx", workbook_downloads.workbook,
         name="xlsx"),
    # The citizen portal (disclosures/portal.py) and open data (disclosures/api.py).
    path("disclosures/", portal.browse, name="browse"),
    path("disclosures/search/", portal.search, name="search"),
    path("disclosures/search/export.xlsx", portal.search_export, name="search_xlsx"),
    path("disclosures/<str:region>/units/<str:org>/", portal.unit, name="unit"),
    path("disclosures/<str:region>/units/<str:org>/compare/", portal.unit_compare,
         name="unit_compare"),
    path("disclosures/<str:region>/compare/<int:year>/", portal.compare, name="compare"),
    path("disclosures/<str:region>/compare/<int:year>/export.xlsx", portal.compare_export,
         name="compare_xlsx"),
    path("disclosures/<str:region>/<int:year>/datapackage.json", api.region_datapackage,
         name="datapackage"),
    path("disclosures/<str:region>/<int:year>/expenditure-by-function.csv",
         api.bulk_function_csv, name="bulk_function_csv"),
    path("disclosures/<str:region>/<int:year>/basic-expenditure-by-economic.csv",
         api.bulk_economic_csv, name="bulk_economic_csv"),
    path("disclosures/<str:region>/<int:year>/<str:org>.json", api.budget_document,
         name="json"),
    path("disclosures/<str:region>/<int:year>/<str:org>/tables/<str:table>.csv",
         api.budget_table_csv, name="table_csv"),
    path("api/disclosures/", api.disclosures_list, name="api_list"),
    path("api/openapi.json", api.openapi, name="openapi"),
    path("api/schema/budget.schema.json", api.budget_schema, name="budget_schema"),
    path("api/docs/", api.docs, name="api_docs"),
    path("sitemap.xml", cached_public(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
]
