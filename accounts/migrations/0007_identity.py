"""How a person's identity was established, and the single sign-on subject."""

from django.db import migrations, models

VOLUNTEER = "Freiwillige/Bewerbende"


def classify_existing(apps, schema_editor):
    """Self-registered accounts say so; every other existing account was created by hand.

    A self-registered account is one that waits for (or once waited for) its email
    confirmation. Older registrations whose attempts are gone are recognised by being a
    plain volunteer account (only the volunteers' group, no unit, no admin rights): they
    get the weaker "self-registered" statement rather than a stronger one they never had.
    """
    User = apps.get_model("accounts", "User")
    Group = apps.get_model("auth", "Group")
    registered = models.Q(registration_pending=True) | models.Q(
        pending_registrations__isnull=False)
    plain_volunteer = (
        models.Q(groups__name=VOLUNTEER, is_staff=False, is_superuser=False,
                 home_unit__isnull=True)
        & ~models.Q(pk__in=User.objects.filter(
            groups__in=Group.objects.exclude(name=VOLUNTEER)).values("pk"))
    )
    ids = User.objects.filter(registered | plain_volunteer).values_list("pk", flat=True)
    User.objects.filter(pk__in=list(set(ids))).update(identity_source="self_registered")


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0006_trainer_role"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="identity_source",
            field=models.CharField(
                choices=[
                    ("self_registered", "self-registered, email address confirmed"),
                    ("staff_sso", "staff account (single sign-on)"),
                    ("staff_roster", "staff account (staff roster)"),
                    ("admin_created", "account created by the administration"),
                ],
                default="admin_created", max_length=20,
                verbose_name="identity established by",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="oidc_issuer",
            field=models.CharField(blank=True, editable=False, max_length=255,
                                   verbose_name="single sign-on issuer"),
        ),
        migrations.AddField(
            model_name="user",
            name="oidc_subject",
            field=models.CharField(blank=True, editable=False, max_length=255, null=True,
                                   verbose_name="single sign-on subject"),
        ),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(fields=("oidc_issuer", "oidc_subject"),
                                               name="user_unique_oidc_subject"),
        ),
        migrations.RunPython(classify_existing, migrations.RunPython.noop),
    ]
