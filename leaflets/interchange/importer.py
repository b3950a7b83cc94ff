"""Write parsed leaflet files into a leaflet's draft."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from clinic.audit import log_action
from leaflets import services
from leaflets.interchange.parse import LeafletFile
from leaflets.models import (
    Category,
    KnownSideEffect,
    Leaflet,
    LeafletText,
    LeafletVersion,
    TeachBackQuestion,
)


@transaction.atomic
def import_leaflet(files: list[LeafletFile], *, by, next_review) -> LeafletVersion:
    """Write one leaflet's files into its draft, creating the leaflet or a new draft if needed."""
    first = files[0]
    category = Category.objects.get(slug=first.category)
    # A file that does not say whether it is about a medicine: its category decides for a
    # new leaflet, and an existing one keeps what it has.
    is_medicine = first.medicine
    leaflet, created = Leaflet.objects.get_or_create(
        slug=first.slug,
        defaults={
            "category": category,
            "public": first.public,
            "is_medicine": first.category == "medicines" if is_medicine is None else is_medicine,
        },
    )
    if is_medicine is None:
        is_medicine = leaflet.is_medicine
    wanted = (category.pk, first.public, is_medicine)
    if not created and (leaflet.category_id, leaflet.public, leaflet.is_medicine) != wanted:
        leaflet.category, leaflet.public, leaflet.is_medicine = category, first.public, is_medicine
        leaflet.save(update_fields=["category", "public", "is_medicine"])
    leaflet = Leaflet.objects.select_for_update().get(pk=leaflet.pk)
    draft = leaflet.open_version()
    if draft is None:
        draft = services.start_draft(leaflet=leaflet, by=by, next_review=next_review)
    elif draft.status == LeafletVersion.Status.IN_REVIEW:
        raise ValidationError(f"{leaflet.slug} has a version in review; import after the review")
    else:
        services.record_edit(version=draft, by=by)

    for leaflet_file in files:
        text = draft.texts.filter(language=leaflet_file.language).first() or LeafletText(
            version=draft, language=leaflet_file.language
        )
        text.title, text.summary, text.body, text.change_note = (
            leaflet_file.title,
            leaflet_file.summary,
            leaflet_file.body,
            leaflet_file.change_note,
        )
        text.full_clean(exclude=["version"])
        text.save()
        _import_side_effects(draft, leaflet_file)
        draft.questions.filter(language=leaflet_file.language).delete()
        TeachBackQuestion.objects.bulk_create(
            TeachBackQuestion(
                version=draft,
                language=leaflet_file.language,
                position=position,
                question=entry.question,
                options=entry.options,
                correct_option=entry.answer,
                explanation=entry.explanation,
                section=entry.section,
            )
            for position, entry in enumerate(leaflet_file.questions, start=1)
        )
    log_action(
        actor=by,
        action="leaflet_version.imported",
        obj=draft,
        data={"languages": [f.language for f in files], "at": timezone.now().isoformat()},
    )
    return draft


def _import_side_effects(draft: LeafletVersion, leaflet_file: LeafletFile) -> None:
    language = leaflet_file.language
    # The files list all of a version's side effects (the same keys in every language).
    draft.side_effects.exclude(key__in=[entry.key for entry in leaflet_file.side_effects]).delete()
    existing = {effect.key: effect for effect in draft.side_effects.all()}
    for position, entry in enumerate(leaflet_file.side_effects, start=1):
        effect = existing.get(entry.key) or KnownSideEffect(version=draft, key=entry.key)
        effect.position = position
        effect.frequency = entry.frequency
        effect.red_flag = entry.red_flag
        effect.level = entry.level
        setattr(effect, f"name_{language}", entry.name)
        setattr(effect, f"ask_{language}", entry.ask)
        setattr(effect, f"advice_{language}", entry.advice)
        effect.save()
