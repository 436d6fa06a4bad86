# Coordination scope: programme years per coordinator, organisation unit per host.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_registration_pending_scope_units'),
        ('volunteers', '0003_preference_interview_opened_at'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='hostorganisation',
            name='org_unit',
            field=models.ForeignKey(blank=True, help_text='The district, city or municipality the host belongs to. Coordinators limited to organisation units see its applications only if this unit lies within their scope.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='host_organisations', to='accounts.orgunit', verbose_name='organisation unit'),
        ),
        migrations.AddField(
            model_name='programmeyear',
            name='coordinators',
            field=models.ManyToManyField(blank=True, help_text='Coordinators named on any programme year see the applications of those years only. A coordinator named on none sees every year.', limit_choices_to={'groups__name': 'Koordination'}, related_name='scoped_programme_years', to=settings.AUTH_USER_MODEL, verbose_name='coordination scope: coordinators'),
        ),
    ]
