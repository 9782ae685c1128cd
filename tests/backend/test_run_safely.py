"""`./dev run` is what a small cooperative runs its store with: DEBUG off, yet the product
photos are served (issue 20: with DEBUG on the web worker kept every SQL statement)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage


@pytest.mark.django_db
def test_media_is_served_with_debug_off(client, settings, tmp_path):
    assert settings.DEBUG is False
    name = default_storage.save("products/foto-emping.jpg", ContentFile(b"\xff\xd8 emping"))
    try:
        response = client.get(f"/media/{name}")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"\xff\xd8 emping"
        assert client.get("/media/products/tidak-ada.jpg").status_code == 404
    finally:
        default_storage.delete(name)
