"""Reads for the leaflet insight: how patients get on with each leaflet.

Every figure comes from an aggregate query; Python only walks the grouped rows, whose number
is bounded by versions, languages, questions, options and days, never by patients. Nothing
here names a patient.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
)
from django.db.models.functions import TruncDate

from clinic.lib.charts import percent
from leaflets.models import KnownSideEffect, Leaflet, LeafletVersion, TeachBackQuestion
from leaflets.selectors import with_published_version
from patients.models import (
    EVER_ACKNOWLEDGED,
    Acknowledgement,
    Assignment,
    SideEffectReport,
    TeachBackAnswer,
    TeachBackResult,
)
from patients.selectors import names_side_effect

# A question is marked for rewriting when fewer than half answer it right at the first try,
# once enough patients have answered it for the share to mean something.
FLAG_BELOW_PERCENT = 50
FLAG_MIN_ANSWERS = 5


def median_from_histogram(counts: dict[int, int]) -> float | None:
    """The median of values given as {value: how many}; O(distinct values), not O(rows)."""
    total = sum(counts.values())
    if not total:
        return None
    wanted = [(total - 1) // 2, total // 2]  # the middle position(s), counting from 0
    found, seen = [], 0
    for value in sorted(counts):
        seen += counts[value]
        while wanted and wanted[0] < seen:
            found.append(value)
            wanted.pop(0)
    return sum(found) / 2


def _opened_and_acknowledged():
    return {
        "assigned": Count("pk"),
        "opened": Count("pk", filter=Q(first_opened_at__isnull=False)),
        "acknowledged": Count("pk", filter=EVER_ACKNOWLEDGED),
    }


@dataclass
class LeafletRow:
    leaflet: Leaflet
    title: str
    assigned: int = 0
    opened: int = 0
    acknowledged: int = 0

    @property
    def acknowledged_percent(self) -> float | None:
        return percent(self.acknowledged, self.assigned)


def leaflet_overview(language: str) -> list[LeafletRow]:
    """Each leaflet with a published version, and its assignments opened and acknowledged."""
    leaflets = list(with_published_version(Leaflet.objects.order_by("slug")))
    counts = {
        row["leaflet_id"]: row
        for row in Assignment.objects.order_by()
        .values("leaflet_id")
        .annotate(**_opened_and_acknowledged())
    }
    rows = []
    for leaflet in leaflets:
        if leaflet.published_version() is None:
            continue
        found = counts.get(leaflet.pk, {})
        rows.append(
            LeafletRow(
                leaflet=leaflet,
                title=leaflet.title_in(language),
                assigned=found.get("assigned", 0),
                opened=found.get("opened", 0),
                acknowledged=found.get("acknowledged", 0),
            )
        )
    return sorted(rows, key=lambda row: row.title.lower())


@dataclass
class FunnelRow:
    """Assignments by the patient's language (assignments have no version or language)."""

    language: str
    assigned: int
    opened: int
    acknowledged: int


@dataclass
class VersionRow:
    """Acknowledgements and teach-back results of one version in one language."""

    number: int
    language: str
    acknowledged: int = 0
    median_days: float | None = None
    checked: int = 0
    all_right_first: int = 0
    passed: int = 0

    @property
    def all_right_first_percent(self) -> float | None:
        return percent(self.all_right_first, self.checked)


@dataclass
class QuestionRow:
    number: int
    language: str
    question: TeachBackQuestion
    answers: int = 0
    right_first: int = 0
    wrong_option: int | None = None
    wrong_count: int = 0
    section_url: str = ""

    @property
    def right_first_percent(self) -> float | None:
        return percent(self.right_first, self.answers)

    @property
    def wrong_option_text(self) -> str:
        options = self.question.options or []
        if self.wrong_option and 1 <= self.wrong_option <= len(options):
            return options[self.wrong_option - 1]
        return ""

    @property
    def flagged(self) -> bool:
        rate = self.right_first_percent
        return self.answers >= FLAG_MIN_ANSWERS and rate is not None and rate < FLAG_BELOW_PERCENT


@dataclass
class SymptomRow:
    key: str
    name: str
    red_flag: bool
    reports: int


@dataclass
class LeafletInsight:
    leaflet: Leaflet
    title: str
    funnel: list[FunnelRow]
    versions: list[VersionRow]
    questions: list[QuestionRow]
    symptoms: list[SymptomRow]
    reports: int = 0
    median_days: float | None = None
    totals: dict = field(default_factory=dict)

    @property
    def flagged(self) -> list[QuestionRow]:
        return [row for row in self.questions if row.flagged]


def _funnel(leaflet) -> list[FunnelRow]:
    rows = (
        Assignment.objects.filter(leaflet=leaflet)
        .order_by("patient__user__language")
        .values("patient__user__language")
        .annotate(**_opened_and_acknowledged())
    )
    return [
        FunnelRow(
            language=row["patient__user__language"],
            assigned=row["assigned"],
            opened=row["opened"],
            acknowledged=row["acknowledged"],
        )
        for row in rows
    ]


def _days_histograms(leaflet) -> dict[tuple[int, str], dict[int, int]]:
    """{(version id, language): {whole days from assignment to acknowledgement: count}}."""
    days = ExpressionWrapper(
        TruncDate("acknowledged_at") - TruncDate("assignment__assigned_at"),
        output_field=DurationField(),
    )
    rows = (
        Acknowledgement.objects.filter(assignment__leaflet=leaflet)
        .annotate(days=days)
        .order_by()
        .values("version_id", "language", "days")
        .annotate(count=Count("pk"))
    )
    histograms: dict[tuple[int, str], dict[int, int]] = defaultdict(dict)
    for row in rows:
        day = max(row["days"].days, 0) if row["days"] is not None else 0
        bucket = histograms[(row["version_id"], row["language"])]
        bucket[day] = bucket.get(day, 0) + row["count"]
    return histograms


def _versions(leaflet, numbers: dict[int, int]) -> tuple[list[VersionRow], dict[int, int]]:
    histograms = _days_histograms(leaflet)
    results = (
        TeachBackResult.objects.filter(version__leaflet=leaflet)
        .order_by()
        .values("version_id", "language")
        .annotate(
            checked=Count("pk"),
            all_right_first=Count("pk", filter=Q(first_try_correct=F("question_count"))),
            passed=Count("pk", filter=Q(passed_at__isnull=False)),
        )
    )
    rows: dict[tuple[int, str], VersionRow] = {}
    for (version_id, language), histogram in histograms.items():
        rows[(version_id, language)] = VersionRow(
            number=numbers[version_id],
            language=language,
            acknowledged=sum(histogram.values()),
            median_days=median_from_histogram(histogram),
        )
    for result in results:
        key = (result["version_id"], result["language"])
        row = rows.setdefault(
            key, VersionRow(number=numbers[result["version_id"]], language=result["language"])
        )
        row.checked = result["checked"]
        row.all_right_first = result["all_right_first"]
        row.passed = result["passed"]
    everything: dict[int, int] = {}
    for histogram in histograms.values():
        for day, count in histogram.items():
            everything[day] = everything.get(day, 0) + count
    ordered = sorted(rows.values(), key=lambda row: (-row.number, row.language))
    return ordered, everything


def _questions(leaflet, versions: list[LeafletVersion]) -> list[QuestionRow]:
    answers = TeachBackAnswer.objects.filter(result__version__leaflet=leaflet, attempt=1)
    totals = (
        answers.order_by()
        .values("result__version_id", "question_id")
        .annotate(answers=Count("pk"), right_first=Count("pk", filter=Q(correct=True)))
    )
    wrong = (
        answers.filter(correct=False)
        .order_by()
        .values("result__version_id", "question_id", "chosen_option")
        .annotate(count=Count("pk"))
    )
    most_wrong: dict[tuple[int, int], tuple[int, int]] = {}
    for row in wrong:
        key = (row["result__version_id"], row["question_id"])
        best = most_wrong.get(key)
        # The most chosen wrong answer; on a tie, the one listed first.
        if best is None or (row["count"], -row["chosen_option"]) > (best[1], -best[0]):
            most_wrong[key] = (row["chosen_option"], row["count"])
    totals = list(totals)
    questions = TeachBackQuestion.objects.in_bulk({row["question_id"] for row in totals})
    by_version = {version.pk: version for version in versions}
    public_url = leaflet.get_absolute_url() if leaflet.public else ""
    rows = []
    for row in totals:
        version = by_version[row["result__version_id"]]
        question = questions[row["question_id"]]
        option, count = most_wrong.get((version.pk, question.pk), (None, 0))
        rows.append(
            QuestionRow(
                number=version.number,
                language=question.language,
                question=question,
                answers=row["answers"],
                right_first=row["right_first"],
                wrong_option=option,
                wrong_count=count,
                section_url=_section_url(public_url, question, versions, version),
            )
        )
    return sorted(rows, key=lambda r: (-r.number, r.language, r.question.position, r.question.pk))


def _section_url(public_url: str, question, versions, version) -> str:
    """The public page's anchor of the section the question tests: the heading's id in the
    published text, else in the text the patients answered on."""
    if not public_url or not question.section:
        return ""
    published = [v for v in versions if v.status == LeafletVersion.Status.PUBLISHED]
    for candidate in [*published, version]:
        for text in candidate.texts.all():
            if text.language != question.language:
                continue
            for entry in text.toc:
                if entry.get("title") == question.section:
                    return f"{public_url}#{entry['id']}"
    return ""


def _symptoms(leaflet) -> tuple[list[SymptomRow], int]:
    """Reports about this medicine per side effect its published version lists (one query
    for all).

    The report keeps a JSON snapshot of the side effects ticked (`[{"key": ...}, ...]`);
    each key is counted with a text match on the snapshot, which SQLite and PostgreSQL both
    do. The number of filters is the number of side effects, not of reports.
    """
    effects = list(
        KnownSideEffect.objects.filter(
            version__leaflet=leaflet, version__status=LeafletVersion.Status.PUBLISHED
        )
    )
    counts = SideEffectReport.objects.filter(assignment__leaflet=leaflet).aggregate(
        total=Count("pk"),
        **{
            f"effect_{effect.pk}": Count("pk", filter=names_side_effect(effect.key))
            for effect in effects
        },
    )
    rows = [
        SymptomRow(
            key=effect.key,
            name=effect.name,
            red_flag=effect.red_flag,
            reports=counts[f"effect_{effect.pk}"],
        )
        for effect in effects
    ]
    return sorted(rows, key=lambda row: (-row.reports, row.name)), counts["total"]


def leaflet_insight(leaflet: Leaflet, language: str) -> LeafletInsight:
    """Everything the leaflet's insight page shows, in a fixed number of queries."""
    versions = list(LeafletVersion.objects.filter(leaflet=leaflet).prefetch_related("texts"))
    numbers = {version.pk: version.number for version in versions}
    funnel = _funnel(leaflet)
    version_rows, all_days = _versions(leaflet, numbers)
    symptoms, reports = _symptoms(leaflet)
    published = next((v for v in versions if v.status == LeafletVersion.Status.PUBLISHED), None)
    newest = max(versions, key=lambda v: v.number, default=None)
    current = published or newest
    return LeafletInsight(
        leaflet=leaflet,
        title=(current.title_in(language) if current else "") or leaflet.slug,
        funnel=funnel,
        versions=version_rows,
        questions=_questions(leaflet, versions),
        symptoms=symptoms,
        reports=reports,
        median_days=median_from_histogram(all_days),
        totals={
            "assigned": sum(row.assigned for row in funnel),
            "opened": sum(row.opened for row in funnel),
            "acknowledged": sum(row.acknowledged for row in funnel),
        },
    )
