from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Katalog"

    def ready(self):
        # A seller signing in with a code on /masuk/ gets it through their cooperative's
        # WhatsApp or SMS.
        from backend.accounts.codes import cooperative_finder_register

        from .selectors import seller_cooperative_of

        cooperative_finder_register(seller_cooperative_of)
