from django.urls import path

from .views import sms_webhook, whatsapp_webhook

urlpatterns = [
    path("messaging/whatsapp/<slug:slug>/webhook/", whatsapp_webhook,
         name="whatsapp-webhook"),
    path("messaging/sms/<slug:slug>/webhook/", sms_webhook, name="sms-webhook"),
]
