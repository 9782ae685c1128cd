from django.contrib import admin

from .models import Location


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ("name", "cooperative", "kind", "city", "pickup_allowed", "is_active")
    list_filter = ("kind", "cooperative")
    search_fields = ("name", "code", "city")
