from django.apps import AppConfig


class CooperativesConfig(AppConfig):
    name = "backend.cooperatives"
    label = "cooperatives"
    verbose_name = "Koperasi"
