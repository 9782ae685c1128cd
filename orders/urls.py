from django.urls import path

from . import views

app_name = "orders"
urlpatterns = [
    path("pesanan/<int:order_id>/bukti-transfer/", views.payment_proof, name="payment-proof"),
    path("payments/stripe/webhook/", views.stripe_webhook, name="stripe-webhook"),
]
