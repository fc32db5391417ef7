from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LEVELS, CareerRole, Level, Pop, PopActivity, PopGoal, RoleOffer, SchoolFramework

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def role_choices(empty_label: str) -> list:
    """Roles grouped by their career domain, for a select."""
    groups: dict[str, list] = {}
    for role in CareerRole.objects.select_related("domain"):
        groups.setdefault(role.domain.name, []).append((role.pk, role.name))
    return [("", empty_label), *groups.items()]


class AdaptForm(forms.Form):
    """The school's wording of each competence and level, its context and who drafted it."""

    context_elements = forms.CharField(
        label=_("What our context asks"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What is particular about our pupils, our school and our vision, which the role must fit."),
    )
    drafted_with = forms.CharField(
        label=_("Drafted with"),
        required=False,
        max_length=1000,
        help_text=_("The teachers, or their roles, who adapted this framework; it is theirs too."),
    )

    def __init__(self, *args, adopted: SchoolFramework, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("context_elements", adopted.context_elements)
        self.initial.setdefault("drafted_with", adopted.drafted_with)
        self.rows = []
        for i, competence in enumerate(adopted.competences):
            names = [f"c{i}-name"] + [f"c{i}-{level}" for level in LEVELS]
            self.fields[names[0]] = forms.CharField(
                label=_("Competence %(n)s") % {"n": i + 1}, max_length=200, initial=competence["name"]
            )
            for level, name in zip(Level, names[1:], strict=True):
                self.fields[name] = forms.CharField(
                    label=f"{competence['name']}: {level.label.lower()}",
                    max_length=1000,
                    initial=competence[level.value],
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
            self.rows.append((competence["slug"], [self[n] for n in names]))

    def competences(self) -> list[dict]:
        return [
            {"slug": slug, "name": self.cleaned_data[f"c{i}-name"]}
            | {level: self.cleaned_data[f"c{i}-{level}"] for level in LEVELS}
            for i, (slug, _fields) in enumerate(self.rows)
        ]


class OfferForm(forms.ModelForm):
    class Meta:
        model = RoleOffer
        fields = ["role", "places", "hours", "level_hint", "period", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "places": _("How many colleagues can hold this role at the same time."),
            "period": _("For example: school year 2026-2027."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices("---------")

    def clean_places(self):
        places = self.cleaned_data["places"]
        if not 1 <= places <= 50:
            raise forms.ValidationError(_("Choose between 1 and 50 places."))
        return places


class InterestForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why this role appeals to you"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only you and the school leader read this."),
    )


class AppointForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Who"), queryset=None)
    starts_on = forms.DateField(label=_("From"), widget=DATE)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        field.queryset = people
        field.label_from_instance = lambda p: _("%(name)s (interested)") % {"name": p} if p.interested else str(p)


class PopForm(forms.ModelForm):
    class Meta:
        model = Pop
        fields = ["ambition", "role", "school_goals", "hours_agreed", "hours_own_choice", "budget_agreed"]
        widgets = {
            "ambition": forms.Textarea(attrs={"rows": 3}),
            "school_goals": forms.CheckboxSelectMultiple,
        }
        labels = {"ambition": _("My ambition"), "role": _("Role I grow towards")}
        help_texts = {
            "ambition": _("Where you want to be in a few years, in your own words."),
            "school_goals": _("The goals of the school your development serves. The school sees only the link."),
            "hours_agreed": _("The hours for professional development in your assignment this year."),
            "hours_own_choice": _(
                "By the CAO the school fills in half of your professional time; the other half is yours "
                "to fill, in consultation."
            ),
            "budget_agreed": _("In euros."),
        }

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices(_("(no particular role)"))
        field = self.fields["school_goals"]
        field.queryset = goals
        field.label_from_instance = lambda g: f"{g.description[:120]} ({g.trajectory.title})"


class PopGoalForm(forms.ModelForm):
    class Meta:
        model = PopGoal
        fields = ["text", "competence", "success_criterion", "due"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "due": DATE}

    def __init__(self, *args, competences, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competence"].queryset = competences
        self.fields["competence"].required = False


class ActivityForm(forms.ModelForm):
    class Meta:
        model = PopActivity
        fields = [
            "kind",
            "title",
            "provider",
            "with_whom",
            "contact_hours",
            "study_hours",
            "cost",
            "starts_on",
            "ends_on",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE}
        help_texts = {"cost": _("In euros; leave empty when it costs nothing.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].label_from_instance = lambda k: f"{k.name} ★" if k.effective else k.name

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end lies before the start."))
        return cleaned


class ShareForm(forms.Form):
    shared_with = forms.ModelChoiceField(label=_("Share with"), queryset=None)
    until = forms.DateField(
        label=_("Until"), required=False, widget=DATE, help_text=_("Empty: until you end the sharing yourself.")
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["shared_with"]
        field.queryset = candidates
        field.label_from_instance = lambda u: u.full_name or u.email
