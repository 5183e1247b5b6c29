from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "budgets"
    verbose_name = "预算管理"

    def ready(self):
        from simple_history.signals import pre_create_historical_record

        from .audit import stamp

        pre_create_historical_record.connect(stamp, dispatch_uid="budgets.audit.stamp")
