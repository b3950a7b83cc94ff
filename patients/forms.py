from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leaflets.models import LANGUAGE_CHOICES, Leaflet, LeafletVersion, active_language
from patients.models import SideEffectReport
from patients.report_services import ReportAnswers


class RegisterPatientForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For example 1984-03-17."),
    )
    phone = forms.CharField(label=_("Mobile phone"), max_length=30, required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=LANGUAGE_CHOICES,
        initial="nb",
        help_text=_("The portal and its e-mails are shown in this language."),
    )

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born > today:
            raise ValidationError(_("The date of birth cannot be in the future."))
        if born.year < today.year - 130:
            raise ValidationError(_("Check the year of birth."))
        return born


class LeafletChoiceField(forms.ModelMultipleChoiceField):
    """Leaflets by their title in the active language (versions and texts prefetched)."""

    # A primary key is a 64-bit integer on every database; a bigger one (SQLite overflows on
    # it) or anything that is not a whole number is an invalid choice, never a query.
    MAX_ID = 2**63 - 1

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(str(pk))
            except ValueError:
                continue  # the parent reports it as an invalid value
            if not 0 < number <= self.MAX_ID:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)

    def label_from_instance(self, leaflet):
        version = leaflet.published_version()
        label = leaflet.title_in(active_language())
        if version and version.is_overdue_for_review():
            overdue = _("review overdue")  # outside the f-string, where makemessages finds it
            label = f"{label} ({overdue})"
        return label


class AssignLeafletsForm(forms.Form):
    leaflets = LeafletChoiceField(
        label=_("Leaflets"),
        queryset=Leaflet.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Choose at least one leaflet.")},
    )
    note = forms.CharField(
        label=_("Personal note to the patient"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the patient with the leaflets, e.g. when to start the treatment."),
    )

    def __init__(self, *args, leaflets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leaflets"].queryset = leaflets


class TeachBackForm(forms.Form):
    """One required choice per question; field names carry the question's id.

    `toc` is the leaflet text's table of contents, so a wrong answer can link to the
    section that explains it.
    """

    def __init__(self, *args, questions, toc=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.section_ids = {entry["title"]: entry["id"] for entry in toc}
        for question in questions:
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.question,
                choices=[(n, option) for n, option in enumerate(question.options, start=1)],
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                error_messages={"required": _("Choose an answer.")},
            )

    def answers(self) -> dict[int, int]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.questions}

    def items(self, wrong=()) -> list[dict]:
        """Each question with its field, whether it was answered wrong, and its section."""
        return [
            {
                "field": self[f"q{question.pk}"],
                "question": question,
                "wrong": question in wrong,
                "section_id": self.section_ids.get(question.section),
            }
            for question in self.questions
        ]


class AcknowledgeForm(forms.Form):
    """The version and language the patient read, from the reader's hidden fields."""

    version = forms.ModelChoiceField(
        queryset=LeafletVersion.objects.none(), widget=forms.HiddenInput
    )
    language = forms.ChoiceField(choices=LANGUAGE_CHOICES, widget=forms.HiddenInput)

    def __init__(self, *args, assignment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = LeafletVersion.objects.filter(
            leaflet_id=assignment.leaflet_id
        )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        error_messages={"required": _("Write a message first.")},
    )

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise ValidationError(_("Write a message first."))
        return body


class PatientSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name or e-mail"), required=False, max_length=100)


class InboxFilterForm(forms.Form):
    """The inbox's filters, bound to the query string."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("open", _("Open")), *SideEffectReport.Status.choices, ("all", _("All"))],
        required=False,
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=[("", _("All")), ("urgent", _("Urgent")), ("routine", _("Not urgent"))],
        required=False,
    )

    def filters(self) -> dict:
        """The valid filters; a missing or unknown value shows open reports of any urgency."""
        self.is_valid()  # keeps the valid fields in cleaned_data
        return {
            "status": self.cleaned_data.get("status") or "open",
            "urgency": self.cleaned_data.get("urgency", ""),
        }


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _radio(**kwargs):
    return forms.RadioSelect(attrs={"class": "form-check-input"}, **kwargs)


class SideEffectReportForm(forms.Form):
    """A report about one medicine; its known side effects come from that leaflet.

    Red flags are asked as plain yes/no questions. `form_token` makes a double click or a
    resubmitted page create one report.
    """

    form_token = forms.UUIDField(widget=forms.HiddenInput)
    other_medicine = forms.CharField(
        label=_("Name of the medicine"), max_length=200, required=False
    )
    symptoms = forms.MultipleChoiceField(
        label=_("What have you noticed?"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    other_symptoms = forms.CharField(
        label=_("Something else, in your own words"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    started_on = forms.DateField(
        label=_("When did it start?"), widget=forms.DateInput(attrs={"type": "date"})
    )
    outcome = forms.ChoiceField(
        label=_("Is it still going on?"), choices=SideEffectReport.Outcome.choices, widget=_radio()
    )
    stopped_on = forms.DateField(
        label=_("When did it stop?"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    severity = forms.ChoiceField(
        label=_("How bad is it at its worst?"),
        choices=SideEffectReport.Severity.choices,
        widget=_radio(),
    )
    interference = forms.ChoiceField(
        label=_("How much does it get in the way of your daily activities?"),
        choices=SideEffectReport.Interference.choices,
        widget=_radio(),
    )
    medicine_action = forms.ChoiceField(
        label=_("What have you done with the medicine?"),
        choices=SideEffectReport.MedicineAction.choices,
        widget=_radio(),
    )
    dose = forms.CharField(
        label=_("Your dose, if you know it"),
        required=False,
        max_length=100,
        help_text=_("For example 50 mg twice a day."),
    )
    other_medicines = forms.CharField(
        label=_("Other medicines you have taken in the last three months"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Include medicines bought without a prescription, vitamins and herbal remedies."
        ),
    )
    description = forms.CharField(
        label=_("Describe what happened"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 2000, "data-counter": "2000"}),
    )
    consent = forms.ChoiceField(
        label=_("May we forward the report to the Norwegian Medical Products Agency?"),
        choices=SideEffectReport.Consent.choices,
        initial=SideEffectReport.Consent.ASK_FIRST,
        widget=_radio(),
        help_text=_(
            "Reports help the Medical Products Agency find new side effects. We never forward "
            "your name without your permission."
        ),
    )

    def __init__(self, *args, side_effects=(), other_medicine=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.side_effects = list(side_effects)
        self.red_flags = [effect for effect in self.side_effects if effect.red_flag]
        self.fields["symptoms"].choices = [
            (effect.key, effect.name) for effect in self.side_effects if not effect.red_flag
        ]
        if not self.fields["symptoms"].choices:
            del self.fields["symptoms"]
        for effect in self.red_flags:
            self.fields[f"red_flag_{effect.key}"] = forms.ChoiceField(
                label=effect.ask,
                choices=YES_NO,
                widget=_radio(),
                error_messages={"required": _("Answer yes or no.")},
            )
        self.fields["other_medicine"].required = other_medicine
        if not other_medicine:
            del self.fields["other_medicine"]

    def red_flag_fields(self):
        return [self[f"red_flag_{effect.key}"] for effect in self.red_flags]

    def clean_started_on(self):
        started = self.cleaned_data["started_on"]
        if started > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return started

    def clean_stopped_on(self):
        stopped = self.cleaned_data.get("stopped_on")
        if stopped and stopped > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return stopped

    def clean(self):
        data = super().clean()
        outcome, started, stopped = (
            data.get("outcome"),
            data.get("started_on"),
            data.get("stopped_on"),
        )
        if outcome == SideEffectReport.Outcome.ONGOING:
            data["stopped_on"] = None
        elif outcome and not stopped and "stopped_on" not in self.errors:
            self.add_error("stopped_on", _("Tell us when it stopped."))
        elif started and stopped and stopped < started:
            self.add_error("stopped_on", _("It cannot stop before it started."))
        flagged = [e for e in self.red_flags if data.get(f"red_flag_{e.key}") == "yes"]
        if not (data.get("symptoms") or flagged or data.get("other_symptoms", "").strip()):
            raise ValidationError(
                _("Tick what you have noticed, or describe it under “Something else”.")
            )
        data["flagged"] = flagged
        return data

    def answers(self) -> ReportAnswers:
        data = self.cleaned_data
        return ReportAnswers(
            form_token=data["form_token"],
            started_on=data["started_on"],
            outcome=data["outcome"],
            severity=data["severity"],
            interference=data["interference"],
            medicine_action=data["medicine_action"],
            consent=data["consent"],
            symptoms=list(data.get("symptoms", [])),
            red_flags=[effect.key for effect in data["flagged"]],
            other_symptoms=data.get("other_symptoms", ""),
            stopped_on=data.get("stopped_on"),
            dose=data.get("dose", ""),
            other_medicines=data.get("other_medicines", ""),
            description=data.get("description", ""),
            other_medicine=data.get("other_medicine", ""),
        )


class ReportStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=SideEffectReport.Status.choices)
    action = forms.ChoiceField(
        label=_("Action taken"),
        choices=[("", "–"), *SideEffectReport.Action.choices],
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("status") == SideEffectReport.Status.CLOSED and not data.get("action"):
            self.add_error("action", _("Choose the action taken before you close the report."))
        return data


class ForwardedForm(forms.Form):
    forwarded_on = forms.DateField(
        label=_("Forwarded on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    forwarded_reference = forms.CharField(
        label=_("The Medical Products Agency's reference"), max_length=50, required=False
    )

    def clean_forwarded_on(self):
        forwarded = self.cleaned_data["forwarded_on"]
        if forwarded > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return forwarded
