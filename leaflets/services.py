"""The rules that move a leaflet version through draft → in review → published → retired."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.audit import log_action
from leaflets.languages import required_languages
from leaflets.models import (
    KnownSideEffect,
    Leaflet,
    LeafletText,
    LeafletVersion,
    TeachBackQuestion,
)

Status = LeafletVersion.Status


def _locked(version: LeafletVersion) -> LeafletVersion:
    return LeafletVersion.objects.select_for_update().select_related("leaflet").get(pk=version.pk)


def record_edit(*, version: LeafletVersion, by) -> None:
    """Remember that `by` changed part of an editable version (texts, side effects,
    questions or settings): none of its editors may approve it (four eyes)."""
    if not version.is_editable:
        raise ValidationError(_("A published or retired version cannot be changed."))
    LeafletVersion.objects.filter(pk=version.pk).update(
        last_edited_by=by, updated_at=timezone.now()
    )
    version.last_edited_by = by
    if by is not None:  # an import run by the system names no editor
        version.editors.add(by)
    log_action(actor=by, action="leaflet_version.edited", obj=version)


@transaction.atomic
def submit_for_review(*, version: LeafletVersion, by) -> LeafletVersion:
    version = _locked(version)
    if version.status != Status.DRAFT:
        raise ValidationError(
            _("Only a draft can be submitted for review; %(version)s is %(status)s.")
            % {"version": version, "status": version.get_status_display()}
        )
    _check_languages(version)
    version.status = Status.IN_REVIEW
    version.save(update_fields=["status", "updated_at"])
    log_action(actor=by, action="leaflet_version.submitted", obj=version)
    return version


def _check_languages(version: LeafletVersion) -> None:
    present = set(version.texts.values_list("language", flat=True))
    missing = [language for language in required_languages() if language not in present]
    if missing:
        raise ValidationError(
            _("%(version)s has no text in: %(languages)s.")
            % {"version": version, "languages": ", ".join(missing)}
        )


@transaction.atomic
def publish(*, version: LeafletVersion, by) -> LeafletVersion:
    """Approve and publish a version in review; the version published before is retired.

    Four eyes: the approver needs the publish permission and must not have edited any part
    of the version.
    """
    version = _locked(version)
    if version.status != Status.IN_REVIEW:
        raise ValidationError(
            _("Only a version in review can be published; %(version)s is %(status)s.")
            % {"version": version, "status": version.get_status_display()}
        )
    if not by.has_perm("leaflets.publish_leafletversion"):
        raise ValidationError(_("You do not have permission to approve and publish leaflets."))
    if version.editors.filter(pk=by.pk).exists() or version.last_edited_by_id == by.pk:
        raise ValidationError(
            _("You edited %(version)s; another person must approve it (four eyes).")
            % {"version": version}
        )
    _check_languages(version)
    if version.next_review <= timezone.localdate():
        raise ValidationError(_("Set a next review date in the future before publishing."))

    now = timezone.now()
    previous = list(
        LeafletVersion.objects.select_for_update().filter(
            leaflet_id=version.leaflet_id, status=Status.PUBLISHED
        )
    )
    for old in previous:
        old.status = Status.RETIRED
        old.retired_at = now
        old.save(update_fields=["status", "retired_at", "updated_at"])
        log_action(actor=by, action="leaflet_version.retired", obj=old)

    LeafletVersion.objects.filter(pk=version.pk).update(
        status=Status.PUBLISHED, approved_by=by, approved_at=now, updated_at=now
    )
    Leaflet.objects.filter(pk=version.leaflet_id).refresh_confirm_from()
    version.refresh_from_db()
    log_action(
        actor=by,
        action="leaflet_version.published",
        obj=version,
        data={"requires_reacknowledgement": version.requires_reacknowledgement},
    )
    return version


def check_no_open_version(leaflet: Leaflet) -> None:
    """A leaflet has at most one draft or version in review: the one to edit."""
    if leaflet.open_version() is not None:
        raise ValidationError(
            _("%(leaflet)s already has a draft or a version in review; edit that one.")
            % {"leaflet": leaflet}
        )


@transaction.atomic
def start_draft(
    *,
    leaflet: Leaflet,
    by,
    from_version: LeafletVersion | None = None,
    next_review: datetime.date | None = None,
    requires_reacknowledgement: bool = False,
) -> LeafletVersion:
    """Open the leaflet's next version as a draft, copying `from_version`'s texts, side
    effects and questions if given.

    The leaflet row is locked, so two editors cannot take the same number or open two
    drafts; the next review date is `from_version`'s unless `next_review` is given.
    """
    leaflet = Leaflet.objects.select_for_update().get(pk=leaflet.pk)
    check_no_open_version(leaflet)
    number = (leaflet.versions.aggregate(highest=Max("number"))["highest"] or 0) + 1
    draft = LeafletVersion(
        leaflet=leaflet,
        number=number,
        next_review=next_review or (from_version.next_review if from_version else None),
        requires_reacknowledgement=requires_reacknowledgement,
        created_by=by,
        last_edited_by=by,
    )
    draft.full_clean()
    draft.save()
    if by is not None:
        draft.editors.add(by)
    if from_version is not None:
        _copy_content(source=from_version, draft=draft)
    log_action(
        actor=by,
        action="leaflet_version.drafted",
        obj=draft,
        data={"from": from_version.pk} if from_version else {},
    )
    return draft


def _copy_content(*, source: LeafletVersion, draft: LeafletVersion) -> None:
    """Copy what patients see of `source` (texts, side effects, questions) into `draft`."""
    for text in source.texts.all():
        copy = LeafletText(
            version=draft,
            language=text.language,
            title=text.title,
            summary=text.summary,
            body=text.body,
        )
        copy.full_clean()
        copy.save()
    for model, rows in (
        (KnownSideEffect, source.side_effects.all()),
        (TeachBackQuestion, source.questions.all()),
    ):
        model.objects.bulk_create(model(version=draft, **_content_of(row)) for row in rows)


def _content_of(row) -> dict:
    """Every field of a side effect or question but its id and its version."""
    return {
        field.attname: getattr(row, field.attname)
        for field in type(row)._meta.concrete_fields
        if field.attname not in ("id", "version_id")
    }


def new_draft_from(*, version: LeafletVersion, by) -> LeafletVersion:
    """The admin's "New draft from this version": `start_draft` with all its content."""
    return start_draft(leaflet=version.leaflet, by=by, from_version=version)
