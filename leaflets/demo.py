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
        services.submit_for_review(version=draft, by=editor)
        services.publish(version=draft, by=approver)
        created.append(slug)
    return created
