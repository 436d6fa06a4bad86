from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts.roles import ADMIN_ROLES, Role


@login_required
def dashboard(request):
    """"Mein Bereich": the logged-in person's own data, and nothing of anyone else's."""
    user = request.user
    role_names = set(user.groups.values_list("name", flat=True))
    roles = [role for role in Role if role.value in role_names]
    return render(request, "accounts/dashboard.html", {
        "roles": roles,
        "unit_path": [*user.home_unit.ancestors(), user.home_unit] if user.home_unit else [],
        "works_in_admin": user.is_superuser or any(role in ADMIN_ROLES for role in roles),
    })
