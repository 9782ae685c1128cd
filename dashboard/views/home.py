from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from backend.accounts.models import StaffMembership


@login_required
def home(request):
    """Where this person works: their shops and the cooperatives they staff."""
    return render(request, "dashboard/home.html", {
        "sellers": request.user.sellers.select_related("cooperative"),
        "memberships": StaffMembership.objects.filter(user=request.user).select_related(
            "cooperative")})
