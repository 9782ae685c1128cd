from django.apps import AppConfig


class SavingsConfig(AppConfig):
    name = "savings"
    verbose_name = "Simpanan"

    def ready(self):
        from .services.hooks import hooks_register

        hooks_register()
