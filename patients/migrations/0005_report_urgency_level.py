"""A report keeps the most urgent level of its red flags instead of a yes/no "urgent".

Every red flag so far told the patient to contact the clinic the same day, so an urgent
report made before the scale existed is at the "today" level.
"""

from django.db import migrations, models

TODAY = 2


def urgent_to_today(apps, schema_editor):
    SideEffectReport = apps.get_model("patients", "SideEffectReport")
    SideEffectReport.objects.filter(urgent=True).update(urgency=TODAY)


def level_to_urgent(apps, schema_editor):
    SideEffectReport = apps.get_model("patients", "SideEffectReport")
    SideEffectReport.objects.filter(urgency__isnull=False).update(urgent=True)


class Migration(migrations.Migration):

    dependencies = [
        ('leaflets', '0006_red_flag_urgency_level'),
        ('patients', '0004_report_dates_and_page_indexes'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='sideeffectreport',
            name='report_inbox_idx',
        ),
        migrations.AddField(
            model_name='sideeffectreport',
            name='urgency',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(1, 'Call 113 now'), (2, 'Contact the clinic today'), (3, 'Contact the clinic within a few days')], editable=False, help_text='The most urgent level of the red flags the patient answered yes; empty when none.', null=True, verbose_name='urgency'),
        ),
        migrations.RunPython(urgent_to_today, level_to_urgent),
        migrations.RemoveField(
            model_name='sideeffectreport',
            name='urgent',
        ),
        migrations.AddIndex(
            model_name='sideeffectreport',
            index=models.Index(fields=['patient', 'status', 'urgency', 'created_at'], name='report_inbox_idx'),
        ),
    ]
