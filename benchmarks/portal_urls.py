"""The portal's URLs plus /bench/uncached/<region>/<year>/<org>/: the disclosure page built on
every request (what disclosures.views.document does on a cache miss), measured against the
page as routed, which the publication-stamped cache serves."""

from django.urls import include, path

from disclosures import views


def uncached_document(request, region, year, org):
    return views._document(request, views.current_revision(region, year, org))


urlpatterns = [
    path("bench/uncached/disclosures/<str:region>/<int:year>/<str:org>/", uncached_document),
    path("", include("config.urls")),
]
