"""Browsing: home, category and search results, product and seller pages."""

import json

from django import forms
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from catalog.richtext import sanitize_description
from orders.selectors import popular_product_ids

from .. import reads
from ..search import SORTS, Filters, search_products, suggest_products
from ..shop import absolute_shop_url, bahasa_first, shop_page, shop_url

PAGE_SIZE = 24


def _or_404(found):
    if found is None:
        raise Http404
    return found


@require_GET
def home_or_directory(request, coop=None):
    """A cooperative's home; on a host that names no cooperative, the list of stores."""
    from backend.cooperatives.selectors import cooperative_list
    from backend.cooperatives.tenancy import request_cooperative

    if coop is None and request_cooperative(request) is None:
        bahasa_first(request)
        return render(request, "storefront/shop/directory.html", {
            "cooperatives": cooperative_list().filter(is_active=True)})
    return home(request, coop=coop)


@shop_page
def home(request, cooperative):
    visible = reads.visible_products(cooperative)
    newest = reads.with_card_data(visible.order_by("-published_at", "-pk"))[:8]
    popular_ids = popular_product_ids(cooperative)
    popular = sorted(reads.with_card_data(visible.filter(pk__in=popular_ids)),
                     key=lambda p: popular_ids.index(p.pk))
    sellers = reads.sellers_of(cooperative).filter(is_cooperative_itself=False)[:12]
    return render(request, "storefront/shop/home.html", {
        "categories": reads.categories_of(cooperative),
        "newest": reads.cards(request, cooperative, newest),
        "popular": reads.cards(request, cooperative, popular),
        "sellers": sellers,
        "canonical": absolute_shop_url(request, "home"),
    })


class FilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)
    kategori = forms.ChoiceField(label=gettext_lazy("Category"), required=False)
    penjual = forms.ChoiceField(label=gettext_lazy("Seller"), required=False)
    harga_min = forms.IntegerField(label=gettext_lazy("Lowest price (Rp)"), required=False,
                                   min_value=0)
    harga_max = forms.IntegerField(label=gettext_lazy("Highest price (Rp)"), required=False,
                                   min_value=0)
    halal = forms.BooleanField(label=gettext_lazy("Halal only"), required=False)
    tersedia = forms.BooleanField(label=gettext_lazy("In stock only"), required=False)
    urut = forms.ChoiceField(label=gettext_lazy("Sort by"), required=False, choices=[
        ("", gettext_lazy("Best match")), ("best-selling", gettext_lazy("Best-selling")),
        ("name", gettext_lazy("Name")), ("price", gettext_lazy("Cheapest first")),
        ("price-desc", gettext_lazy("Most expensive first")),
        ("newest", gettext_lazy("Newest"))])
    halaman = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, data, cooperative):
        super().__init__(data)
        self.categories = {c.slug: c for c in reads.categories_all(cooperative)}
        self.sellers = {s.slug: s for s in reads.sellers_of(cooperative)}
        self.fields["kategori"].choices = [("", _("All categories"))] + [
            (slug, c.name) for slug, c in self.categories.items()]
        self.fields["penjual"].choices = [("", _("All sellers"))] + [
            (slug, s.business_name) for slug, s in self.sellers.items()]

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(category=self.categories.get(data.get("kategori") or ""),
                       seller=self.sellers.get(data.get("penjual") or ""),
                       price_min=data.get("harga_min"), price_max=data.get("harga_max"),
                       halal=True if data.get("halal") else None,
                       in_stock=True if data.get("tersedia") else None)


def _results(request, cooperative, data, *, title, canonical, template_extra=None):
    form = FilterForm(data, cooperative)
    if not form.is_valid():
        products, page, has_next = [], 1, False
        query = ""
    else:
        query = form.cleaned_data["q"]
        sort = form.cleaned_data.get("urut") or ""
        page = form.cleaned_data.get("halaman") or 1
        found = search_products(cooperative, query, form.filters(),
                                sort if sort in SORTS else "")
        start = (page - 1) * PAGE_SIZE
        chunk = list(reads.with_card_data(found)[start:start + PAGE_SIZE + 1])
        has_next = len(chunk) > PAGE_SIZE
        products = reads.cards(request, cooperative, chunk[:PAGE_SIZE])
    params = request.GET.copy()
    params.pop("halaman", None)
    return render(request, "storefront/shop/results.html", {
        "form": form, "products": products, "page": page, "has_next": has_next,
        "query": query, "title": title, "canonical": canonical,
        "params": params.urlencode(), **(template_extra or {})})


@require_GET
@shop_page
def search(request, cooperative):
    query = request.GET.get("q", "").strip()
    title = _("Search: %(query)s") % {"query": query} if query else _("All products")
    return _results(request, cooperative, request.GET, title=title,
                    canonical=absolute_shop_url(request, "search"))


@require_GET
@shop_page
def category(request, cooperative, slug):
    found = _or_404(reads.category_by_slug(cooperative, slug))
    data = request.GET.copy()
    data["kategori"] = slug
    return _results(request, cooperative, data, title=found.name,
                    canonical=absolute_shop_url(request, "category", slug),
                    template_extra={"category": found})


@require_GET
@shop_page
def suggest(request, cooperative):
    names = suggest_products(cooperative, request.GET.get("q", ""))
    return JsonResponse({"suggestions": names})


def _product_json_ld(request, card) -> str:
    product = card.product
    data = {"@context": "https://schema.org", "@type": "Product", "name": product.name,
            "sku": card.variants[0][0].sku if card.variants else "",
            "brand": {"@type": "Brand", "name": product.seller.business_name},
            "url": absolute_shop_url(request, "product", product.slug)}
    if card.photo:
        data["image"] = request.build_absolute_uri(card.photo.jpeg_large)
    if card.price:
        data["offers"] = {
            "@type": "Offer", "priceCurrency": "IDR", "price": str(card.price.price),
            "availability": "https://schema.org/InStock" if card.in_stock
            else "https://schema.org/OutOfStock",
            "url": absolute_shop_url(request, "product", product.slug)}
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


@require_GET
@shop_page
def product(request, cooperative, slug):
    card = _or_404(reads.product_card(request, cooperative, slug))
    free = reads.variants_free_units(card.product)
    return render(request, "storefront/shop/product.html", {
        "card": card, "product": card.product, "seller": card.product.seller,
        # Cleaned when saved; cleaned again here in case a row came in another way.
        "description": sanitize_description(card.product.description),
        "photos": reads.product_photos(card),
        "variants": [(v, p, max(0, free.get(v.pk) or 0)) for v, p in card.variants],
        "stores": reads.availability(card.product, [v for v, _price in card.variants]),
        "json_ld": _product_json_ld(request, card),
        "canonical": absolute_shop_url(request, "product", slug),
        "cart_url": shop_url(request, "cart-add"),
    })


@require_GET
@shop_page
def seller(request, cooperative, slug):
    found = _or_404(reads.seller_by_slug(cooperative, slug))
    products = reads.with_card_data(reads.visible_products(cooperative).filter(
        seller=found).order_by("name", "pk"))[:48]
    return render(request, "storefront/shop/seller.html", {
        "seller": found, "products": reads.cards(request, cooperative, products),
        "canonical": absolute_shop_url(request, "seller", slug)})
