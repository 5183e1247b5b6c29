"""The portal's URLs plus /bench/cached/<region>/<year>/<org>/: the disclosure page as it is
served when wrapped in cached_public, measured against the same page uncached."""

from django.urls import include, path

from disclosures import views
from disclosures.public_cache import cached_public

urlpatterns = [
    path("bench/cached/disclosures/<str:region>/<int:year>/<str:org>/",
         cached_public(views.document)),
    path("", include("config.urls")),
]
