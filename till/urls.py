"""The till's pages: /kasir/<cooperative>/..."""

from django.urls import path

from . import views

app_name = "till"
urlpatterns = [
    path("kasir/<slug:slug>/", views.till_home, name="home"),
    path("kasir/<slug:slug>/sw.js", views.till_service_worker, name="service-worker"),
    path("kasir/<slug:slug>/manifest.webmanifest", views.till_manifest, name="manifest"),
    path("kasir/<slug:slug>/katalog.json", views.till_catalog, name="catalog"),
    path("kasir/<slug:slug>/anggota.json", views.till_members, name="members"),
    path("kasir/<slug:slug>/shift/<int:shift_id>/", views.till_sell, name="sell"),
    path("kasir/<slug:slug>/shift/<int:shift_id>/tutup/", views.till_close, name="close"),
    path("kasir/<slug:slug>/shift/<int:shift_id>/laporan/", views.till_report, name="report"),
    path("kasir/<slug:slug>/struk/<str:number>/", views.till_receipt, name="receipt"),
    path("kasir/<slug:slug>/struk/<str:number>/retur/", views.till_refund, name="refund"),
]
