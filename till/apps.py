from django.apps import AppConfig


class TillConfig(AppConfig):
    name = "till"
    verbose_name = "Kasir"

    def ready(self):
        from .hooks import register_hooks

        register_hooks()
