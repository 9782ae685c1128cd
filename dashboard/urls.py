"""The dashboard's addresses, one tree per area: the seller portal under /penjual/, the
manager console under /kelola/<cooperative>/ (and the two older /pengurus/ pages that carry
no cooperative in their path). Each area's pages come from the views module of their domain."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from .views import (
    home,
    inventory,
    manage,
    members,
    messages,
    orders,
    payments,
    payouts,
    photos,
    review,
    savings,
    seller,
    sign_in,
    suppliers,
    till,
    vouchers,
)

seller_portal = [
    path("daftar/", seller.seller_register, name="seller-register"),
    path("<int:seller_id>/", seller.seller_home, name="seller-home"),
    path("<int:seller_id>/toko/", seller.seller_profile, name="seller-profile"),
    path("<int:seller_id>/produk/", seller.product_list, name="products"),
    path("<int:seller_id>/produk/baru/", seller.product_create, name="product-create"),
    path("<int:seller_id>/produk/<int:product_id>/", seller.product_edit, name="product-edit"),
    path("<int:seller_id>/produk/<int:product_id>/varian/", seller.variant_add,
         name="variant-add"),
    path("<int:seller_id>/produk/<int:product_id>/varian/<int:variant_id>/harga/",
         seller.variant_price, name="variant-price"),
    path("<int:seller_id>/produk/<int:product_id>/ajukan/", seller.product_submit,
         name="product-submit"),
    path("<int:seller_id>/unggah/", seller.bulk_upload, name="bulk-upload"),
    path("<int:seller_id>/unggah/templat/", seller.bulk_template, name="bulk-template"),
    path("<int:seller_id>/unggah/<str:job_id>/", seller.bulk_upload_job,
         name="bulk-upload-job"),
    path("<int:seller_id>/pesanan/", seller.seller_orders, name="seller-orders"),
    path("<int:seller_id>/pembayaran/", seller.seller_payouts, name="seller-payouts"),
    path("produk/<int:product_id>/foto/", photos.product_photos, name="product-photos"),
]

console = [
    path("", manage.today, name="manage-today"),
    path("staf/", manage.staff, name="manage-staff"),
    # catalog: sellers and products waiting for review
    path("tinjau/", review.review, name="manage-review"),
    path("tinjau/penjual/<int:seller_id>/", review.review_seller, name="manage-review-seller"),
    path("tinjau/sekaligus/", review.review_bulk, name="manage-review-bulk"),
    path("tinjau/produk/<int:product_id>/", review.review_product,
         name="manage-review-product"),
    # members
    path("anggota/", manage.members, name="manage-members"),
    path("anggota/impor/<str:job_id>/", manage.member_import, name="manage-member-import"),
    path("anggota/<int:member_id>/akun/", members.member_link_view, name="manage-member-link"),
    path("harga-anggota/", members.price_rules, name="manage-prices"),
    path("shu/", members.shu, name="manage-shu"),
    # savings, dues, store credit, the RAT pack
    path("simpanan/", savings.savings_home, name="manage-savings"),
    path("simpanan/catat/", savings.savings_record_view, name="manage-savings-record"),
    path("simpanan/bukti/<int:receipt_id>/", savings.dues_receipt_view,
         name="manage-dues-receipt"),
    path("simpanan/potong-gaji/", savings.payroll_view, name="manage-payroll"),
    path("simpanan/rat/", savings.rat_pack_view, name="manage-rat"),
    path("simpanan/rat/<str:job_id>/<str:file_format>/", savings.rat_pack_download,
         name="manage-rat-download"),
    path("shu/<int:calculation_id>/unduh/", members.shu_download, name="manage-shu-download"),
    # orders, sellers' payouts, sales reports
    path("pesanan/", orders.order_list, name="manage-orders"),
    path("pesanan/<str:number>/", orders.order_detail, name="manage-order"),
    path("pesanan/<str:number>/aksi/<str:action>/", orders.order_action,
         name="manage-order-action"),
    path("pesanan/<str:number>/refund/", orders.order_refund_view, name="manage-order-refund"),
    path("pesanan/<str:number>/struk/", orders.order_receipt, name="manage-order-receipt"),
    path("pembayaran-penjual/", payouts.payouts, name="manage-payouts"),
    path("voucher/", vouchers.voucher_list, name="manage-vouchers"),
    path("voucher/<int:voucher_id>/matikan/", vouchers.voucher_deactivate,
         name="manage-voucher-deactivate"),
    path("laporan/", orders.reports, name="manage-reports"),
    path("kasir/", till.till_console, name="manage-till"),
    # suppliers: the register, feeds, restocking and purchase orders
    path("pemasok/", suppliers.supplier_list, name="manage-suppliers"),
    path("pemasok/<int:supplier_id>/", suppliers.supplier_detail, name="manage-supplier"),
    path("pemasok/<int:supplier_id>/sku/<int:item_id>/", suppliers.supplier_item_map_view,
         name="manage-supplier-map"),
    path("pemasok/<int:supplier_id>/sinkron/<int:sync_id>/", suppliers.supplier_sync_report,
         name="manage-supplier-sync"),
    path("belanja/", suppliers.suggestions, name="manage-restock"),
    path("pesanan-pembelian/", suppliers.purchase_orders, name="manage-purchase-orders"),
    path("pesanan-pembelian/<int:order_id>/", suppliers.purchase_order,
         name="manage-purchase-order"),
    path("pesanan-pembelian/<int:order_id>/<str:action>/", suppliers.purchase_order_act,
         name="manage-purchase-order-act"),
    # inventory
    path("stok/", inventory.stock, name="manage-stock"),
    path("stok/impor/", inventory.stock_import_start_page, name="manage-stock-import-start"),
    path("stok/impor/<str:job_id>/", inventory.stock_import_page, name="manage-stock-import"),
    # messages sent to shoppers, sellers and staff
    path("pesan/", messages.message_list, name="manage-messages"),
    # online payments and the gateway account
    path("pembayaran/", payments.payments, name="manage-payments"),
    path("pembayaran/pengaturan/", payments.gateway_settings, name="manage-gateway"),
    path("pembayaran/setoran/", payments.settlement, name="manage-settlement"),
    path("pesan/saluran/", messages.channel_settings, name="manage-channels"),
]

console_without_cooperative = [
    path("pemasok/<int:supplier_id>/harga/", suppliers.supplier_feed, name="supplier-feed"),
    path("pesanan-pembelian/<int:order_id>/cetak/", suppliers.purchase_order_print,
         name="purchase-order-print"),
]

app_name = "dashboard"
urlpatterns = [
    path("masuk/", home.SignInView.as_view(), name="sign-in"),
    path("masuk/kode/", sign_in.sign_in_code, name="sign-in-code"),
    path("masuk/kode/masukkan/", sign_in.sign_in_code_enter, name="sign-in-code-enter"),
    path("lupa-sandi/", sign_in.password_reset, name="password-reset"),
    path("lupa-sandi/kode/", sign_in.password_reset_code, name="password-reset-code"),
    path("keluar/", auth_views.LogoutView.as_view(), name="sign-out"),
    path("dasbor/", home.home, name="home"),
    path("penjual/", include(seller_portal)),
    path("kelola/<slug:slug>/", include(console)),
    path("pengurus/", include(console_without_cooperative)),
]
