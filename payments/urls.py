from django.urls import path

from .views import notification

urlpatterns = [
    path("payments/<slug:slug>/<str:provider>/notification/", notification,
         name="payment-notification"),
]
