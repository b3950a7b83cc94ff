"""Demo leaflets: the files in leaflets/demo, imported by an editor and approved by a doctor."""

import datetime
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from clinic.models import User
from leaflets import services
from leaflets.interchange import import_leaflet, leaflet_paths, read_leaflet_files
from leaflets.models import Leaflet

DEMO_FOLDER = Path(__file__).resolve().parent / "demo"
EDITOR_GROUP = "Leaflet editors"
APPROVER_GROUP = "Clinical approvers"
_EDIT_MODELS = ["leaflet", "leafletversion", "leaflettext", "knownsideeffect", "teachbackquestion"]


def seed_groups() -> tuple[Group, Group]:
    """Editors write leaflets; clinical approvers may also approve and publish them."""
    edit_permissions = Permission.objects.filter(
        content_type__app_label="leaflets",
        codename__in=[
            f"{action}_{model}" for model in _EDIT_MODELS for action in ("add", "change", "view")
        ]
        + ["view_category"],
    )
    editors, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    approvers, _ = Group.objects.get_or_create(name=APPROVER_GROUP)
    editors.permissions.add(*edit_permissions)
    approvers.permissions.add(
        *edit_permissions,
        Permission.objects.get(
            content_type__app_label="leaflets", codename="publish_leafletversion"
        ),
    )
    return editors, approvers


# The demo's azathioprine v1 lacks this paragraph; v2 adds it and asks patients to confirm
# again, so the demo shows an outdated acknowledgement.
AZATHIOPRINE_V2_PARAGRAPH = {
    "nb": (
        "Får du resept på allopurinol fra en annen lege, må du si fra til hudlegen før du begynner."
    ),
    "en": (
        "If another doctor prescribes allopurinol for you, tell your dermatologist before you "
        "start it."
    ),
}
AZATHIOPRINE_V2_NOTE = {
    "nb": "Nytt: Si fra til hudlegen før du begynner med allopurinol fra en annen lege.",
    "en": "New: tell your dermatologist before you start allopurinol from another doctor.",
}


def seed_leaflets(*, editor: User, approver: User) -> list[str]:
    """Import and publish each demo leaflet that does not exist yet."""
    by_slug, errors = read_leaflet_files(leaflet_paths(DEMO_FOLDER))
    if errors:
        raise ValueError("Demo leaflets are invalid:\n" + "\n".join(errors))
    existing = set(Leaflet.objects.filter(slug__in=by_slug).values_list("slug", flat=True))
    next_review = timezone.localdate() + datetime.timedelta(days=365)
    created = []
    for slug, files in sorted(by_slug.items()):
        if slug in existing:
            continue
        draft = import_leaflet(files, by=editor, next_review=next_review)
        if slug == "azathioprine":
            for text in draft.texts.all():
                text.body = text.body.replace(AZATHIOPRINE_V2_PARAGRAPH[text.language], "")
                text.save()
        services.submit_for_review(version=draft, by=editor)
        services.publish(version=draft, by=approver)
        created.append(slug)
    return created


def publish_azathioprine_v2(*, editor: User, approver: User):
    """Publish the demo's second azathioprine version, which patients must confirm again."""
    leaflet = Leaflet.objects.get(slug="azathioprine")
    current = leaflet.published_version()
    if current.number > 1:
        return current
    draft = services.new_draft_from(version=current, by=editor)
    files = {
        f.language: f for f in read_leaflet_files(leaflet_paths(DEMO_FOLDER))[0]["azathioprine"]
    }
    for text in draft.texts.all():
        text.body = files[text.language].body
        text.change_note = AZATHIOPRINE_V2_NOTE[text.language]
        text.save()
    draft.requires_reacknowledgement = True
    draft.save(update_fields=["requires_reacknowledgement"])
    services.submit_for_review(version=draft, by=editor)
    return services.publish(version=draft, by=approver)
