from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Katalog"

    def ready(self):
        from backend.accounts.codes import cooperative_finder_register
        from backend.graphql.response_cache import public_roots

        from .selectors import seller_cooperative_of
        from .services.import_jobs import register_job_kinds

        register_job_kinds()
        # Answers that depend only on the request (see response_cache): kept for a second.
        public_roots("products", "product", "categories", "category", "searchSuggestions")
        # A seller signing in with a code on /masuk/ gets it through their cooperative's
        # WhatsApp or SMS.
        cooperative_finder_register(seller_cooperative_of)
