"""The store's pages, mounted twice (backend/urls.py): at the cooperative's own host names
and under /k/<cooperative-slug>/."""

from django.urls import path

from .pages import account, cart, catalog, lookup, payment, savings, seo

app_name = "shop"
urlpatterns = [
    path("", catalog.home_or_directory, name="home"),
    path("cari/", catalog.search, name="search"),
    path("cari/saran/", catalog.suggest, name="suggest"),
    path("kategori/<slug:slug>/", catalog.category, name="category"),
    path("produk/<slug:slug>/", catalog.product, name="product"),
    path("umkm/<slug:slug>/", catalog.seller, name="seller"),
    path("keranjang/", cart.cart, name="cart"),
    path("keranjang/tambah/", cart.cart_add, name="cart-add"),
    path("bayar/", cart.checkout_page, name="checkout"),
    path("pesanan/", cart.my_orders, name="my-orders"),
    path("pesanan/cari/", lookup.order_lookup, name="order-lookup"),
    path("pesanan/cari/kode/", lookup.order_lookup_code, name="order-lookup-code"),
    path("pesanan/<uuid:token>/", cart.order_page, name="order"),
    path("pesanan/<uuid:token>/bayar/", payment.order_pay, name="order-pay"),
    path("pesanan/<uuid:token>/status/", payment.order_payment_state, name="order-state"),
    path("pesanan/<uuid:token>/bukti-transfer/", cart.order_proof, name="order-proof"),
    path("pesanan/<uuid:token>/kartu-uji/", cart.order_card_test, name="order-card-test"),
    path("akun/", account.account, name="account"),
    path("akun/daftar/", account.sign_up, name="sign-up"),
    path("akun/masuk/", account.sign_in, name="sign-in"),
    path("akun/masuk/kode/", account.sign_in_code, name="sign-in-code"),
    path("akun/masuk/kode/masukkan/", account.sign_in_code_enter, name="sign-in-code-enter"),
    path("akun/lupa-sandi/", account.password_reset, name="password-reset"),
    path("akun/lupa-sandi/kode/", account.password_reset_code, name="password-reset-code"),
    path("akun/keluar/", account.sign_out, name="sign-out"),
    path("akun/anggota/", account.claim, name="claim"),
    path("akun/anggota/kode/", account.claim_verify, name="claim-verify"),
    path("akun/kartu/", account.member_card, name="member-card"),
    path("akun/shu/", account.shu_statements, name="shu"),
    path("akun/simpanan/", savings.savings_page, name="savings"),
    path("akun/harga-anggota/", account.member_prices, name="member-prices"),
    path("akun/data/", account.my_data, name="my-data"),
    path("akun/data/unduh/", account.my_data_download, name="my-data-download"),
    path("akun/data/hapus/", account.my_data_delete, name="my-data-delete"),
    path("sitemap.xml", seo.sitemap, name="sitemap"),
    path("robots.txt", seo.robots, name="robots"),
]
