from django.contrib import admin
from django.urls import include, path

# disclosures.urls carries the public site, including its own "disclosures/" prefix.
# Media files are deliberately not routed: see MEDIA_ROOT in settings/base.py.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("disclosures.urls")),
]
