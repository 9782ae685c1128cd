from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Anggota"

    def ready(self):
        from .services.import_jobs import register_job_kinds

        register_job_kinds()
