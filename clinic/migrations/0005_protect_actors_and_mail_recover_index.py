"""Audit actors and mail recipients are protected; a partial index for `recover_mail`."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('clinic', '0004_clinic_contact_and_mail_retries'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='outgoingmail',
            name='mail_unsent_idx',
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='actor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='audit_entries', to=settings.AUTH_USER_MODEL, verbose_name='by'),
        ),
        migrations.AlterField(
            model_name='outgoingmail',
            name='recipient',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='mails', to=settings.AUTH_USER_MODEL, verbose_name='recipient'),
        ),
        migrations.AddIndex(
            model_name='outgoingmail',
            index=models.Index(condition=models.Q(('sent_at__isnull', True)), fields=['next_attempt_at'], name='mail_recover_idx'),
        ),
    ]
