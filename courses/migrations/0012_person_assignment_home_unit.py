"""Assigned courses carry the person's home unit, so that compliance per unit is counted
from this table alone; the existing rows take their person's current home unit."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_home_unit(apps, schema_editor):
    """Every row (history too) takes the home unit its person has now, in one UPDATE."""
    person_assignment = apps.get_model("courses", "PersonAssignment")
    user = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    person_assignment.objects.update(home_unit_id=Subquery(
        user.objects.filter(pk=OuterRef("user_id")).values("home_unit_id")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0009_roster_import'),
        ('courses', '0011_attendance'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='personassignment',
            name='home_unit',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.orgunit', verbose_name='home unit of the person'),
        ),
        migrations.RunPython(fill_home_unit, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name='personassignment',
            index=models.Index(condition=models.Q(('ended_at__isnull', True)), fields=['home_unit', 'course', 'mandatory', 'due_date', 'started_at', 'completed_at', 'required_since', 'valid_until'], name='person_assignment_compliance'),
        ),
    ]
