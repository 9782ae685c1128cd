from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("masuk/", auth_views.LoginView.as_view(template_name="dashboard/sign_in.html"),
         name="sign-in"),
    path("keluar/", auth_views.LogoutView.as_view(), name="sign-out"),
    path("penjual/produk/<int:product_id>/foto/", views.product_photos, name="product-photos"),
]
