"""Create the trainers' role group (its permissions are granted after migrate)."""

from django.db import migrations

TRAINER = "Trainer/in"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=TRAINER)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_pending_registration")]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
