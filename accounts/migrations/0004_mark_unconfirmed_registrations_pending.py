"""Mark self-registrations that were never confirmed as pending.

Before `registration_pending` existed, a confirmation link activated any inactive account.
Accounts that look exactly like an unconfirmed self-registration — inactive, never logged
in, not staff, and in no group but the applicants' — are marked pending, so their owners
can still confirm them (or register again to get a new link). Every other inactive account
counts as deactivated and can no longer be activated by a link.
"""

from django.db import migrations
from django.db.models import Count, Q

APPLICANT_GROUP = "Freiwillige/Bewerbende"


def mark_pending(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    candidates = (User.objects.filter(is_active=False, last_login__isnull=True,
                                      is_staff=False, is_superuser=False)
                  .annotate(group_count=Count("groups", distinct=True),
                            applicant=Count("groups", filter=Q(groups__name=APPLICANT_GROUP),
                                            distinct=True))
                  .filter(group_count=1, applicant=1))
    User.objects.filter(pk__in=list(candidates.values_list("pk", flat=True))).update(
        registration_pending=True)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_registration_pending_scope_units")]

    operations = [migrations.RunPython(mark_pending, migrations.RunPython.noop)]
