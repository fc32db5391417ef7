from django import forms
from django.utils.translation import gettext_lazy as _

from koers.catalog.models import AmoItem, LeverCluster
from koers.trajectories.forms import LongTextField
from koers.trajectories.models import MAX_TEXT_LENGTH

from . import rules
from .models import (
    AmoChain,
    BottleneckAssessment,
    CoherenceLink,
    Goal,
    LeverChoice,
    SituationAssessment,
    Stakeholder,
    Streefbeeld,
    VanishedProblem,
)

SCORE_ERROR = _("Choose a score from 1 (small) to 5 (large).")


def score_field(label, *, required: bool = True) -> forms.TypedChoiceField:
    empty = [] if required else [("", _("not scored yet"))]
    return forms.TypedChoiceField(
        label=label,
        coerce=int,
        required=required,
        empty_value=None,
        choices=empty + [(n, n) for n in range(rules.SCORE_MIN, rules.SCORE_MAX + 1)],
        error_messages={"invalid_choice": SCORE_ERROR, "required": SCORE_ERROR},
    )


def long_text(label, *, required: bool = False, rows: int = 3, help_text: str = "") -> LongTextField:
    return LongTextField(
        label=label,
        required=required,
        max_length=MAX_TEXT_LENGTH,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": _("Use at most 10,000 characters (you used %(show_value)d).")},
    )


YES_NO = [("", _("not answered")), ("ja", _("yes")), ("nee", _("no"))]


class YesNoField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.RadioSelect)
        super().__init__(choices=YES_NO, required=False, empty_value=None, coerce=lambda v: v == "ja", **kwargs)

    def prepare_value(self, value):
        return {True: "ja", False: "nee"}.get(value, value)


class GoalForm(forms.ModelForm):
    description = long_text(
        _("Goal"),
        required=True,
        rows=3,
        help_text=_(
            "What do you want to have reached? Make it SMART: specific, measurable, acceptable, "
            "realistic and time-bound."
        ),
    )
    involved = long_text(_("Who is involved in reaching it?"), rows=2)
    smart = forms.MultipleChoiceField(
        label=_("Which SMART criteria does the goal meet?"),
        choices=Goal.Smart.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Goal
        fields = [
            "level",
            "description",
            "involved",
            "term",
            "target_date",
            "smart",
            "indicator",
            "unit",
            "baseline",
            "target_value",
            "scale_min",
            "scale_max",
        ]
        widgets = {"target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "indicator": _('How you will see progress, e.g. "share of lessons observed with differentiation".'),
            "unit": _("e.g. %, hours, number of teachers"),
            "scale_min": _("Optional. For a percentage: 0. Measurements below it are refused."),
            "scale_max": _("Optional. For a percentage: 100. Measurements above it are refused."),
        }

    def __init__(self, *args, sharpening: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = Goal.Level.choices
        self.fields["term"].choices = Goal.Term.choices
        if sharpening:
            self.fields["reason"] = long_text(
                _("Why is the goal sharpened?"),
                rows=2,
                help_text=_(
                    "What did the analysis in 1B show? The earlier version stays visible in the goal's history."
                ),
            )


class SituationForm(forms.ModelForm):
    """One row of the situation map's grid: compact fields, saved as soon as one changes."""

    current = long_text(_("Current situation"), rows=2)
    desired = long_text(_("Desired situation"), rows=2)
    difference = long_text(_("Difference"), rows=2)
    action_needed = YesNoField(label=_("Action needed?"), widget=forms.Select)
    action = long_text(_("If so, which action?"), rows=2)

    class Meta:
        model = SituationAssessment
        fields = ["current", "desired", "difference", "gap", "action_needed", "action"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gap"].choices = [("", _("not rated"))] + list(rules.Gap.choices)
        self.fields["gap"].label = _("How large is the gap?")


class OwnRowForm(forms.Form):
    own_text = forms.CharField(
        label=_("Your own question or topic"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class BottleneckForm(forms.ModelForm):
    occurs = YesNoField(label=_("Does it occur in our school?"))
    why = long_text(_("Why does it occur?"), rows=2)
    own_action = long_text(_("What can we do about it ourselves?"), rows=2)

    class Meta:
        model = BottleneckAssessment
        fields = ["occurs", "urgency", "why", "own_action"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["urgency"].choices = [("", _("not rated"))] + list(BottleneckAssessment.Urgency.choices)
        self.fields["urgency"].error_messages["invalid_choice"] = _("Choose an urgency from 1 to 4.")


class OwnBottleneckForm(forms.Form):
    own_text = forms.CharField(
        label=_("Your own bottleneck"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class StakeholderForm(forms.ModelForm):
    interest = score_field(_("Interest (1 small – 5 large)"))
    influence = score_field(_("Influence (1 small – 5 large)"))
    ideas = long_text(_("Their ideas about the school and the theme"))
    knowledge = long_text(_("Their knowledge of the theme"), rows=2)
    relations = long_text(_("Their influence and relations regarding the theme"), rows=2)
    confirm_duplicate = forms.BooleanField(
        label=_("Yes, this is another stakeholder with the same name"), required=False
    )

    class Meta:
        model = Stakeholder
        fields = [
            "name",
            "kind",
            "role",
            "ideas",
            "knowledge",
            "relations",
            "interest",
            "influence",
            "alignment",
            "trust",
            "key_figure",
        ]
        widgets = {"kind": forms.RadioSelect, "alignment": forms.RadioSelect, "trust": forms.RadioSelect}
        help_texts = {"key_figure": _("A key figure for your school or project.")}

    def __init__(self, *args, show_confirm: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("kind", "alignment", "trust"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
        if not show_confirm:
            self.fields["confirm_duplicate"].widget = forms.HiddenInput()


class LeverScoreForm(forms.ModelForm):
    impact = score_field(_("Expected impact"), required=False)
    success = score_field(_("Chance of success"), required=False)
    note = long_text(_("Note"), rows=2)

    class Meta:
        model = LeverChoice
        fields = ["impact", "success", "note"]


class OwnLeverForm(LeverScoreForm):
    own_text = forms.CharField(label=_("Your own lever"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    cluster_slug = forms.ChoiceField(label=_("Topic"))

    class Meta(LeverScoreForm.Meta):
        fields = ["own_text", "cluster_slug", "impact", "success", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster_slug"].choices = [("", _("Choose a topic"))] + list(
            LeverCluster.objects.values_list("slug", "name")
        )


class ChainForm(forms.ModelForm):
    behaviour = long_text(
        _("Desired professional behaviour of teachers"),
        required=True,
        help_text=_("What do teachers do differently when the goal is reached?"),
    )
    expected_effect = long_text(_("Expected effect"), rows=2)
    time_path = long_text(_("Time path"), rows=2)
    support = long_text(_("Support (draagvlak)"), rows=2)
    investment = long_text(_("Investment"), rows=2, help_text=_("Time, money, space, schedules, tools."))

    class Meta:
        model = AmoChain
        fields = ["goal", "behaviour", "expected_effect", "time_path", "support", "investment"]

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals
        self.fields["goal"].empty_label = _("No goal chosen yet")
        self.fields["goal"].label_from_instance = lambda g: g.description[:120]


class ElementForm(forms.Form):
    factor = forms.ChoiceField(label=_("Factor"), choices=AmoItem.Factor.choices)
    kind = forms.ChoiceField(label=_("Column"), choices=AmoItem.Kind.choices)
    item_slug = forms.ChoiceField(label=_("From Figure 8"), required=False)
    own_text = forms.CharField(
        label=_("Or in your own words"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    lever = forms.TypedChoiceField(
        label=_("Lever from 2A (interventions only)"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, items, levers: dict, **kwargs):
        """items: Figure 8 option groups; levers: the trajectory's chosen levers by id, as
        (choice, label). Both are built once per page, not once per chain."""
        super().__init__(*args, **kwargs)
        self.levers = levers
        self.fields["item_slug"].choices = [("", _("Choose an item, or write your own below"))] + items
        self.fields["lever"].choices = [("", _("No lever"))] + [(pk, label) for pk, (_choice, label) in levers.items()]

    def clean_lever(self):
        pk = self.cleaned_data["lever"]
        return self.levers[pk][0] if pk is not None else None


class CoherenceForm(forms.Form):
    """The Bijlage 2 matrix: a cell per pair of themes, and four notes per theme."""

    NOTES = {
        "ambition": _("Our ambition"),
        "attention": _("Points of attention"),
        "chances": _("Chances"),
        "threats": _("Threats"),
    }

    def __init__(self, *args, rows, links, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for source in rows:
            for target in rows:
                if source.key != target.key:
                    self.fields[self.cell(source.key, target.key)] = forms.ChoiceField(
                        label=_("How %(a)s influences %(b)s") % {"a": source.name, "b": target.name},
                        choices=[("", "–")] + list(CoherenceLink.Effect.choices),
                        required=False,
                        initial=links.get((source.key, target.key), ""),
                    )
            for name, label in self.NOTES.items():
                note = long_text(label, rows=2)
                note.initial = getattr(source.row, name, "") if source.row else ""
                self.fields[f"{source.key}__{name}"] = note

    @staticmethod
    def cell(source: str, target: str) -> str:
        return f"{source}__to__{target}"

    def matrix(self):
        """Rows of (theme, [bound cell field or None on the diagonal])."""
        return [(s, [None if s.key == t.key else self[self.cell(s.key, t.key)] for t in self.rows]) for s in self.rows]

    def notes(self):
        return [(s, [self[f"{s.key}__{name}"] for name in self.NOTES]) for s in self.rows]

    def links(self) -> dict[tuple[str, str], str]:
        return {
            (s.key, t.key): self.cleaned_data[self.cell(s.key, t.key)]
            for s in self.rows
            for t in self.rows
            if s.key != t.key
        }

    def note_values(self) -> dict[str, dict[str, str]]:
        return {s.key: {name: self.cleaned_data[f"{s.key}__{name}"] for name in self.NOTES} for s in self.rows}


class OwnThemeForm(forms.Form):
    own_name = forms.CharField(label=_("Your own theme"), max_length=200)


class StreefbeeldForm(forms.ModelForm):
    class Meta:
        model = Streefbeeld
        fields = ["subject", "text", "team", "agreed_on", "goal"]
        widgets = {
            "subject": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 2}),
            "agreed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "text": _("Behaviour someone could observe, e.g. “… zelf kiezen welke opdracht bij hun niveau past”."),
            "goal": _("The goal this picture shows is reached: a concrete success indicator."),
        }
        error_messages = {"text": {"required": _("Describe what you see, as behaviour someone could observe.")}}

    def __init__(self, *args, goals, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = Streefbeeld.Subject.choices  # no empty choice among the radios
        self.fields["subject"].initial = Streefbeeld.Subject.KINDEREN
        self.fields["goal"].queryset = goals
        self.fields["goal"].empty_label = _("No goal yet")
        self.fields["team"].queryset = teams
        self.fields["team"].empty_label = _("Not by one team")


class VanishedForm(forms.ModelForm):
    bottleneck = forms.TypedChoiceField(
        label=_("Bottleneck from the checklist"), coerce=int, required=False, empty_value=None
    )

    class Meta:
        model = VanishedProblem
        fields = ["text", "goal"]  # the bottleneck is chosen among the trajectory's, by id
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"text": {"required": _("Say which problem must no longer occur.")}}

    def __init__(self, *args, goals, bottlenecks: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals
        self.fields["goal"].empty_label = _("No goal yet")
        self.fields["bottleneck"].choices = [("", _("None of the checklist")), *bottlenecks]
        self.order_fields(["text", "bottleneck", "goal"])
