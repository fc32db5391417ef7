from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from koers.instruments.forms import long_text

from . import rules
from .models import Activity, Cycle, Evaluation, GoalEvaluation

NOT_NEGATIVE = {
    "min_value": _("Enter zero or more; a negative amount is not possible."),
    "invalid": _("Enter an amount, e.g. 12 or 12,5."),
}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Enter a date, e.g. 31-01-2027."), "required": _("Enter a date.")}


class SuggestingInput(forms.TextInput):
    """A text input that suggests values already used (a datalist), e.g. the plan's phases."""

    def __init__(self, suggestions=(), **kwargs):
        super().__init__(**kwargs)
        self.suggestions = list(suggestions)

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id', name)}-suggesties"
        attrs = {**(attrs or {}), "list": list_id}
        return format_html(
            '{}<datalist id="{}">{}</datalist>',
            super().render(name, value, attrs, renderer),
            list_id,
            format_html_join("", '<option value="{}">', ((s,) for s in self.suggestions)),
        )


class ActivityForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    description = long_text(_("What happens concretely?"), rows=3)
    intervention = forms.TypedChoiceField(
        label=_("Intervention from the AMO planner (2B)"), required=False, coerce=int, empty_value=None
    )
    hours = forms.DecimalField(
        label=_("Hours"), min_value=0, max_digits=10, decimal_places=2, initial=0, error_messages=NOT_NEGATIVE
    )
    budget = forms.DecimalField(
        label=_("Budget (euro)"), min_value=0, max_digits=12, decimal_places=2, initial=0, error_messages=NOT_NEGATIVE
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "description",
            "intervention",
            "phase",
            "start_date",
            "end_date",
            "owner",
            "hours",
            "budget",
            "status",
        ]
        widgets = {"start_date": DATE, "end_date": DATE}
        help_texts = {
            "phase": _(
                'The phase of your plan, e.g. "Fase 1: voorbereiden". '
                "Activities of one phase stand together on the timeline."
            )
        }

    def __init__(self, *args, people, interventions, phases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["owner"].label = _("Owner (who makes sure it happens)")
        self._interventions = {element.pk: element for element, _label in interventions}
        self.fields["intervention"].choices = [("", _("none, a new intervention"))] + [
            (element.pk, label) for element, label in interventions
        ]
        self.fields["phase"].widget = SuggestingInput(phases)
        self.fields["status"].choices = Activity.Status.choices
        for name in ("start_date", "end_date"):
            self.fields[name].error_messages.update(DATE_ERRORS)
        for slug, label in rules.Actor.choices:
            self.fields[f"raci_{slug}"] = forms.ChoiceField(
                label=_("Role of %(actor)s") % {"actor": label},
                required=False,
                choices=[("", _("no role"))] + list(rules.Raci.choices),
                initial=(self.instance.raci or {}).get(slug, ""),
            )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["intervention"].initial = self.instance.intervention_id

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date lies before the start date."))
        data["raci"] = {slug: data.pop(f"raci_{slug}") for slug in rules.Actor.values if data.get(f"raci_{slug}")}
        return data

    def values(self) -> dict:
        """The cleaned values for the service, with the intervention as an object."""
        data = {k: v for k, v in self.cleaned_data.items() if k != "version" and not k.startswith("raci_")}
        intervention = data.pop("intervention")
        data["intervention"] = self._interventions.get(intervention) if intervention else None
        return data


class PreconditionsForm(forms.ModelForm):
    hours_available = forms.DecimalField(
        label=_("Hours available for the plan"), min_value=0, required=False, error_messages=NOT_NEGATIVE
    )
    budget_available = forms.DecimalField(
        label=_("Budget available (euro)"), min_value=0, required=False, error_messages=NOT_NEGATIVE
    )
    leadership_note = long_text(
        _("Explanation"),
        rows=2,
        help_text=_("Can the managers facilitate, steer and evaluate this plan? What do they need?"),
    )

    class Meta:
        model = Cycle
        fields = ["hours_available", "budget_available", "leadership", "leadership_note"]
        widgets = {"leadership": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leadership"].choices = [("", _("not judged yet"))] + list(Cycle.Leadership.choices)
        self.fields["leadership"].label = _("Is the quality of leadership sufficient for this plan?")


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Activity.Status.choices)


class MeasurementForm(forms.Form):
    measured_on = forms.DateField(label=_("Date of measurement"), widget=DATE, error_messages=DATE_ERRORS)
    value = forms.DecimalField(
        label=_("Value"),
        max_digits=12,
        decimal_places=2,
        error_messages={"invalid": _("Enter a number, e.g. 12 or 12,5."), "required": _("Enter the measured value.")},
    )
    activity = forms.TypedChoiceField(label=_("Measured in activity"), required=False, coerce=int, empty_value=None)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, activities, unit: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [("", _("none"))] + [(a.pk, a.title) for a in activities]
        if unit:
            self.fields["value"].label = _("Value (%(unit)s)") % {"unit": unit}


class EvaluationForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    good_communication = long_text(_("What went well in the communication?"), rows=2)
    good_implementation = long_text(_("What went well in the implementation?"), rows=2)
    good_agreements = long_text(_("What went well in the agreements made?"), rows=2)
    less_communication = long_text(_("What went less well in the communication?"), rows=2)
    less_implementation = long_text(_("What went less well in the implementation?"), rows=2)
    less_agreements = long_text(_("What went less well in the agreements made?"), rows=2)
    adjustments = long_text(_("Which adjustments are needed (goals, SHRM policy, plan)?"), rows=3)

    class Meta:
        model = Evaluation
        fields = [
            "good_communication",
            "good_implementation",
            "good_agreements",
            "less_communication",
            "less_implementation",
            "less_agreements",
            "adjustments",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class GoalEvaluationForm(forms.ModelForm):
    realised = forms.DecimalField(
        label=_("Realised"),
        max_digits=12,
        decimal_places=2,
        required=False,
        error_messages={"invalid": _("Enter a number, e.g. 12 or 12,5.")},
    )
    note = long_text(_("Explanation: how do you explain the result?"), rows=2)

    class Meta:
        model = GoalEvaluation
        fields = ["realised", "note", "decision"]
        widgets = {"decision": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = GoalEvaluation.Decision.choices
        self.fields["decision"].label = _("What happens with this goal?")
        self.fields["decision"].error_messages["required"] = _("Choose whether to continue, anchor or stop.")
        self.fields["realised"].help_text = _(
            "Filled in from the latest measurement; change it if the result was measured otherwise."
        )
