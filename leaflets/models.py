from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.lib.urls import link
from leaflets.languages import (
    LANGUAGE_CHOICES,
    active_language,  # noqa: F401 (the patients app imports it from here)
    in_active_language,
    other_language,
)
from leaflets.readability import ReadabilityScore, readability
from leaflets.rendering import render_markdown, validate_renderable
from leaflets.urgency import Urgency


class Category(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name_nb = models.CharField(_("name (Norwegian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return in_active_language(self, "name")


def confirm_from_number(versions):
    """The rule for `Leaflet.confirm_from_number`, as an expression for an update of leaflets:
    the number of the newest published or retired version that asks patients to confirm
    again, else 0. `versions` is the LeafletVersion manager (a migration passes its own)."""
    newest = versions.filter(
        leaflet=OuterRef("pk"),
        requires_reacknowledgement=True,
        status__in=LeafletVersion.FROZEN_STATUSES,
    ).order_by("-number")
    return Coalesce(Subquery(newest.values("number")[:1]), Value(0))


class LeafletQuerySet(models.QuerySet):
    def refresh_confirm_from(self) -> int:
        """Store each leaflet's `confirm_from_number` from its versions. Whatever publishes or
        retires versions calls it: `services.publish`, `LeafletVersion.save`, bulk writers."""
        return self.update(confirm_from_number=confirm_from_number(LeafletVersion.objects))


class Leaflet(models.Model):
    """A patient information leaflet; its content lives in numbered versions."""

    slug = models.SlugField(
        _("slug"),
        unique=True,
        help_text=_("Stable address of the leaflet, e.g. azathioprine. Never change it."),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="leaflets", verbose_name=_("category")
    )
    public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Shown to everyone in the public A–Z once a version is published."),
    )
    is_medicine = models.BooleanField(
        _("about a medicine"),
        default=False,
        help_text=_("Tick for a leaflet about a medicine: patients can report side effects on it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirm_from_number = models.PositiveIntegerField(
        _("confirmations count from version"),
        default=0,
        editable=False,
        help_text=_(
            "A patient's confirmation is current when it is of this version number or later: "
            "the newest published or retired version that asks patients to confirm again."
        ),
    )

    objects = LeafletQuerySet.as_manager()

    class Meta:
        verbose_name = _("leaflet")
        verbose_name_plural = _("leaflets")
        ordering = ["slug"]

    def __str__(self):
        return self.slug

    def get_absolute_url(self):
        return link("leaflets:detail", slug=self.slug)

    def published_version(self):
        """The one published version, or None. Queries unless `versions` is prefetched."""
        for version in self.versions.all():
            if version.status == LeafletVersion.Status.PUBLISHED:
                return version
        return None

    def current_version(self):
        """The published version, else the newest one, else None.

        Queries unless `versions` is prefetched; with only the published version prefetched
        (`selectors.published_versions`) it is the published version.
        """
        versions = list(self.versions.all())
        return self.published_version() or max(versions, key=lambda v: v.number, default=None)

    def open_version(self):
        """The draft or version in review (there is at most one), or None. Queries."""
        return self.versions.filter(status__in=LeafletVersion.EDITABLE_STATUSES).first()

    def title_in(self, language: str) -> str:
        """The current version's title in `language`, else in the other language, else the
        slug. Queries unless `versions` and their `texts` are prefetched."""
        version = self.current_version()
        return (version.title_in(language) if version else "") or self.slug

    def assignment_refusal(self, today=None) -> str | None:
        """Why this leaflet cannot be newly assigned to a patient, or None when it can."""
        version = self.published_version()
        if version is None:
            return str(_("The leaflet has no published version."))
        if version.is_overdue_for_review(today):
            return str(
                _("The leaflet was due for review on %(date)s and must be reviewed first.")
                % {"date": version.next_review}
            )
        return None


class LeafletVersion(models.Model):
    """One clinical state of a leaflet's text. Published and retired versions never change."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    EDITABLE_STATUSES = (Status.DRAFT, Status.IN_REVIEW)
    FROZEN_STATUSES = (Status.PUBLISHED, Status.RETIRED)

    leaflet = models.ForeignKey(
        Leaflet, on_delete=models.CASCADE, related_name="versions", verbose_name=_("leaflet")
    )
    number = models.PositiveIntegerField(_("version number"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, editable=False
    )
    requires_reacknowledgement = models.BooleanField(
        _("patients must confirm again"),
        default=False,
        help_text=_(
            "Tick when the change matters for safety: patients who confirmed an earlier "
            "version are asked to read and confirm this one."
        ),
    )
    next_review = models.DateField(
        _("next review"),
        help_text=_("The date by which the text must be reviewed again."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
        editable=False,
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last edited by"),
        editable=False,
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("edited by"),
        help_text=_("Everyone who changed any part of this version; none of them may approve it."),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
        editable=False,
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("leaflet version")
        verbose_name_plural = _("leaflet versions")
        ordering = ["leaflet__slug", "-number"]
        permissions = [("publish_leafletversion", _("Can approve and publish leaflet versions"))]
        constraints = [
            models.UniqueConstraint(fields=["leaflet", "number"], name="version_number_unique"),
            models.UniqueConstraint(
                fields=["leaflet"],
                condition=Q(status="published"),
                name="one_published_version_per_leaflet",
                violation_error_message=_("A leaflet can have only one published version."),
            ),
            models.UniqueConstraint(
                fields=["leaflet"],
                condition=Q(status__in=["draft", "in_review"]),
                name="one_open_version_per_leaflet",
                violation_error_message=_(
                    "A leaflet can have only one draft or version in review."
                ),
            ),
        ]
        indexes = [
            # The public A–Z, the leaflet page and "Assign leaflets" look up published versions.
            models.Index(fields=["status", "leaflet"], name="public_az_published_idx"),
        ]

    def __str__(self):
        return f"{self.leaflet.slug} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = LeafletVersion.objects.filter(pk=self.pk).values("status").first()
            if stored and stored["status"] not in self.EDITABLE_STATUSES:
                # The one change a frozen version may undergo: published → retired.
                update_fields = set(kwargs.get("update_fields") or ())
                retiring = (
                    stored["status"] == self.Status.PUBLISHED
                    and self.status == self.Status.RETIRED
                    and update_fields
                    and update_fields <= {"status", "retired_at", "updated_at"}
                )
                if not retiring:
                    raise ValidationError(
                        _("A published or retired version cannot be changed. Make a new draft.")
                    )
        super().save(*args, **kwargs)
        if not self.is_editable:  # retired by `publish`, or written frozen (admin, tests)
            Leaflet.objects.filter(pk=self.leaflet_id).refresh_confirm_from()

    def delete(self, *args, **kwargs):
        if not self.is_editable:
            raise ValidationError(_("A published or retired version cannot be deleted."))
        return super().delete(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    def is_overdue_for_review(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.PUBLISHED and self.next_review < today

    def text_for(self, language: str):
        """The text in `language`, else the other one. Queries unless `texts` is prefetched."""
        texts = {text.language: text for text in self.texts.all()}
        return texts.get(language) or texts.get(other_language(language))

    def title_in(self, language: str) -> str:
        """The title in `language`, else in the other one, else "". Like `text_for`."""
        text = self.text_for(language)
        return text.title if text else ""

    def languages(self) -> list[str]:
        """The languages this version has a text in. Queries unless `texts` is prefetched."""
        return sorted(text.language for text in self.texts.all())


def version_is_frozen(version_id) -> bool:
    """True when the version exists and is published or retired (asks the database)."""
    if version_id is None:
        return False
    status = (LeafletVersion.objects.filter(pk=version_id).values_list("status", flat=True)).first()
    return status is not None and status not in LeafletVersion.EDITABLE_STATUSES


class VersionContent(models.Model):
    """Something a patient sees that belongs to a version: read-only once it is published."""

    frozen_change_message = frozen_delete_message = _(
        "A published or retired version cannot be changed. Make a new draft."
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._version_is_frozen():
            raise ValidationError(self.frozen_change_message)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._version_is_frozen():
            raise ValidationError(self.frozen_delete_message)
        return super().delete(*args, **kwargs)

    def _version_is_frozen(self) -> bool:
        return version_is_frozen(self.version_id)


class LeafletText(VersionContent):
    """A version's text in one language; its HTML is rendered and sanitised when saved."""

    version = models.ForeignKey(
        LeafletVersion, on_delete=models.CASCADE, related_name="texts", verbose_name=_("version")
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences shown in lists and search results."),
    )
    body = models.TextField(
        _("text"),
        validators=[validate_renderable],
        help_text=_(
            "Markdown: ## for section headings, - for lists, **bold**, *italic*, "
            "[link](https://…) and tables. No HTML scripts or styles: they are removed."
        ),
    )
    change_note = models.CharField(
        _("what changed"),
        max_length=500,
        blank=True,
        help_text=_("Shown to patients who must read the leaflet again. Plain words."),
    )
    body_html = models.TextField(_("rendered text"), editable=False)
    body_plain = models.TextField(_("plain text"), editable=False)
    toc = models.JSONField(_("table of contents"), default=list, editable=False)
    readability_score = models.FloatField(_("readability"), null=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("language reviewed by"),
        help_text=_("The person who checked this language version against the original."),
    )

    class Meta:
        verbose_name = _("leaflet text")
        verbose_name_plural = _("leaflet texts")
        ordering = ["version", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "language"],
                name="one_text_per_language",
                violation_error_message=_("This version already has a text in this language."),
            )
        ]

    def __str__(self):
        return self.title

    frozen_change_message = _("The text of a published or retired version cannot be changed.")
    frozen_delete_message = _("The text of a published or retired version cannot be deleted.")

    def save(self, *args, **kwargs):
        # Forms strip whitespace; stored text must compare equal to what a form sends back.
        self.title, self.summary, self.body = (
            self.title.strip(),
            self.summary.strip(),
            self.body.strip(),
        )
        rendered = render_markdown(self.body)
        self.body_html = rendered.html
        self.body_plain = rendered.plain_text
        self.toc = rendered.toc
        self.readability_score = readability(self.language, rendered.plain_text).score
        super().save(*args, **kwargs)

    def readability(self) -> ReadabilityScore | None:
        if self.readability_score is None:
            return None
        return ReadabilityScore.for_language(self.language, self.readability_score)


class KnownSideEffect(VersionContent):
    """A side effect (or, for a condition, a warning sign) a leaflet version lists; red flags
    make a patient's report urgent and appear in the version's "When to get help" box."""

    class Frequency(models.TextChoices):
        VERY_COMMON = "very_common", _("Very common (more than 1 in 10)")
        COMMON = "common", _("Common (1 in 100 to 1 in 10)")
        UNCOMMON = "uncommon", _("Uncommon (1 in 1,000 to 1 in 100)")
        RARE = "rare", _("Rare (fewer than 1 in 1,000)")
        UNKNOWN = "unknown", _("Not known")

    version = models.ForeignKey(
        LeafletVersion,
        on_delete=models.CASCADE,
        related_name="side_effects",
        verbose_name=_("version"),
    )
    key = models.SlugField(_("key"), max_length=60, help_text=_("Stable short name, e.g. fever."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_nb = models.CharField(_("name (Norwegian)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    frequency = models.CharField(
        _("how common"), max_length=20, choices=Frequency, default=Frequency.UNKNOWN
    )
    red_flag = models.BooleanField(
        _("red flag"),
        default=False,
        help_text=_("Contact the doctor at once: a report naming it is urgent."),
    )
    level = models.PositiveSmallIntegerField(
        _("urgency"),
        choices=Urgency,
        null=True,
        blank=True,
        help_text=_("For red flags: how soon the patient must get help."),
    )
    ask_nb = models.CharField(
        _("question to the patient (Norwegian)"),
        max_length=200,
        blank=True,
        help_text=_("For red flags: a plain yes/no question, e.g. 'Har du feber?'"),
    )
    ask_en = models.CharField(_("question to the patient (English)"), max_length=200, blank=True)
    advice_nb = models.TextField(_("what to do (Norwegian)"), blank=True)
    advice_en = models.TextField(_("what to do (English)"), blank=True)

    class Meta:
        verbose_name = _("known side effect")
        verbose_name_plural = _("known side effects")
        ordering = ["version", "position", "key"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="side_effect_key_unique")
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return in_active_language(self, "name")

    @property
    def ask(self) -> str:
        return in_active_language(self, "ask")

    @property
    def advice(self) -> str:
        return in_active_language(self, "advice")

    def clean(self):
        if not self.red_flag:
            if self.level is not None:
                raise ValidationError(
                    {"level": _("Only a red flag has an urgency; clear it or tick red flag.")}
                )
            return
        errors = {}
        if self.level is None:
            errors["level"] = _("A red flag needs an urgency.")
        if not (self.ask_nb and self.ask_en):
            errors["ask_en" if self.ask_nb else "ask_nb"] = _(
                "A red flag needs a plain question to the patient in both languages."
            )
        if not (self.advice_nb.strip() and self.advice_en.strip()):
            errors["advice_en" if self.advice_nb.strip() else "advice_nb"] = _(
                "A red flag needs advice in both languages."
            )
        if errors:
            raise ValidationError(errors)

    def name_in(self, language: str) -> str:
        """The name in `language`, else in the other one."""
        return getattr(self, f"name_{language}") or getattr(
            self, f"name_{other_language(language)}"
        )

    def advice_in(self, language: str) -> str:
        """The advice in `language`, else in the other one."""
        return getattr(self, f"advice_{language}") or getattr(
            self, f"advice_{other_language(language)}"
        )


class TeachBackQuestion(VersionContent):
    """A question a patient answers before confirming they have understood a leaflet version."""

    version = models.ForeignKey(
        LeafletVersion,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("version"),
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    question = models.CharField(_("question"), max_length=300)
    options = models.JSONField(_("options"), help_text=_("The possible answers, in order."))
    correct_option = models.PositiveSmallIntegerField(
        _("correct option"), help_text=_("The number of the right answer, counting from 1.")
    )
    explanation = models.TextField(
        _("explanation"), help_text=_("Shown when the patient answers wrongly.")
    )
    section = models.CharField(
        _("section"),
        max_length=200,
        blank=True,
        help_text=_("The heading of the section that explains the answer."),
    )

    class Meta:
        verbose_name = _("teach-back question")
        verbose_name_plural = _("teach-back questions")
        ordering = ["version", "language", "position"]
        constraints = [
            # Its index also serves the teach-back page, which reads one language in order.
            models.UniqueConstraint(
                fields=["version", "language", "position"],
                name="question_position_unique",
                violation_error_message=_(
                    "Another question in this language already has this position."
                ),
            )
        ]

    def __str__(self):
        return self.question

    def clean(self):
        options = self.options if isinstance(self.options, list) else []
        if len(options) < 2 or not all(isinstance(o, str) and o.strip() for o in options):
            raise ValidationError({"options": _("Give at least two answers, none of them empty.")})
        if not 1 <= (self.correct_option or 0) <= len(options):
            raise ValidationError(
                {"correct_option": _("The correct option must be one of the answers.")}
            )
