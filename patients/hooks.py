"""What the patients app adds to the core (`clinic.hooks`), registered in `apps.py`."""

from django.conf import settings
from django.db.models.signals import post_save
from django.utils.functional import SimpleLazyObject

from clinic import hooks
from clinic.demo import DEMO_APPROVER, DEMO_EDITOR, demo_user
from clinic.models import OutgoingMail
from patients import demo, demo_insight, selectors, services
from patients.models import Patient, name_and_email


def report_counts(request) -> dict:
    """A dermatologist's new and urgent reports, in every page's header (one query, made
    when the header shows them: a page that counted them already passes its own
    `report_counts`, which takes the place of these)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_dermatologist:
        return {}
    dermatologist = getattr(user, "dermatologist", None)
    if dermatologist is None:
        return {}
    return {"report_counts": SimpleLazyObject(lambda: selectors.report_counts(dermatologist))}


def start_page(user) -> str | None:
    if hasattr(user, "patient"):
        return "patients:home"
    if hasattr(user, "dermatologist"):
        return "patients:overview"
    return None


def seed_demo() -> hooks.Seeded:
    """The demo patients, their leaflets in every state and their reports; then eight weeks
    of example patients' azathioprine history for the leaflet insight."""
    added = demo.seed_patients(editor=demo_user(DEMO_EDITOR), approver=demo_user(DEMO_APPROVER))
    lines = ["Added the demo patients' leaflets"] if added else []
    examples = demo_insight.seed_insight_history()
    if examples:
        lines.append(
            f"Added {examples} example patients' azathioprine history for the leaflet insight"
        )
    return hooks.Seeded(lines=lines)


def copy_name_to_patient(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """A user saved with a new name or e-mail address: their patient row's copy follows
    (`Patient.name_and_email`; one UPDATE, none for a save of other fields, such as the
    login's `last_login`). An `update()` of users' names or addresses on a queryset sends no
    signal: whatever does one calls `Patient.objects.refresh_names()` after it."""
    if created or raw:
        return  # a new user has no patient row yet; fixtures carry the copy
    if update_fields is not None and not {"full_name", "email"} & set(update_fields):
        return
    copy = name_and_email(instance)
    Patient.objects.filter(user=instance).exclude(name_and_email=copy).update(name_and_email=copy)


def register() -> None:
    # The invitation's link carries a token made when the mail is sent, not when it is queued.
    hooks.register_mail_link(OutgoingMail.Kind.INVITATION, services.new_invitation_path)
    hooks.register_navigation(report_counts)
    hooks.register_start_page(start_page)
    hooks.register_demo_seeder(seed_demo, order=20)
    post_save.connect(
        copy_name_to_patient, sender=settings.AUTH_USER_MODEL, dispatch_uid="patients.name"
    )
