from django.urls import path

from .views import whatsapp_webhook

urlpatterns = [
    path("messaging/whatsapp/<slug:slug>/webhook/", whatsapp_webhook,
         name="whatsapp-webhook"),
]
