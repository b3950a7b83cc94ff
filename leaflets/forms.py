from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leaflets import services
from leaflets.models import Category, LeafletVersion, TeachBackQuestion


class LeafletSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the leaflets"), required=False, max_length=100)
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All categories"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class OptionsField(forms.CharField):
    """The answers of a question, one per line, stored as a list."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class TeachBackQuestionForm(forms.ModelForm):
    options = OptionsField(label=_("options"), help_text=_("One answer per line."))

    class Meta:
        model = TeachBackQuestion
        fields = (
            "language",
            "position",
            "question",
            "options",
            "correct_option",
            "explanation",
            "section",
        )


class LeafletVersionForm(forms.ModelForm):
    class Meta:
        model = LeafletVersion
        fields = ("leaflet", "requires_reacknowledgement", "next_review")

    def clean_next_review(self):
        next_review = self.cleaned_data["next_review"]
        if next_review and next_review <= timezone.localdate():
            raise ValidationError(_("The next review must be a date in the future."))
        return next_review

    def clean_leaflet(self):
        leaflet = self.cleaned_data["leaflet"]
        if self.instance.pk is None:
            services.check_no_open_version(leaflet)
        return leaflet
