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
