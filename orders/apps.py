from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = "Pesanan"

    def ready(self):
        from payments.hooks import payable_register

        from .models import PAYABLE_KIND
        from .services.online_payments import OrderPayable

        payable_register(PAYABLE_KIND, OrderPayable())
