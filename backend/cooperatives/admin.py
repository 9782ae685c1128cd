from django.contrib import admin

from .models import Cooperative


@admin.register(Cooperative)
class CooperativeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "cooperative_type", "city", "is_active")
    list_filter = ("cooperative_type", "is_active")
    search_fields = ("name", "slug", "legal_name", "city")
    prepopulated_fields = {"slug": ("name",)}
