from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Katalog"

    def ready(self):
        from .services.import_jobs import register_job_kinds

        register_job_kinds()
