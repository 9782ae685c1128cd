from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Katalog"

    def ready(self):
        from backend.graphql.response_cache import public_roots

        from .services.import_jobs import register_job_kinds

        register_job_kinds()
        # Answers that depend only on the request (see response_cache): kept for a second.
        public_roots("products", "product", "categories", "category", "searchSuggestions")
