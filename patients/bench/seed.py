"""Synthetic clinic-chain data for the benchmark, written in bulk.

Rows are built in chunks of patients with ids allocated here (so foreign keys are known
before insert and report references are final), inserted with `bulk_create`, and the
sequences are moved past them at the end. One password hash serves every account.
"""

import datetime
import random
import secrets
import uuid
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from clinic.models import Role, User
from leaflets.models import (
    KnownSideEffect,
    Leaflet,
    LeafletText,
    LeafletVersion,
    TeachBackQuestion,
)
from leaflets.urgency import Urgency
from patients.bench import SYNTHETIC_DOMAIN
from patients.models import (
    Acknowledgement,
    Assignment,
    Dermatologist,
    Message,
    Patient,
    SideEffectReport,
    TeachBackResult,
    Thread,
    name_and_email,
)

DERMATOLOGISTS = 50
BIG_DERMATOLOGISTS = 4  # bench-derm-01 to 04, with BIG_LIST patients each
BIG_LIST = 2000
ADMINS = 5
CHUNK = 5000
BATCH = 2000
DEMO_DOMAIN = "example.org"

FIRST_NAMES = (
    "Kari Ola Per Ingrid Nora Emma Sofie Jakob Emil Lukas Henrik Ella Maja Olivia Noah Filip "
    "Sara Leah Aksel Johannes Ida Hanna Mathias Oskar Tobias Jonas Marius Elias Vilde Astrid "
    "Sigrid Thea Amalie Mohammed Ali Fatima Anna Maria Lars Kristian Silje Hege Tone Bjørn Knut"
)
LAST_NAMES = (
    "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen Johnsen "
    "Pettersen Eriksen Berg Haugen Hagen Johannessen Andreassen Jacobsen Dahl Jørgensen Halvorsen "
    "Henriksen Lund Sørensen Jakobsen Moen Gundersen Iversen Strand Solberg Svendsen Eide "
    "Knutsen Martinsen Paulsen Bakken Kristoffersen Mathisen Lie Amundsen Nguyen Rasmussen Ali"
)
_FIRST, _LAST = FIRST_NAMES.split(), LAST_NAMES.split()
OTHER_MEDICINES = ["Ibuprofen", "Paracet", "Cetirizin", "Doksysyklin", "Dupilumab", "Ciklosporin"]
DESCRIPTIONS = [
    "Kvalm om morgenen de første dagene.",
    "Det klør mest om kvelden, og det blir verre etter dusjen.",
    "Tørre lepper og litt neseblod.",
    "Jeg er mer sliten enn vanlig og har vondt i hodet.",
    "Huden svir der jeg smører kremen.",
    "I felt sick in the mornings the first week.",
    "",
]
REPLIES = [
    "Takk for at du sa fra. Fortsett som før, og si fra hvis det blir verre.",
    "Ta en blodprøve hos fastlegen denne uka, så ringer jeg deg når svaret kommer.",
    "Det er en kjent bivirkning. Prøv å ta tablettene sammen med mat.",
    "Thank you for telling us. Keep taking it and let us know if it gets worse.",
]
FOLLOW_UPS = [
    "Takk! Det er bedre nå.",
    "Det er fortsatt likt. Skal jeg komme inn?",
    "Thank you, it is better now.",
]
QUESTIONS = [
    "Kan jeg drikke alkohol når jeg bruker denne medisinen?",
    "Hvor lenge må jeg bruke kremen?",
    "Kan jeg ta den sammen med p-piller?",
    "How long before I notice a difference?",
]


LABELS = {
    User: "patient accounts",
    Patient: "patients",
    Assignment: "assignments",
    Acknowledgement: "acknowledgements",
    TeachBackResult: "teach-back results",
    Thread: "conversations",
    SideEffectReport: "side-effect reports",
    Message: "messages",
}
# The order `seed_bench` prints them in.
REPORT_ORDER = [
    "leaflets copied from the demo leaflets",
    "administrators",
    "dermatologists",
    "patients",
    "assignments",
    "assignments unread",
    "assignments opened",
    "assignments acknowledged",
    "assignments outdated",
    "assignments withdrawn",
    "acknowledgements",
    "teach-back results",
    "side-effect reports",
    "reports new",
    "reports in_progress",
    "reports closed",
    "reports urgent",
    "conversations",
    "messages",
]


def synthetic_email(kind: str, number: int, width: int = 6) -> str:
    return f"bench-{kind}-{number:0{width}d}@{SYNTHETIC_DOMAIN}"


def real_users():
    """Users that are neither synthetic bench users nor demo accounts."""
    return User.objects.exclude(
        Q(email__iendswith=f"@{SYNTHETIC_DOMAIN}") | Q(email__iendswith=f"@{DEMO_DOMAIN}")
    )


def bench_patients():
    return Patient.objects.filter(user__email__iendswith=f"@{SYNTHETIC_DOMAIN}")


@dataclass
class SeedResult:
    password: str
    counts: Counter = field(default_factory=Counter)


@dataclass
class _LeafletInfo:
    leaflet_id: int
    slug: str
    medicine: bool
    published: LeafletVersion
    retired: list  # earlier versions; any acknowledged there is outdated when published asks
    titles: dict  # language → title of the published version
    side_effects: list
    question_counts: dict  # language → number of teach-back questions


class _Ids:
    """Hands out primary keys above the current maximum of each table."""

    def __init__(self, *models):
        self.next = {m: (m.objects.aggregate(n=Max("pk"))["n"] or 0) + 1 for m in models}

    def __call__(self, model) -> int:
        value = self.next[model]
        self.next[model] = value + 1
        return value


@contextmanager
def _explicit_timestamps(*fields):
    """Let bulk_create write the historical dates given, not the time of the seed."""
    saved = [(f, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f, value in saved:
            f.auto_now_add = value


def _clone(row, *, ids: _Ids, **parent):
    """A copy of `row` with a new primary key under another parent (e.g. `version_id=`)."""
    model = type(row)
    clone = model(
        **{
            field.attname: getattr(row, field.attname)
            for field in model._meta.concrete_fields
            if field.attname != "id" and field.attname not in parent
        },
        **parent,
    )
    clone.pk = ids(model)
    return clone


def _clone_leaflets(target: int, rng: random.Random, counts: Counter) -> None:
    """Copy the published demo leaflets until `target` leaflets are assignable.

    A clinic chain has dozens of leaflets; the clones keep every version (so a retired
    version followed by one that asks patients to confirm again stays that way), texts,
    side effects and questions, with a number after the title.
    """
    originals = list(
        Leaflet.objects.filter(versions__status=LeafletVersion.Status.PUBLISHED)
        .exclude(slug__startswith="bench-")
        .order_by("slug")
        .prefetch_related("versions__texts", "versions__side_effects", "versions__questions")
    )
    existing = Leaflet.objects.filter(versions__status=LeafletVersion.Status.PUBLISHED).count()
    missing = max(0, target - existing)
    if not originals or not missing:
        return
    ids = _Ids(Leaflet, LeafletVersion, LeafletText, KnownSideEffect, TeachBackQuestion)
    leaflets, versions, texts, effects, questions = [], [], [], [], []
    for n in range(missing):
        original = originals[n % len(originals)]
        copy_number = n // len(originals) + 2
        leaflet = Leaflet(
            pk=ids(Leaflet),
            slug=f"bench-{original.slug}-{copy_number}",
            category_id=original.category_id,
            public=original.public,
            is_medicine=original.is_medicine,
        )
        leaflets.append(leaflet)
        for version in original.versions.all():
            new_version = _clone(version, ids=ids, leaflet_id=leaflet.pk)
            versions.append(new_version)
            for text in version.texts.all():
                new_text = _clone(text, ids=ids, version_id=new_version.pk)
                new_text.title = f"{text.title} ({copy_number})"[:200]
                texts.append(new_text)
            for rows, out in (
                (version.side_effects.all(), effects),
                (version.questions.all(), questions),
            ):
                out.extend(_clone(row, ids=ids, version_id=new_version.pk) for row in rows)
    created = [m._meta.get_field("created_at") for m in (Leaflet, LeafletVersion)]
    with _explicit_timestamps(*created):
        for model, rows in (
            (Leaflet, leaflets),
            (LeafletVersion, versions),
            (LeafletText, texts),
            (KnownSideEffect, effects),
            (TeachBackQuestion, questions),
        ):
            for row in rows:
                if hasattr(row, "created_at") and row.created_at is None:
                    row.created_at = timezone.now()
            _insert(model, rows)
    _reset_sequences(Leaflet, LeafletVersion, LeafletText, KnownSideEffect, TeachBackQuestion)
    counts["leaflets copied from the demo leaflets"] += len(leaflets)


def _leaflet_infos() -> list[_LeafletInfo]:
    leaflets = (
        Leaflet.objects.filter(versions__status=LeafletVersion.Status.PUBLISHED)
        .prefetch_related("versions__texts", "versions__side_effects", "versions__questions")
        .order_by("slug")
    )
    infos = []
    for leaflet in leaflets:
        versions = sorted(leaflet.versions.all(), key=lambda v: v.number)
        published = next(v for v in versions if v.status == LeafletVersion.Status.PUBLISHED)
        retired = [
            v
            for v in versions
            if v.status == LeafletVersion.Status.RETIRED and v.number < published.number
        ]
        infos.append(
            _LeafletInfo(
                leaflet_id=leaflet.pk,
                slug=leaflet.slug,
                medicine=leaflet.is_medicine,
                published=published,
                retired=retired if published.requires_reacknowledgement else [],
                titles={t.language: t.title for t in published.texts.all()},
                side_effects=list(published.side_effects.all()),
                question_counts=Counter(q.language for q in published.questions.all()),
            )
        )
    return infos


def _doctor_per_patient(patients: int, rng: random.Random) -> list[int]:
    """Which dermatologist (index) each patient has.

    The first BIG_DERMATOLOGISTS have BIG_LIST patients each whatever the size of the chain
    (so "My patients" compares like with like between runs); the others share the rest
    unevenly (weights 0.5 to 1.5).
    """
    big = min(BIG_LIST, patients // (BIG_DERMATOLOGISTS + 1))
    others = range(BIG_DERMATOLOGISTS, DERMATOLOGISTS)
    weights = [rng.uniform(0.5, 1.5) for _ in others]
    doctors = [d for d in range(BIG_DERMATOLOGISTS) for _ in range(big)]
    doctors += rng.choices(others, weights, k=patients - len(doctors))
    rng.shuffle(doctors)
    return doctors


def _reset_sequences(*models) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _insert(model, rows) -> None:
    """bulk_create, or COPY on PostgreSQL (several times faster for millions of rows)."""
    if connection.vendor != "postgresql" or not rows:
        model.objects.bulk_create(rows, batch_size=BATCH)
        return
    fields = model._meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([f.get_db_prep_save(f.pre_save(row, True), connection) for f in fields])


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


class _Seeder:
    def __init__(self, *, patients: int, assignments: int, seed: int, password: str):
        self.rng = random.Random(seed)
        self.patients = patients
        self.assignments_per_patient = assignments
        self.password = password
        self.hash = make_password(password)
        self.now = timezone.now()
        self.counts = Counter()
        self.acknowledged = {}  # assignment id → the latest version acknowledged
        self.ids = _Ids(
            User,
            Dermatologist,
            Patient,
            Assignment,
            Acknowledgement,
            TeachBackResult,
            Thread,
            SideEffectReport,
            Message,
        )

    def _user(self, email, name, role, **extra) -> User:
        return User(
            pk=self.ids(User),
            email=email,
            full_name=name,
            role=role,
            password=self.hash,
            language="en" if self.rng.random() < 0.1 else "nb",
            is_active=True,
            date_joined=self.now - datetime.timedelta(days=self.rng.uniform(30, 3 * 365)),
            **extra,
        )

    def _ago(self, days_max: float, days_min: float = 0) -> datetime.datetime:
        return self.now - datetime.timedelta(days=self.rng.uniform(days_min, days_max))

    def _between(self, start, end=None) -> datetime.datetime:
        end = end or self.now
        return start + (end - start) * self.rng.random()

    def staff(self) -> list[Dermatologist]:
        users, doctors = [], []
        for n in range(1, ADMINS + 1):
            users.append(
                self._user(
                    synthetic_email("admin", n, 2),
                    _name(self.rng),
                    Role.ADMIN,
                    is_staff=True,
                    is_superuser=True,
                )
            )
        for n in range(1, DERMATOLOGISTS + 1):
            user = self._user(
                synthetic_email("derm", n, 2), _name(self.rng), Role.DERMATOLOGIST, is_staff=False
            )
            users.append(user)
            doctors.append(
                Dermatologist(
                    pk=self.ids(Dermatologist),
                    user_id=user.pk,
                    display_name=f"Dr. {user.full_name}",
                    title="Spesialist i hudsykdommer",
                )
            )
        _insert(User, users)
        _insert(Dermatologist, doctors)
        self.counts["administrators"] += ADMINS
        self.counts["dermatologists"] += DERMATOLOGISTS
        return doctors

    def run(self, leaflets: list[_LeafletInfo]) -> Counter:
        doctors = self.staff()
        doctor_of = _doctor_per_patient(self.patients, self.rng)
        for start in range(1, self.patients + 1, CHUNK):
            numbers = range(start, min(start + CHUNK, self.patients + 1))
            self._chunk(numbers, [doctors[doctor_of[n - 1]] for n in numbers], leaflets)
        return self.counts

    def _chunk(self, numbers, doctors, leaflets):
        rng = self.rng
        rows = defaultdict(list)
        self.acknowledged.clear()
        for number, doctor in zip(numbers, doctors, strict=True):
            user = self._user(synthetic_email("patient", number), _name(rng), Role.PATIENT)
            patient = Patient(
                pk=self.ids(Patient),
                user_id=user.pk,
                dermatologist_id=doctor.pk,
                date_of_birth=datetime.date(rng.randint(1935, 2008), rng.randint(1, 12), 1)
                + datetime.timedelta(days=rng.randint(0, 27)),
                phone=f"+47 9{rng.randint(1000000, 9999999)}" if rng.random() < 0.8 else "",
                created_at=user.date_joined,
                name_and_email=name_and_email(user),
            )
            rows[User].append(user)
            rows[Patient].append(patient)
            assigned = self._assignments(patient, user, doctor, leaflets, rows)
            self._reports(patient, user, doctor, assigned, rows)
            self._question(patient, user, doctor, assigned, rows)
        timestamps = [Patient._meta.get_field("created_at"), Thread._meta.get_field("created_at")]
        timestamps.append(TeachBackResult._meta.get_field("created_at"))
        with _explicit_timestamps(*timestamps):
            for model in (
                User,
                Patient,
                Assignment,
                Acknowledgement,
                TeachBackResult,
                Thread,
                SideEffectReport,
                Message,
            ):
                _insert(model, rows[model])
                self.counts[LABELS[model]] += len(rows[model])

    def _assignments(self, patient, user, doctor, leaflets, rows):
        """About ten leaflets each: assigned, opened, acknowledged, outdated or withdrawn."""
        rng = self.rng
        count = min(len(leaflets), max(1, round(rng.gauss(self.assignments_per_patient, 2))))
        active = []
        for info in rng.sample(leaflets, count):
            assigned_at = self._ago(365, 1)
            assignment = Assignment(
                pk=self.ids(Assignment),
                patient_id=patient.pk,
                dermatologist_id=patient.dermatologist_id,
                leaflet_id=info.leaflet_id,
                assigned_by_id=doctor.user_id,
                note="Les dette før neste time." if rng.random() < 0.3 else "",
                assigned_at=assigned_at,
            )
            rows[Assignment].append(assignment)
            roll = rng.random()
            if roll < 0.04:
                assignment.withdrawn_at = self._between(assigned_at)
                assignment.withdrawn_by_id = doctor.user_id
                self.counts["assignments withdrawn"] += 1
                continue
            active.append((assignment, info))
            if roll < 0.22:
                self.counts["assignments unread"] += 1
                if rng.random() < 0.5:
                    assignment.last_reminded_at = self._between(assigned_at)
                continue
            assignment.first_opened_at = self._between(
                assigned_at, min(self.now, assigned_at + datetime.timedelta(days=7))
            )
            if roll < 0.37:
                self.counts["assignments opened"] += 1
                continue
            outdated = bool(info.retired) and rng.random() < 0.5
            versions = [info.retired[-1]] if outdated else [info.published]
            if not outdated and info.retired and rng.random() < 0.3:
                versions.insert(0, info.retired[-1])
            self.counts["assignments outdated" if outdated else "assignments acknowledged"] += 1
            when = assignment.first_opened_at
            for version in versions:
                when = self._between(when, min(self.now, when + datetime.timedelta(days=30)))
                self._acknowledge(assignment, info, version, user.language, when, rows)
        return active

    def _acknowledge(self, assignment, info, version, language, when, rows):
        self.acknowledged[assignment.pk] = version.pk
        rows[Acknowledgement].append(
            Acknowledgement(
                pk=self.ids(Acknowledgement),
                assignment_id=assignment.pk,
                version_id=version.pk,
                language=language,
                acknowledged_at=when,
            )
        )
        questions = info.question_counts.get(language, 0)
        if questions:
            first_try = self.rng.randint(max(0, questions - 2), questions)
            rows[TeachBackResult].append(
                TeachBackResult(
                    pk=self.ids(TeachBackResult),
                    assignment_id=assignment.pk,
                    version_id=version.pk,
                    language=language,
                    question_count=questions,
                    first_try_correct=first_try,
                    attempts=1 if first_try == questions else self.rng.randint(2, 3),
                    passed_at=when,
                    created_at=when - datetime.timedelta(minutes=2),
                )
            )

    def _thread(self, patient, assignment, kind, started, rows) -> Thread:
        thread = Thread(
            pk=self.ids(Thread),
            patient_id=patient.pk,
            dermatologist_id=patient.dermatologist_id,
            assignment_id=assignment.pk if assignment else None,
            kind=kind,
            created_at=started,
            last_message_at=started,
            awaiting_dermatologist=True,
        )
        rows[Thread].append(thread)
        return thread

    def _message(self, thread, author_id, body, when, rows, *, from_patient):
        rows[Message].append(
            Message(
                pk=self.ids(Message), thread_id=thread.pk, author_id=author_id, body=body,
                created_at=when,
            )
        )  # fmt: skip
        thread.last_message_at = when
        thread.awaiting_dermatologist = from_patient

    def _reports(self, patient, user, doctor, active, rows):
        """About two reports each, some urgent; older ones mostly closed, with replies."""
        rng = self.rng
        medicines = [(a, info) for a, info in active if info.medicine]
        count = rng.choices(range(6), weights=[15, 25, 25, 18, 10, 7])[0]
        Status = SideEffectReport.Status
        for _ in range(count):
            if medicines and rng.random() < 0.85:
                assignment, info = rng.choice(medicines)
                created = self._between(assignment.assigned_at)
                report = self._medicine_report(assignment, info, user.language, rows)
            else:
                assignment, created = None, self._ago(365)
                report = SideEffectReport(
                    medicine_name=rng.choice(OTHER_MEDICINES),
                    other_symptoms="Utslett på armene.",
                    symptoms=[],
                )
            report.pk = self.ids(SideEffectReport)
            report.reference = f"R-{created:%Y}-{report.pk:05d}"
            report.form_token = uuid.UUID(int=rng.getrandbits(128), version=4)
            report.patient_id = patient.pk
            report.dermatologist_id = patient.dermatologist_id
            report.leaflet_id = assignment.leaflet_id if assignment else None
            report.created_at = created
            started = timezone.localdate(created) - datetime.timedelta(days=rng.randint(0, 14))
            report.started_on = started
            report.outcome = rng.choice(SideEffectReport.Outcome.values)
            if report.outcome != SideEffectReport.Outcome.ONGOING:
                report.stopped_on = started + datetime.timedelta(
                    days=rng.randint(0, (timezone.localdate(created) - started).days)
                )
            report.severity = rng.choice(SideEffectReport.Severity.values)
            report.interference = rng.choice(SideEffectReport.Interference.values)
            report.medicine_action = rng.choice(SideEffectReport.MedicineAction.values)
            report.consent = rng.choice(SideEffectReport.Consent.values)
            report.dose = rng.choice(["", "50 mg daglig", "10 mg i uken", "2 ganger daglig"])
            report.description = rng.choice(DESCRIPTIONS)
            age = (self.now - created).days
            closed_share, open_share = (0.9, 0.02) if age > 30 else (0.25, 0.45)
            roll = rng.random()
            report.status = (
                Status.CLOSED
                if roll < closed_share
                else Status.NEW
                if roll < closed_share + open_share
                else Status.IN_PROGRESS
            )
            thread = self._thread(patient, assignment, Thread.Kind.REPORT, created, rows)
            report.thread_id = thread.pk
            if report.status != Status.NEW:
                report.handled_by_id = doctor.user_id
                report.action = rng.choice(SideEffectReport.Action.values)
                reply_at = self._between(created, min(self.now, created + datetime.timedelta(3)))
                self._message(
                    thread, doctor.user_id, rng.choice(REPLIES), reply_at, rows, from_patient=False
                )
                if rng.random() < 0.5:
                    self._message(
                        thread,
                        user.pk,
                        rng.choice(FOLLOW_UPS),
                        self._between(reply_at, min(self.now, reply_at + datetime.timedelta(3))),
                        rows,
                        from_patient=True,
                    )
            elif rng.random() < 0.3:
                self._message(
                    thread,
                    user.pk,
                    rng.choice(FOLLOW_UPS),
                    self._between(created),
                    rows,
                    from_patient=True,
                )
            if report.status == Status.CLOSED:
                report.closed_at = self._between(thread.last_message_at)
                thread.awaiting_dermatologist = False
                if report.consent != SideEffectReport.Consent.ASK_FIRST and rng.random() < 0.3:
                    report.forwarded_on = timezone.localdate(report.closed_at)
                    report.forwarded_reference = f"DMP-{rng.randint(100000, 999999)}"
            self.counts["reports urgent" if report.urgent else "reports routine"] += 1
            self.counts[f"reports {report.status}"] += 1
            rows[SideEffectReport].append(report)

    def _medicine_report(self, assignment, info, language, rows) -> SideEffectReport:
        rng = self.rng
        plain = [e for e in info.side_effects if not e.red_flag]
        flags = [e for e in info.side_effects if e.red_flag]
        chosen = rng.sample(plain, min(len(plain), rng.randint(1, 3)))
        if flags and rng.random() < 0.08:
            chosen.append(rng.choice(flags))
        if not chosen:
            return SideEffectReport(
                assignment_id=assignment.pk,
                medicine_name=info.titles.get(language) or info.slug,
                acknowledged_version_id=self.acknowledged.get(assignment.pk),
                other_symptoms="Utslett på armene.",
            )
        return SideEffectReport(
            assignment_id=assignment.pk,
            medicine_name=info.titles.get(language) or info.slug,
            acknowledged_version_id=self.acknowledged.get(assignment.pk),
            symptoms=[
                {
                    "key": e.key,
                    "name": (e.name_en if language == "en" else e.name_nb) or e.name_nb,
                    "red_flag": e.red_flag,
                    "question": ((e.ask_en if language == "en" else e.ask_nb) or e.ask_nb)
                    if e.red_flag
                    else "",
                    **(
                        {
                            "level": e.level or Urgency.TODAY,
                            "advice": (e.advice_en if language == "en" else e.advice_nb)
                            or e.advice_nb,
                        }
                        if e.red_flag
                        else {}
                    ),
                }
                for e in chosen
            ],
            urgency=min((e.level or Urgency.TODAY for e in chosen if e.red_flag), default=None),
        )

    def _question(self, patient, user, doctor, active, rows):
        """Some patients asked about a leaflet; some of those questions wait for an answer."""
        rng = self.rng
        if not active or rng.random() > 0.15:
            return
        assignment, _info = rng.choice(active)
        asked = self._between(assignment.assigned_at)
        thread = self._thread(patient, assignment, Thread.Kind.QUESTION, asked, rows)
        self._message(thread, user.pk, rng.choice(QUESTIONS), asked, rows, from_patient=True)
        if rng.random() < 0.6:
            self._message(
                thread,
                doctor.user_id,
                rng.choice(REPLIES),
                self._between(asked),
                rows,
                from_patient=False,
            )


def _record_acknowledgements() -> None:
    """Store the state columns the rows were written without (COPY skips `save`)."""
    Leaflet.objects.refresh_confirm_from()
    acknowledged = Acknowledgement.objects.filter(assignment=OuterRef("pk"))
    Assignment.objects.filter(Exists(acknowledged)).refresh_acknowledged()


def seed(*, patients: int, leaflets: int = 30, assignments: int = 10, seed: int = 2026):
    """Write the synthetic chain; returns the password and what was made."""
    password = f"bench-{secrets.token_urlsafe(9)}"
    with transaction.atomic():
        result = SeedResult(password=password)
        _clone_leaflets(leaflets, random.Random(seed), result.counts)
        infos = _leaflet_infos()
        seeder = _Seeder(patients=patients, assignments=assignments, seed=seed, password=password)
        result.counts.update(seeder.run(infos))
        _record_acknowledgements()
        _reset_sequences(
            User,
            Dermatologist,
            Patient,
            Assignment,
            Acknowledgement,
            TeachBackResult,
            Thread,
            SideEffectReport,
            Message,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return result
