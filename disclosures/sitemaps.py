"""sitemap.xml for search engines: the portal's front pages, every published disclosure and
every unit page."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from budgets.models import Budget, Organisation, Status


class PortalSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["disclosures:browse", "disclosures:search", "disclosures:api_docs"]

    def location(self, item):
        return reverse(item)


class DisclosureSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6
    limit = 10000

    def items(self):
        return (Budget.objects.filter(status=Status.PUBLISHED)
                .select_related("organisation__region", "fiscal_year")
                .order_by("pk"))

    def location(self, budget):
        org = budget.organisation
        return reverse("disclosures:document", kwargs={
            "region": org.region.code, "year": budget.fiscal_year.year, "org": org.code})

    def lastmod(self, budget):
        return budget.published_at


class UnitSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5
    limit = 10000

    def items(self):
        return (Organisation.objects.filter(budgets__status=Status.PUBLISHED)
                .select_related("region").distinct().order_by("pk"))

    def location(self, org):
        return reverse("disclosures:unit", kwargs={"region": org.region.code, "org": org.code})


SITEMAPS = {"portal": PortalSitemap, "disclosures": DisclosureSitemap, "units": UnitSitemap}
