from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Laporan"

    def ready(self):
        from .services.jobs import register_job_kinds

        register_job_kinds()
