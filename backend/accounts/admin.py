from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import StaffMembership, User


class StaffMembershipInline(admin.TabularInline):
    model = StaffMembership
    extra = 0
    autocomplete_fields = ["cooperative"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["-date_joined"]
    list_display = ("email", "phone", "full_name", "is_active", "is_superuser", "date_joined")
    search_fields = ("email", "phone", "full_name")
    list_filter = ("is_active", "is_superuser", "is_staff")
    inlines = [StaffMembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "phone", "password")}),
        ("Profile", {"fields": ("full_name", "language")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",),
                             "fields": ("email", "phone", "password1", "password2")}),)
    filter_horizontal = ()


@admin.register(StaffMembership)
class StaffMembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "cooperative", "role", "created_at")
    list_filter = ("role", "cooperative")
    search_fields = ("user__email", "user__phone", "cooperative__name")
    autocomplete_fields = ["user", "cooperative"]
