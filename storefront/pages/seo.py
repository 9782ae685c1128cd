"""Search engines: one sitemap per cooperative (its own host or /k/<slug>/) and robots.txt."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from .. import reads
from ..shop import absolute_shop_url, shop_page

SITEMAP_LIMIT = 50_000  # the sitemap protocol's limit per file


@require_GET
@shop_page
def sitemap(request, cooperative):
    urls = [absolute_shop_url(request, "home")]
    urls += [absolute_shop_url(request, "category", slug)
             for slug in reads.categories_all(cooperative).values_list("slug", flat=True)]
    urls += [absolute_shop_url(request, "seller", slug)
             for slug in reads.sellers_of(cooperative).values_list("slug", flat=True)]
    products = reads.visible_products(cooperative).order_by("pk").values_list(
        "slug", "updated_at")[:SITEMAP_LIMIT]
    entries = [(u, None) for u in urls] + [
        (absolute_shop_url(request, "product", slug), changed) for slug, changed in products]
    body = render_to_string("storefront/shop/sitemap.xml", {"entries": entries})
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


@require_GET
@cache_page(3600)
@shop_page
def robots(request, cooperative):
    lines = ["User-agent: *", "Disallow: /keranjang/", "Disallow: /bayar/",
             "Disallow: /akun/", "Disallow: /pesanan/",
             f"Sitemap: {absolute_shop_url(request, 'sitemap')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
