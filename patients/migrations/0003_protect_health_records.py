"""A patient's record and the people named in it cannot be deleted by a cascade."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('leaflets', '0003_change_note_per_language'),
        ('patients', '0002_side_effect_reports'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='acknowledgement',
            name='assignment',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='acknowledgements', to='patients.assignment', verbose_name='assignment'),
        ),
        migrations.AlterField(
            model_name='assignment',
            name='patient',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assignments', to='patients.patient', verbose_name='patient'),
        ),
        migrations.AlterField(
            model_name='assignment',
            name='withdrawn_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='withdrawn by'),
        ),
        migrations.AlterField(
            model_name='dermatologist',
            name='user',
            field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='dermatologist', to=settings.AUTH_USER_MODEL, verbose_name='user'),
        ),
        migrations.AlterField(
            model_name='message',
            name='thread',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='messages', to='patients.thread', verbose_name='conversation'),
        ),
        migrations.AlterField(
            model_name='patient',
            name='user',
            field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='patient', to=settings.AUTH_USER_MODEL, verbose_name='user'),
        ),
        migrations.AlterField(
            model_name='sideeffectreport',
            name='handled_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='handled by'),
        ),
        migrations.AlterField(
            model_name='teachbackresult',
            name='assignment',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='teach_back_results', to='patients.assignment', verbose_name='assignment'),
        ),
        migrations.AlterField(
            model_name='thread',
            name='assignment',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='threads', to='patients.assignment', verbose_name='assignment'),
        ),
        migrations.AlterField(
            model_name='thread',
            name='patient',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='threads', to='patients.patient', verbose_name='patient'),
        ),
    ]
