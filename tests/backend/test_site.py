"""What the operator sees: health, Django admin, demo data, the compose file."""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from backend.accounts.models import StaffMembership, User
from backend.cooperatives.models import Cooperative
from backend.demo import DEMO_PASSWORD
from inventory.models import Location

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_health_reports_database_cache_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"}


@pytest.mark.django_db
def test_operator_uses_django_admin_and_a_manager_cannot(client, operator, manager_a):
    client.force_login(operator)
    assert client.get("/admin/cooperatives/cooperative/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200
    client.logout()
    client.force_login(manager_a)
    assert client.get("/admin/accounts/user/").status_code == 302


@pytest.mark.django_db
def test_admin_sign_in_with_a_phone_number(client):
    User.objects.create_superuser("ops@example.test", "Sandi-Rahasia-2026",
                                  phone="+6281299990000")
    response = client.post("/admin/login/?next=/admin/", {
        "username": "0812-9999-0000", "password": "Sandi-Rahasia-2026"})
    assert response.status_code == 302 and response.url == "/admin/"


@pytest.mark.django_db
def test_admin_sign_in_lock_counts_every_spelling_of_a_login(client, settings):
    User.objects.create_superuser("ops@example.test", "Sandi-Rahasia-2026")
    spellings = ["ops@example.test", "OPS@example.test", "Ops@Example.Test", " ops@example.test",
                 "oPs@example.test"]
    for typed in spellings[: settings.AXES_FAILURE_LIMIT]:
        client.post("/admin/login/?next=/admin/", {"username": typed, "password": "tebakan"})
    response = client.post("/admin/login/?next=/admin/", {
        "username": "OpS@example.test", "password": "Sandi-Rahasia-2026"})
    assert response.status_code == 429


@pytest.mark.django_db
def test_populatedb_builds_two_cooperatives_and_is_idempotent(gql):
    call_command("populatedb")
    counts = (Cooperative.objects.count(), Location.objects.count(),
              StaffMembership.objects.count(), User.objects.count())
    call_command("populatedb")
    assert (Cooperative.objects.count(), Location.objects.count(),
            StaffMembership.objects.count(), User.objects.count()) == counts
    serang = Cooperative.objects.get(slug="kopmart-serang")
    assert serang.cooperative_type == "konsumen" and serang.city == "Kota Serang"
    assert Location.objects.of(serang).filter(kind="store").count() == 2
    assert Cooperative.objects.get(slug="kopma-bandung").cooperative_type == "pemasaran"
    tokens = gql("""mutation { tokenCreate(login: "0812-1111-0001", password: "%s") {
        user { staffMemberships { role cooperative { slug } } } errors { code } } }"""
                 % DEMO_PASSWORD)["tokenCreate"]
    assert tokens["user"]["staffMemberships"] == [
        {"role": "MANAGER", "cooperative": {"slug": "kopmart-serang"}}]
    listing = gql('{ products(cooperative: "kopmart-serang", first: 100) { totalCount edges {'
                  " node { name thumbnail inStock seller { businessName } } } } }")["products"]
    assert all(e["node"]["inStock"] for e in listing["edges"])
    names = {e["node"]["name"] for e in listing["edges"]}
    assert {"Emping Melinjo Original", "Keripik Singkong Balado", "Beras Pandan Wangi"} <= names
    assert all(e["node"]["thumbnail"].endswith(".webp") for e in listing["edges"])
    member = gql("""mutation { tokenCreate(login: "anggota@kopmart-serang.test", password: "%s")
        { token } }""" % DEMO_PASSWORD)["tokenCreate"]["token"]
    gql.token = member
    gula = gql('{ product(cooperative: "kopmart-serang", slug: "gula-pasir") { pricing {'
               " price { formatted } regularPrice { formatted } isMemberPrice } } }")
    assert gula["product"]["pricing"] == {"price": {"formatted": "Rp16.000"},
                                          "regularPrice": {"formatted": "Rp17.500"},
                                          "isMemberPrice": True}


@pytest.mark.django_db
def test_populatedb_size_builds_benchmark_products(settings, tmp_path):
    from catalog.models import Product

    settings.MEDIA_ROOT = tmp_path
    call_command("populatedb", "--size", "40")
    bench = Product.objects.filter(slug__startswith="bench-")
    assert bench.count() == 40
    assert all(p.variants.count() == 2 and p.media.count() == 1 for p in bench[:5])
    call_command("populatedb", "--size", "40")
    assert bench.count() == 40


def test_compose_file_runs_the_at_scale_shape_with_the_same_settings():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "elasticsearch", "web", "worker", "beat"} <= set(services)
    for name in ("web", "worker", "beat"):
        environment = services[name]["environment"]
        for variable in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "ELASTICSEARCH_URL",
                         "SECRET_KEY", "COOPMART_ENV"):
            assert variable in environment, (name, variable)
    if shutil.which("docker-compose"):
        result = subprocess.run(["docker-compose", "config", "-q"], cwd=ROOT,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
