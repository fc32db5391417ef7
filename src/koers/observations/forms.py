import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.careers.models import Purpose
from koers.instruments.models import Goal

from .models import Observation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NOT_SEEN = "ng"


class PeriodForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    purpose = forms.ChoiceField(
        label=_("Purpose"),
        choices=Purpose.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Fixed for the whole period and announced to the teachers. For development an observation is the "
            "teacher’s and the observer’s; the school sees only figures."
        ),
    )
    opens_on = forms.DateField(label=_("From"), widget=DATE)
    closes_on = forms.DateField(label=_("Until"), widget=DATE)
    observers = forms.ModelMultipleChoiceField(
        label=_("Observers"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    team = forms.ModelChoiceField(
        label=_("Only this team"), queryset=None, required=False, empty_label=_("The whole school")
    )
    min_per_teacher = forms.IntegerField(
        label=_("Observations per teacher"),
        initial=2,
        min_value=1,
        max_value=10,
        help_text=_("One observation is a snapshot; a picture takes more (drl:3330-3335)."),
    )
    min_cell = forms.IntegerField(
        label=_("Fewest teachers in a figure"),
        initial=5,
        min_value=1,
        max_value=50,
        help_text=_("Figures over fewer teachers are hidden, so no one can be recognised."),
    )

    def __init__(self, *args, observers, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["observers"].queryset = observers
        self.fields["observers"].label_from_instance = lambda u: u.full_name or u.email
        self.fields["team"].queryset = teams


class ObservationForm(forms.Form):
    """The lesson form: every item scored 1-4 or marked as not seen, by domain."""

    teacher = forms.ModelChoiceField(label=_("Teacher"), queryset=None)
    date = forms.DateField(label=_("Date"), widget=DATE)
    group = forms.CharField(
        label=_("Class"), max_length=40, required=False, help_text=_('For example "3 havo"; no pupils.')
    )
    subject = forms.CharField(label=_("Subject"), max_length=80, required=False)
    strengths = forms.CharField(label=_("Strengths"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    development_points = forms.CharField(
        label=_("Points to develop"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    action_points = forms.CharField(label=_("Actions"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    partner = forms.ModelChoiceField(
        label=_("Observed together with (calibration)"),
        queryset=None,
        required=False,
        empty_label=_("Nobody: I observed alone"),
        help_text=_(
            "When two observers score the same lesson, each on their own form, the report shows how often they "
            "agreed; the lesson counts once."
        ),
    )
    client_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, teachers, partners, domains, scale: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teacher"].queryset = teachers
        self.fields["partner"].queryset = partners
        self.fields["partner"].label_from_instance = lambda u: u.full_name or u.email
        if not partners:
            del self.fields["partner"]
        choices = [(str(n), f"{n} · {label}") for n, label in enumerate(scale, start=1)]
        choices.append((NOT_SEEN, _("not seen")))
        self.domains = []
        for domain in domains:
            names = []
            for item in domain.items.all():
                name = f"item_{item.pk}"
                self.fields[name] = forms.ChoiceField(
                    label=item.text, choices=choices, widget=forms.RadioSelect(attrs={"class": "score"})
                )
                names.append(name)
            self.domains.append((domain, names))

    def domain_fields(self):
        return [(domain, [self[name] for name in names]) for domain, names in self.domains]

    def scores(self) -> dict[int, int | None]:
        return {
            int(name[5:]): None if value == NOT_SEEN else int(value)
            for name, value in self.cleaned_data.items()
            if name.startswith("item_")
        }

    def details(self) -> dict:
        keys = ("date", "group", "subject", "strengths", "development_points", "action_points")
        return {k: self.cleaned_data[k] for k in keys}


class RespondForm(forms.ModelForm):
    class Meta:
        model = Observation
        fields = ["teacher_comment", "teacher_recognises"]
        widgets = {"teacher_comment": forms.Textarea(attrs={"rows": 3}), "teacher_recognises": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["teacher_recognises"]
        field.required, field.choices = True, Observation.Recognises.choices


class FeedbackForm(forms.Form):
    feedback_held_on = forms.DateField(label=_("Feedback conversation held on"), widget=DATE)


class GoalSourceForm(forms.Form):
    """Which goal the period's figures measure once it closes."""

    goal = forms.ModelChoiceField(label=_("Goal"), queryset=None, empty_label=None)
    source = forms.ChoiceField(
        label=_("Measured from"),
        choices=[
            *((value, label) for value, label in Goal.Source.choices if value.startswith("observation:")),
            ("", _("Not from lesson observations")),
        ],
        required=False,
    )
    team = forms.ModelChoiceField(
        label=_("Figures of"),
        queryset=None,
        required=False,
        empty_label=_("The whole school"),
        help_text=_("A team’s figure is proposed only when the team has enough observed teachers."),
    )

    def __init__(self, *args, goals, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals
        self.fields["goal"].label_from_instance = lambda g: f"{g.trajectory.theme.name}: {g.indicator}"
        self.fields["team"].queryset = teams
