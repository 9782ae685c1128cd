from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from backend.graphql.view import graphql_view
from backend.health import healthz

urlpatterns = [
    path("graphql/", graphql_view, name="graphql"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("storefront.urls")),
    path("", include("dashboard.urls")),
    path("", include("orders.urls")),
    path("", include("suppliers.urls")),
    path("", include("messaging.urls")),
    path("", include("payments.urls")),
    path("", include("till.urls")),
    # The storefront of the cooperative named by the host, or by the /k/<slug>/ prefix.
    path("k/<slug:coop>/", include("storefront.shop_urls", namespace="shop-k")),
    path("", include("storefront.shop_urls", namespace="shop")),
]

if settings.SERVE_MEDIA:
    # Django's static() helper serves nothing with DEBUG off; this serves MEDIA_ROOT anyway.
    urlpatterns.append(re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve,
                               {"document_root": settings.MEDIA_ROOT}))
