import datetime
import importlib

import factory
from django.utils import timezone

from clinic.models import Role, User
from leaflets.models import Category, KnownSideEffect, Leaflet, LeafletVersion, TeachBackQuestion
from leaflets.urgency import Urgency

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="no_NO")
    role = Role.PATIENT
    language = "nb"

    @classmethod
    def _create(cls, model_class, *args, password=PASSWORD, **kwargs):
        return model_class.objects.create_user(*args, password=password, **kwargs)


class PatientUserFactory(UserFactory):
    role = Role.PATIENT


class DermatologistUserFactory(UserFactory):
    role = Role.DERMATOLOGIST
    full_name = factory.Sequence(lambda n: f"Dr. Lege {n}")


class AdminUserFactory(UserFactory):
    role = Role.ADMIN
    is_staff = True
    is_superuser = True


def category(slug="medicines") -> Category:
    """A category the data migration creates; transactional tests flush it, so recreate it."""
    migration = importlib.import_module("leaflets.migrations.0002_categories")
    for key, name_nb, name_en, position in migration.CATEGORIES:
        Category.objects.get_or_create(
            slug=key, defaults={"name_nb": name_nb, "name_en": name_en, "position": position}
        )
    return Category.objects.get(slug=slug)


class LeafletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "leaflets.Leaflet"

    slug = factory.Sequence(lambda n: f"leaflet-{n}")
    category = factory.LazyFunction(category)
    public = True


class LeafletVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "leaflets.LeafletVersion"

    leaflet = factory.SubFactory(LeafletFactory)
    number = factory.Sequence(lambda n: n + 1)
    next_review = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))


class LeafletTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "leaflets.LeafletText"

    version = factory.SubFactory(LeafletVersionFactory)
    language = "nb"
    title = factory.Sequence(lambda n: f"Legemiddel {n}")
    summary = "Kort om legemiddelet."
    body = "## Hva er det?\n\nEt legemiddel.\n\n## Bivirkninger\n\n- kvalme\n- hodepine\n"


def published_leaflet(title_nb="Azatioprin", title_en="Azathioprine", **leaflet_fields):
    """A leaflet with one published version and texts in the given languages.

    The version is set published directly; tests of the publishing rules use the services.
    """
    leaflet = LeafletFactory(**leaflet_fields)
    version = LeafletVersionFactory(leaflet=leaflet, number=1)
    for language, title in (("nb", title_nb), ("en", title_en)):
        if title:
            LeafletTextFactory(version=version, language=language, title=title)
    LeafletVersion.objects.filter(pk=version.pk).update(
        status=LeafletVersion.Status.PUBLISHED, approved_at=timezone.now()
    )
    version.refresh_from_db()
    return leaflet


def medicine_leaflet(slug="azathioprine", **leaflet_fields):
    """A published leaflet about a medicine with one ordinary side effect (nausea) and one red
    flag (fever, contact the clinic today), the way the report tests need it."""
    leaflet = published_leaflet(slug=slug, **{"is_medicine": True, **leaflet_fields})
    side_effect(leaflet, key="nausea", position=1, name_nb="Kvalme", name_en="Nausea")
    side_effect(
        leaflet,
        key="fever",
        position=2,
        name_nb="Feber",
        name_en="Fever",
        red_flag=True,
        level=Urgency.TODAY,
        ask_nb="Har du feber?",
        ask_en="Do you have a fever?",
        advice_nb="Ta kontakt med klinikken i dag.",
        advice_en="Contact the clinic today.",
    )
    return leaflet


def _version_of(leaflet_or_version) -> LeafletVersion:
    if isinstance(leaflet_or_version, Leaflet):
        return leaflet_or_version.versions.order_by("-number").first()
    return leaflet_or_version


def side_effect(leaflet_or_version, **fields) -> KnownSideEffect:
    """A side effect of the version (a leaflet: its newest version), stored directly even
    when that version is published, as `published_leaflet` sets the status directly."""
    (effect,) = KnownSideEffect.objects.bulk_create(
        [KnownSideEffect(version=_version_of(leaflet_or_version), **fields)]
    )
    return effect


class DermatologistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "patients.Dermatologist"

    user = factory.SubFactory(DermatologistUserFactory)
    display_name = factory.LazyAttribute(lambda d: f"Dr. {d.user.full_name}")
    title = "Spesialist i hudsykdommer"


class PatientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "patients.Patient"

    user = factory.SubFactory(PatientUserFactory)
    date_of_birth = datetime.date(1984, 3, 17)
    dermatologist = factory.SubFactory(DermatologistFactory)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "patients.Assignment"

    patient = factory.SubFactory(PatientFactory)
    leaflet = factory.LazyFunction(published_leaflet)
    assigned_by = factory.LazyAttribute(lambda a: a.patient.dermatologist.user)
    note = "Les dette før neste time."


class TeachBackResultFactory(factory.django.DjangoModelFactory):
    """A first try at the questions of the assignment's published version, all right;
    `passed_at` set when the patient has answered them all right."""

    class Meta:
        model = "patients.TeachBackResult"

    assignment = factory.SubFactory(AssignmentFactory)
    version = factory.LazyAttribute(lambda r: r.assignment.leaflet.published_version())
    language = "nb"
    question_count = 2
    first_try_correct = 2


def question(leaflet_or_version, language="nb", **fields):
    """A teach-back question whose right answer is option 2, on the version (a leaflet: its
    newest version), stored directly like `side_effect`."""
    defaults = {
        "position": 1,
        "question": "Kan du ta dette med allopurinol?",
        "options": ["Ja", "Nei, ikke uten avtale med hudlegen", "Bare om kvelden"],
        "correct_option": 2,
        "explanation": "Allopurinol øker mengden legemiddel i blodet kraftig.",
        "section": "Bivirkninger",
    }
    (created,) = TeachBackQuestion.objects.bulk_create(
        [
            TeachBackQuestion(
                version=_version_of(leaflet_or_version),
                language=language,
                **{**defaults, **fields},
            )
        ]
    )
    return created
