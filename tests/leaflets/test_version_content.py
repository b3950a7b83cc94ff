"""Side effects, red flags and teach-back questions belong to a version (issue 9.3, 10.1)."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError

from clinic.models import AuditEntry
from leaflets import services
from leaflets.models import KnownSideEffect, LeafletVersion, TeachBackQuestion
from leaflets.urgency import Urgency
from tests.conftest import login
from tests.factories import medicine_leaflet, question, side_effect
from tests.html_forms import form_data

Status = LeafletVersion.Status


def _red_flag(**fields):
    values = {
        "key": "fever",
        "name_nb": "Feber",
        "name_en": "Fever",
        "red_flag": True,
        "level": Urgency.TODAY,
        "ask_nb": "Har du feber?",
        "ask_en": "Do you have a fever?",
        "advice_nb": "Kontakt klinikken i dag.",
        "advice_en": "Contact the clinic today.",
    }
    return KnownSideEffect(**{**values, **fields})


def test_side_effects_and_questions_of_a_published_version_cannot_change(db):
    version = medicine_leaflet().published_version()
    effect = version.side_effects.get(key="fever")
    asked = question(version)

    effect.advice_nb = "Vent og se."
    with pytest.raises(ValidationError):
        effect.save()
    with pytest.raises(ValidationError):
        effect.delete()
    with pytest.raises(ValidationError):
        KnownSideEffect(version=version, key="rash", name_nb="Utslett").save()
    asked.correct_option = 1
    with pytest.raises(ValidationError):
        asked.save()
    with pytest.raises(ValidationError):
        asked.delete()

    effect.refresh_from_db()
    asked.refresh_from_db()
    assert (effect.advice_nb, asked.correct_option) == ("Ta kontakt med klinikken i dag.", 2)


def test_a_draft_can_change_its_side_effects(draft):
    effect = _red_flag(version=draft)
    effect.save()
    effect.advice_nb = "Ring legevakten."
    effect.save()

    assert draft.side_effects.get().advice_nb == "Ring legevakten."


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"level": None}, "level"),
        ({"advice_en": ""}, "advice_en"),
        ({"advice_nb": " "}, "advice_nb"),
        ({"ask_en": ""}, "ask_en"),
        ({"red_flag": False}, "level"),
    ],
)
def test_a_red_flag_needs_a_level_and_advice_in_both_languages(draft, fields, field):
    effect = _red_flag(version=draft, **fields)

    with pytest.raises(ValidationError) as error:
        effect.full_clean()

    assert field in error.value.message_dict


def test_a_complete_red_flag_and_an_ordinary_side_effect_are_valid(draft):
    _red_flag(version=draft).full_clean()
    KnownSideEffect(version=draft, key="nausea", name_nb="Kvalme").full_clean()


def test_a_new_draft_copies_side_effects_and_questions(db, editor):
    published = medicine_leaflet().published_version()
    question(published, language="en", question="Can you take it with allopurinol?")

    draft = services.new_draft_from(version=published, by=editor)

    copied = list(draft.side_effects.values_list("key", "red_flag", "level", "advice_en"))
    assert copied == [
        ("nausea", False, None, ""),
        ("fever", True, Urgency.TODAY, "Contact the clinic today."),
    ]
    assert list(draft.questions.values_list("language", "question", "correct_option")) == [
        ("en", "Can you take it with allopurinol?", 2)
    ]
    # The copies are the draft's own: changing them leaves the published version alone.
    draft.side_effects.filter(key="fever").update(advice_en="Call 113.")
    assert published.side_effects.get(key="fever").advice_en == "Contact the clinic today."


def _approver_permissions():
    return Permission.objects.filter(content_type__app_label="leaflets")


def test_admin_edits_side_effects_of_a_draft_and_records_the_editor(client, draft, editor):
    editor.user_permissions.add(*_approver_permissions())
    side_effect(draft, key="nausea", position=1, name_nb="Kvalme", name_en="Nausea")
    login(client, editor)
    url = f"/admin/leaflets/leafletversion/{draft.pk}/change/"
    data = form_data(client.get(url).content.decode(), None)
    data["side_effects-0-name_nb"] = "Uvelhet"
    LeafletVersion.objects.filter(pk=draft.pk).update(last_edited_by=None)

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert draft.side_effects.get().name_nb == "Uvelhet"
    assert editor in draft.editors.all()
    assert AuditEntry.objects.filter(action="leaflet_version.edited").exists()


def test_admin_shows_a_published_versions_side_effects_read_only(client, db, editor):
    editor.user_permissions.add(*_approver_permissions())
    version = medicine_leaflet().published_version()
    question(version)
    login(client, editor)
    url = f"/admin/leaflets/leafletversion/{version.pk}/change/"

    page = client.get(url).content.decode()
    data = form_data(page, None)
    data.update({"side_effects-1-advice_nb": "Vent og se.", "questions-0-correct_option": "1"})
    client.post(url, data)

    assert "Ta kontakt med klinikken i dag." in page
    fields = form_data(page, None)
    assert "side_effects-1-advice_nb" not in fields
    assert "questions-0-correct_option" not in fields
    assert version.side_effects.get(key="fever").advice_nb == "Ta kontakt med klinikken i dag."
    assert TeachBackQuestion.objects.get().correct_option == 2
