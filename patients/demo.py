"""Demo patients and their leaflets in every state the pages show."""

import datetime
import uuid

from django.utils import timezone, translation

from clinic.demo import demo_user
from leaflets.demo import publish_azathioprine_v2
from leaflets.models import Leaflet
from patients import report_services, selectors, services
from patients.models import Assignment, Dermatologist, Patient, SideEffectReport
from patients.report_services import ReportAnswers

DERMATOLOGISTS = {
    "dr.hansen@example.org": ("Dr. Erik Hansen", "Spesialist i hudsykdommer", "9144889"),
    "dr.lie@example.org": ("Dr. Ingrid Lie", "Spesialist i hudsykdommer", ""),
}
PATIENTS = {
    "kari@example.org": ("dr.hansen@example.org", datetime.date(1984, 3, 17), "+47 912 34 567"),
    "ola@example.org": ("dr.hansen@example.org", datetime.date(1971, 11, 2), "+47 934 56 789"),
    "per@example.org": ("dr.lie@example.org", datetime.date(1958, 6, 24), ""),
}


def _profiles():
    doctors = {}
    for email, (name, title, hpr) in DERMATOLOGISTS.items():
        doctors[email], _ = Dermatologist.objects.get_or_create(
            user=demo_user(email),
            defaults={"display_name": name, "title": title, "hpr_number": hpr},
        )
    patients = {}
    for email, (doctor, born, phone) in PATIENTS.items():
        patients[email], _ = Patient.objects.get_or_create(
            user=demo_user(email),
            defaults={"dermatologist": doctors[doctor], "date_of_birth": born, "phone": phone},
        )
    return doctors, patients


def _assign(patient, slug, *, by, days_ago, note):
    leaflet = Leaflet.objects.get(slug=slug)
    [assignment] = services.assign_leaflets(patient=patient, leaflets=[leaflet], by=by, note=note)
    Assignment.objects.filter(pk=assignment.pk).update(
        assigned_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return assignment


def _read_and_confirm(assignment, language, *, days_ago):
    when = timezone.now() - datetime.timedelta(days=days_ago)
    version = assignment.leaflet.published_version()
    questions = selectors.questions_for(version, language)
    answers = {q.pk: q.correct_option for q in questions}
    services.record_open(assignment=assignment)
    services.check_understanding(
        assignment=assignment, version=version, language=language, answers=answers
    )
    acknowledgement = services.acknowledge(
        assignment=assignment, version=version, language=language
    )
    Assignment.objects.filter(pk=assignment.pk).update(first_opened_at=when)
    type(acknowledgement).objects.filter(pk=acknowledgement.pk).update(acknowledged_at=when)


def seed_patients(*, editor, approver) -> bool:
    """Profiles, assignments in each state and one published update; False when present."""
    if Assignment.objects.filter(patient__user__email="kari@example.org").exists():
        _profiles()
        return False
    doctors, patients = _profiles()
    hansen = doctors["dr.hansen@example.org"].user
    kari, ola, per = (patients[e] for e in PATIENTS)

    aza = _assign(
        kari,
        "azathioprine",
        by=hansen,
        days_ago=40,
        note=(
            "Start med 50 mg daglig. Blodprøve hos fastlegen hver uke de første 8 ukene, "
            "første gang om en uke."
        ),
    )
    _read_and_confirm(aza, "nb", days_ago=38)
    steroid = _assign(
        kari,
        "topical-corticosteroids",
        by=hansen,
        days_ago=40,
        note="Mometason krem (Elocon®) på eksemet på armene i 1 uke, deretter 2 dager i uken. "
        "I ansiktet bare den svake kremen (Mildison®), og bare i korte perioder.",
    )
    _read_and_confirm(steroid, "nb", days_ago=39)
    publish_azathioprine_v2(editor=editor, approver=approver)
    _assign(
        kari,
        "methotrexate",
        by=hansen,
        days_ago=9,  # older than UNCONFIRMED_AFTER_DAYS: on dr. Hansen's overview
        note="Vi snakket om metotreksat som neste steg. Les gjerne før timen 12. desember.",
    )
    ola_eczema = _assign(
        ola,
        "atopic-eczema",
        by=hansen,
        days_ago=5,
        note="Use the moisturiser twice a day, also when the skin looks good.",
    )
    services.record_open(assignment=ola_eczema)
    _assign(per, "isotretinoin", by=doctors["dr.lie@example.org"].user, days_ago=3, note="")
    _reports(kari, aza, hansen)
    return True


def _report(patient, assignment, days_ago, seen_after=None, **answers):
    report = report_services.submit_report(
        patient=patient,
        assignment=assignment,
        answers=ReportAnswers(
            **{
                "form_token": uuid.uuid4(),
                "outcome": SideEffectReport.Outcome.ONGOING,
                "medicine_action": SideEffectReport.MedicineAction.CONTINUED,
                "consent": SideEffectReport.Consent.ASK_FIRST,
                **answers,
            }
        ),
    )
    when = timezone.now() - datetime.timedelta(days=days_ago)
    seen = when + seen_after if seen_after is not None else None
    SideEffectReport.objects.filter(pk=report.pk).update(created_at=when, first_seen_at=seen)
    return report


def _reports(kari, aza, hansen):
    """One closed report from a month ago, one urgent report in progress with a reply, and
    one urgent report nobody has looked at yet."""
    today = timezone.localdate()
    with translation.override("nb"):
        closed = _report(
            kari,
            aza,
            days_ago=30,
            seen_after=datetime.timedelta(hours=3),
            symptoms=["nausea"],
            started_on=today - datetime.timedelta(days=33),
            outcome=SideEffectReport.Outcome.RECOVERED,
            stopped_on=today - datetime.timedelta(days=28),
            severity=SideEffectReport.Severity.MILD,
            interference=SideEffectReport.Interference.A_LITTLE,
            dose="50 mg daglig",
            description="Kvalm om morgenen den første uka. Bedre etter at jeg tok tablettene "
            "sammen med frokost.",
        )
        services.post_message(
            thread=closed.thread,
            author=hansen,
            body="Fint at det gikk over. Fortsett å ta tablettene sammen med mat.",
        )
        report_services.set_report_status(
            report=closed, status="closed", action=SideEffectReport.Action.ADVICE, by=hansen
        )
        urgent = _report(
            kari,
            aza,
            days_ago=0,
            seen_after=datetime.timedelta(0),
            red_flags=["fever"],
            started_on=today - datetime.timedelta(days=1),
            severity=SideEffectReport.Severity.MODERATE,
            interference=SideEffectReport.Interference.QUITE_A_BIT,
            dose="50 mg daglig",
            other_medicines="Paracet ved behov",
            description="Feber 38,6 i går kveld og i dag, og litt sår hals.",
        )
        services.post_message(
            thread=urgent.thread,
            author=hansen,
            body="Takk for at du sa fra. Ta blodprøve hos fastlegen i dag (blodprosent, hvite "
            "blodlegemer og CRP). Ikke ta flere tabletter før vi har snakket sammen. Jeg "
            "ringer deg i ettermiddag.",
        )
        report_services.set_report_status(
            report=urgent,
            status="in_progress",
            action=SideEffectReport.Action.BLOOD_TESTS,
            by=hansen,
        )
        _report(
            kari,
            aza,
            days_ago=0,
            red_flags=["bruising_bleeding"],
            started_on=today,
            severity=SideEffectReport.Severity.MODERATE,
            interference=SideEffectReport.Interference.A_LITTLE,
            dose="50 mg daglig",
            description="Flere blåmerker på leggene som jeg ikke vet hvor kommer fra.",
        )
