from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "inventory"
    verbose_name = "Persediaan"

    def ready(self):
        from .stock_import import register_job_kinds

        register_job_kinds()
