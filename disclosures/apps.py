from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "disclosures"
    verbose_name = "预算公开"

    def ready(self):
        from budgets.workflow import published

        from . import checks  # noqa: F401  (registers the PDF start-up checks)
        from .tasks import on_published

        published.connect(on_published, dispatch_uid="disclosures.generate_pdf")
        from .public_cache import refresh_stamp
        published.connect(refresh_stamp, dispatch_uid="disclosures.refresh_stamp")
        from django.db.models.signals import post_save

        from budgets.models import Organisation
        from budgets.workflow import publishing

        from .search_index import on_organisation_saved, on_publishing
        publishing.connect(on_publishing, dispatch_uid="disclosures.search_index")
        post_save.connect(on_organisation_saved, sender=Organisation,
                          dispatch_uid="disclosures.search_index.organisation")
