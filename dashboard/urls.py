from django.contrib.auth import views as auth_views
from django.urls import path

from . import suppliers, views

app_name = "dashboard"
urlpatterns = [
    path("masuk/", auth_views.LoginView.as_view(template_name="dashboard/sign_in.html"),
         name="sign-in"),
    path("keluar/", auth_views.LogoutView.as_view(), name="sign-out"),
    path("penjual/produk/<int:product_id>/foto/", views.product_photos, name="product-photos"),
    path("pengurus/pemasok/<int:supplier_id>/harga/", suppliers.supplier_feed,
         name="supplier-feed"),
    path("pengurus/pesanan-pembelian/<int:order_id>/cetak/", suppliers.purchase_order_print,
         name="purchase-order-print"),
]
