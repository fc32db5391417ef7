from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.catalog.models import Theme
from koers.organisations.models import Functie

from .models import MAX_TEXT_LENGTH


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.get_functie_display()})"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.get_functie_display()})"


class TrajectoryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    owner = PersonChoiceField(label=_("Owner"), queryset=None, empty_label=_("Choose a person"))
    participants = PeopleChoiceField(
        label=_("Participants"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start_date = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["participants"].queryset = people
        self.fields["start_date"].initial = timezone.localdate()


class StartTrajectoryForm(TrajectoryForm):
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all(), empty_label=_("Choose a theme"))
    field_order = ["theme"]


class LongTextField(forms.CharField):
    """A text with a maximum length checked on the server only: a browser's maxlength would
    silently cut off a longer paste, and the person would lose text without knowing."""

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class EntryForm(forms.Form):
    """One answer or reflection; `version` is what the editor saw, for conflict detection."""

    text = LongTextField(
        label=_("Answer"),
        required=False,
        max_length=MAX_TEXT_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Use at most 10,000 characters (you used %(show_value)d).")},
    )
    not_relevant = forms.BooleanField(label=_("Not relevant for us"), required=False)
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class DoneForm(forms.Form):
    done = forms.BooleanField(required=False)


class DialogueForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    topic = forms.CharField(label=_("Topic"), max_length=300)
    participants = PeopleChoiceField(
        label=_("People who took part"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (Cmd on a Mac) to choose more than one person."),
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles that took part"),
        choices=Functie.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    outcome = LongTextField(
        label=_("Outcome"),
        required=False,
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = people
        self.fields["held_on"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if not data.get("participants") and not data.get("roles"):
            self.add_error("participants", _("Say who took part: choose people, roles, or both."))
        return data
