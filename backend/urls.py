from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from backend.graphql.view import graphql_view
from backend.health import healthz

urlpatterns = [
    path("graphql/", graphql_view, name="graphql"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("storefront.urls")),
    path("", include("dashboard.urls")),
    path("", include("orders.urls")),
    path("", include("suppliers.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
