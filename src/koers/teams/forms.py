from django import forms
from django.utils.translation import gettext_lazy as _

from koers.careers.models import ExpertiseArea

from .models import ActivityCard, TeamPlan, Workgroup

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CardForm(forms.Form):
    card = forms.ModelChoiceField(label=_("Card"), queryset=ActivityCard.objects.all(), empty_label=None)
    person = forms.ModelChoiceField(label=_("Team member"), queryset=None)
    reason = forms.CharField(
        label=_("The quality it rests on"),
        max_length=300,
        required=False,
        help_text=_("Hand out the cards by personal qualities (drl:684-694)."),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class PlanForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    school_goals = forms.ModelMultipleChoiceField(
        label=_("School goals this plan serves"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    practices = forms.MultipleChoiceField(
        label=_("Team-oriented HRM"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = TeamPlan
        fields = [
            "strengths",
            "development_points",
            "professionalisation",
            "hours",
            "budget",
            "meeting_rhythm",
            "evaluation_moments",
            "external_orientation",
        ]
        localized_fields = ["hours", "budget"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "strengths",
                "development_points",
                "professionalisation",
                "meeting_rhythm",
                "evaluation_moments",
                "external_orientation",
            )
        } | {
            "hours": forms.TextInput(attrs={"inputmode": "decimal"}),
            "budget": forms.TextInput(attrs={"inputmode": "decimal"}),
        }

    def __init__(self, *args, goals, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_goals"].queryset = goals
        self.fields["school_goals"].label_from_instance = lambda g: f"{g.trajectory.theme.name}: {g}"
        self.fields["practices"].choices = [
            (f"{g.get_factor_display()} · {g.name}", [(str(p.pk), p.text) for p in g.practices.all()]) for g in groups
        ]
        self.practices_by_pk = {str(p.pk): p for g in groups for p in g.practices.all()}
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)
            self.initial.setdefault("school_goals", list(self.instance.school_goals.all()))
            self.initial.setdefault(
                "practices", [str(pk) for pk in self.instance.practices.values_list("practice_id", flat=True)]
            )

    def chosen_practices(self):
        return [self.practices_by_pk[pk] for pk in self.cleaned_data["practices"]]


class ActionForm(forms.Form):
    what = forms.CharField(label=_("What"), max_length=300)
    who = forms.ModelChoiceField(label=_("Who"), queryset=None, required=False, empty_label=_("The whole team"))
    due = forms.DateField(label=_("When"), widget=DATE, required=False)
    goal = forms.ModelChoiceField(label=_("For school goal"), queryset=None, required=False, empty_label=_("None"))

    def __init__(self, *args, people, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["who"].queryset = people
        self.fields["goal"].queryset = goals


class SpeerpuntForm(forms.Form):
    title = forms.CharField(label=_("Priority"), max_length=200)
    goal = forms.ModelChoiceField(label=_("School goal"), queryset=None, required=False, empty_label=_("None"))
    area = forms.ModelChoiceField(
        label=_("Area of expertise it asks for"),
        queryset=ExpertiseArea.objects.all(),
        required=False,
        empty_label=_("None in particular"),
        help_text=_("Koers then suggests colleagues who show expertise in it."),
    )

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals
        self.fields["goal"].label_from_instance = lambda g: f"{g.trajectory.theme.name}: {g}"


class WorkgroupForm(forms.ModelForm):
    class Meta:
        model = Workgroup
        fields = ["kartrekker", "members", "composition", "expectations", "decision"]
        widgets = {
            "members": forms.CheckboxSelectMultiple,
            "composition": forms.Textarea(attrs={"rows": 3}),
            "expectations": forms.Textarea(attrs={"rows": 3}),
            "decision": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kartrekker"].queryset = people
        self.fields["kartrekker"].empty_label = _("Nobody yet")
        self.fields["members"].queryset = people


class TalkForm(forms.Form):
    """Her own score of each activity and her place in the paradox, by name."""

    paradox = forms.TypedChoiceField(
        label=_("Where does our team usually stand?"),
        help_text=_("1 = outcome: speed up, focus, answers · 8 = meaning: slow down, widen, questions"),
        choices=[(n, str(n)) for n in range(1, 9)],
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "score"}),
    )

    def __init__(self, *args, cards, **kwargs):
        super().__init__(*args, **kwargs)
        self.cards = list(cards)
        for card in self.cards:
            self.fields[f"card_{card.pk}"] = forms.TypedChoiceField(
                label=_("How well does “%(name)s” come up in our team?") % {"name": card.name},
                choices=[(n, str(n)) for n in range(1, 6)],
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "score"}),
            )
        self.order_fields([*(f"card_{c.pk}" for c in self.cards), "paradox"])

    def scores(self) -> dict[int, int]:
        return {card.pk: self.cleaned_data[f"card_{card.pk}"] for card in self.cards}
