from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.models import User
from leaflets.models import LANGUAGE_CHOICES, Leaflet, active_language


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

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("A user with this e-mail address already exists."))
        return email

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

    def label_from_instance(self, leaflet):
        version = leaflet.published_version()
        text = version.text_for(active_language()) if version else None
        label = text.title if text else leaflet.slug
        if version and version.is_overdue_for_review():
            label = f"{label} ({_('review overdue')})"
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
    """One required choice per question; field names carry the question's id."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
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
