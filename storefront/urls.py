from django.urls import path

from . import views

app_name = "storefront"
urlpatterns = [
    path("akun/sandi-baru/", views.password_set_page, name="password-set"),
    path("akun/shu/", views.shu_statements, name="shu-statements"),
]
