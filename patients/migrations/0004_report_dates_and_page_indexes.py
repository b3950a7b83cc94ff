"""A report cannot stop before it started; indexes named after the page they serve."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('patients', '0003_protect_health_records'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='sideeffectreport',
            name='report_inbox_idx',
        ),
        migrations.RenameIndex(
            model_name='assignment',
            new_name='assignment_home_idx',
            old_name='assignment_patient_active_idx',
        ),
        migrations.RenameIndex(
            model_name='thread',
            new_name='thread_my_patients_idx',
            old_name='thread_waiting_idx',
        ),
        migrations.AddIndex(
            model_name='sideeffectreport',
            index=models.Index(fields=['patient', 'status', 'urgent', 'created_at'], name='report_inbox_idx'),
        ),
        migrations.AddConstraint(
            model_name='sideeffectreport',
            constraint=models.CheckConstraint(condition=models.Q(('stopped_on__isnull', True), ('stopped_on__gte', models.F('started_on')), _connector='OR'), name='report_stopped_not_before_started', violation_error_message='It cannot stop before it started.'),
        ),
    ]
