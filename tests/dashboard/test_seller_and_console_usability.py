"""Issue 15, the seller's and the manager's items left after the shopper's: each test is
where one numbered item can fail."""

import pytest

from catalog.models import Product

pytestmark = pytest.mark.django_db


def test_12_the_description_box_shows_words_not_tags(client, seller, published):
    Product.objects.filter(pk=published.pk).update(
        description="<p>Renyah &amp; <strong>gurih</strong>.</p><p>Tanpa pengawet</p>")
    client.force_login(seller.owner)
    url = f"/penjual/{seller.pk}/produk/{published.pk}/"
    page = client.get(url).content.decode()
    box = page.split('name="product-description"')[1].split("</textarea>")[0]
    assert "&lt;p&gt;" not in box and "<p>" not in box
    assert "Renyah &amp; gurih.\n\nTanpa pengawet" in box
    # Saved unchanged, the formatting stays; typed text is shown as typed, tags and all.
    form = {"product-name": published.name, "product-description":
            "Renyah & gurih.\r\n\r\nTanpa pengawet"}
    client.post(url, form)
    published.refresh_from_db()
    assert "<strong>gurih</strong>" in published.revision.description
    client.post(url, {**form, "product-description": "Pedas <b>sekali</b>\r\n\r\nBaru"})
    published.refresh_from_db()
    assert published.revision.description == "<p>Pedas &lt;b&gt;sekali&lt;/b&gt;</p><p>Baru</p>"
    box = client.get(url).content.decode().split('name="product-description"')[1]
    assert box.split("</textarea>")[0].endswith("Pedas &lt;b&gt;sekali&lt;/b&gt;\n\nBaru")
