from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0018_overview_by_dermatologist"),
    ]

    operations = [
        migrations.AddField(
            model_name="patient",
            name="name_and_email",
            field=models.CharField(
                blank=True,
                editable=False,
                max_length=405,
                verbose_name="name and e-mail address",
            ),
        ),
    ]
