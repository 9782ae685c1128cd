from django.contrib.auth import views as auth_views
from django.urls import path

from .views import home, manage, orders, payouts, photos, seller

app_name = "dashboard"
urlpatterns = [
    path("masuk/", auth_views.LoginView.as_view(template_name="dashboard/sign_in.html"),
         name="sign-in"),
    path("keluar/", auth_views.LogoutView.as_view(), name="sign-out"),
    path("dasbor/", home.home, name="home"),
    # the seller portal
    path("penjual/daftar/", seller.seller_register, name="seller-register"),
    path("penjual/<int:seller_id>/", seller.seller_home, name="seller-home"),
    path("penjual/<int:seller_id>/toko/", seller.seller_profile, name="seller-profile"),
    path("penjual/<int:seller_id>/produk/", seller.product_list, name="products"),
    path("penjual/<int:seller_id>/produk/baru/", seller.product_create, name="product-create"),
    path("penjual/<int:seller_id>/produk/<int:product_id>/", seller.product_edit,
         name="product-edit"),
    path("penjual/<int:seller_id>/produk/<int:product_id>/varian/", seller.variant_add,
         name="variant-add"),
    path("penjual/<int:seller_id>/produk/<int:product_id>/varian/<int:variant_id>/harga/",
         seller.variant_price, name="variant-price"),
    path("penjual/<int:seller_id>/produk/<int:product_id>/ajukan/", seller.product_submit,
         name="product-submit"),
    path("penjual/<int:seller_id>/unggah/", seller.bulk_upload, name="bulk-upload"),
    path("penjual/<int:seller_id>/unggah/templat/", seller.bulk_template, name="bulk-template"),
    path("penjual/<int:seller_id>/pesanan/", seller.seller_orders, name="seller-orders"),
    path("penjual/<int:seller_id>/pembayaran/", seller.seller_payouts, name="seller-payouts"),
    path("penjual/produk/<int:product_id>/foto/", photos.product_photos, name="product-photos"),
    # the manager console
    path("kelola/<slug:slug>/", manage.today, name="manage-today"),
    path("kelola/<slug:slug>/tinjau/", manage.review, name="manage-review"),
    path("kelola/<slug:slug>/tinjau/penjual/<int:seller_id>/", manage.review_seller,
         name="manage-review-seller"),
    path("kelola/<slug:slug>/tinjau/produk/<int:product_id>/", manage.review_product,
         name="manage-review-product"),
    path("kelola/<slug:slug>/anggota/", manage.members, name="manage-members"),
    path("kelola/<slug:slug>/pesanan/", orders.order_list, name="manage-orders"),
    path("kelola/<slug:slug>/pesanan/<str:number>/", orders.order_detail, name="manage-order"),
    path("kelola/<slug:slug>/pesanan/<str:number>/aksi/<str:action>/", orders.order_action,
         name="manage-order-action"),
    path("kelola/<slug:slug>/pesanan/<str:number>/refund/", orders.order_refund_view,
         name="manage-order-refund"),
    path("kelola/<slug:slug>/pembayaran-penjual/", payouts.payouts, name="manage-payouts"),
    path("kelola/<slug:slug>/laporan/", manage.reports, name="manage-reports"),
    path("kelola/<slug:slug>/staf/", manage.staff, name="manage-staff"),
]
