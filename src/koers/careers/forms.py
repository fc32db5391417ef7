from django import forms
from django.utils.translation import gettext_lazy as _

from koers import uploads
from koers.surveys.forms import OpenLinkForm

from .models import (
    LEVELS,
    CareerRole,
    Conversation,
    CycleTemplate,
    Evidence,
    ExpertiseArea,
    ExpertiseEntry,
    FrameworkVersion,
    FunctiemixTarget,
    Level,
    Pop,
    PopActivity,
    PopGoal,
    RoleOffer,
    SchoolFramework,
)

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
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "success_criterion": forms.Textarea(attrs={"rows": 2}),
            "due": DATE,
        }

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


class OrientForm(forms.Form):
    """Step 1: compare up to three roles and choose one."""

    compared = forms.ModelMultipleChoiceField(
        label=_("Roles I compared"),
        queryset=CareerRole.objects.select_related("domain"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At most three, the chosen role included."),
    )
    role = forms.ModelChoiceField(label=_("The role that fits my ambitions and qualities"), queryset=CareerRole.objects)
    motivation = forms.CharField(
        label=_("Why this role"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices("---------")
        self.fields["compared"].label_from_instance = lambda r: f"{r.name} ({r.domain.name.lower()})"


class AssessForm(forms.Form):
    """Step 3: per competence where she stands, where she wants to get, and what shows it."""

    def __init__(self, *args, competences: list[dict], assessments: dict, evidence: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for c in competences:
            found = assessments.get(c["slug"])
            slug = c["slug"]
            parts = ["current", "target", "note"]
            self.fields[f"{slug}-current"] = forms.ChoiceField(
                label=_("Where I stand"),
                choices=Level.choices,
                widget=forms.RadioSelect,
                initial=found.current_level if found else None,
            )
            self.fields[f"{slug}-target"] = forms.ChoiceField(
                label=_("Where I want to get"),
                choices=[("", _("(this is enough for now)")), *Level.choices],
                required=False,
                initial=found.target_level if found else "",
            )
            self.fields[f"{slug}-note"] = forms.CharField(
                label=_("What shows it"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=found.note if found else "",
                help_text=_("An example from your lessons, feedback you had, or something you made."),
            )
            if evidence.get(slug):
                items = {str(e.pk): e for e in evidence[slug]}
                self.fields[f"{slug}-evidence"] = forms.TypedMultipleChoiceField(
                    label=_("Evidence from my portfolio"),
                    choices=[(pk, e.title) for pk, e in items.items()],
                    coerce=lambda pk, items=items: items[pk],
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    initial=[str(e.pk) for e in found.attached] if found else [],
                )
                parts.append("evidence")
            self.rows.append((c, [self[f"{slug}-{part}"] for part in parts]))

    def clean(self):
        cleaned = super().clean()
        for c, _fields in self.rows:
            now, target = cleaned.get(f"{c['slug']}-current"), cleaned.get(f"{c['slug']}-target")
            if now and target and LEVELS.index(target) < LEVELS.index(now):
                self.add_error(f"{c['slug']}-target", _("Choose a level at or above where you stand."))
        return cleaned

    def assessed(self) -> dict[str, dict]:
        return {
            c["slug"]: {
                "current_level": self.cleaned_data[f"{c['slug']}-current"],
                "target_level": self.cleaned_data[f"{c['slug']}-target"],
                "note": self.cleaned_data[f"{c['slug']}-note"],
                "evidence": self.cleaned_data.get(f"{c['slug']}-evidence", []),
            }
            for c, _fields in self.rows
        }


class FollowUpForm(forms.Form):
    gaps = forms.CharField(
        label=_("The gap between where I am and where I want to be"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    support_needed = forms.CharField(
        label=_("What development and support that asks"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("From whom, in what form: a coach, intervisie, a course, time in your assignment."),
    )


class EvidenceForm(uploads.FileOrLinkForm):
    class Meta:
        model = Evidence
        fields = ["title", "kind", "file", "link", "date", "competences", "reflection"]
        widgets = {
            "date": DATE,
            "competences": forms.CheckboxSelectMultiple,
            "reflection": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "file": uploads.DOCUMENT_HELP,
            "link": _("For a video, a link is better than a file: say in the reflection who may see it."),
            "reflection": _("What it shows of your growth, and what you learned from it."),
        }

    def __init__(self, *args, competences, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["competences"]
        field.queryset = competences
        groups: dict[str, list] = {}
        for c in competences:
            groups.setdefault(c.framework.name, []).append((c.pk, c.name))
        field.choices = [choice for choices in groups.values() for choice in choices]
        self.group_sizes = [(name, len(choices)) for name, choices in groups.items()]

    def competence_groups(self) -> list[tuple[str, list]]:
        """The competence checkboxes per framework, for a fieldset with a heading per group."""
        boxes, out, start = list(self["competences"]), [], 0
        for name, size in self.group_sizes:
            out.append((name, boxes[start : start + size]))
            start += size
        return out


class EvidenceChangeForm(EvidenceForm):
    """Everything but the file or link, which stay what they were."""

    class Meta(EvidenceForm.Meta):
        fields = ["title", "kind", "date", "competences", "reflection"]

    def clean(self):
        return forms.ModelForm.clean(self)


class CycleChoiceForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Our conversation cycle"), queryset=CycleTemplate.objects.all(), widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].label_from_instance = lambda t: f"{t.name}: {t.description}"


class PrepareForm(forms.ModelForm):
    class Meta:
        model = Conversation
        fields = ["teacher_preparation"]
        widgets = {"teacher_preparation": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "teacher_preparation": _(
                "What went well, what you want to learn, what you need: in time, money and the way you learn."
            )
        }


class RecordForm(forms.ModelForm):
    """What the leidinggevende records; for an appraisal also the judgement per competence of
    the framework version it cites."""

    class Meta:
        model = Conversation
        fields = [
            "held_on",
            "agreements",
            "prof_hours",
            "prof_budget",
            "prof_manner",
            "differentiation_agreement",
            "framework_version",
            "judgement_overall",
        ]
        widgets = {
            "held_on": DATE,
            "agreements": forms.Textarea(attrs={"rows": 4}),
            "prof_manner": forms.CheckboxSelectMultiple,
            "differentiation_agreement": forms.Textarea(attrs={"rows": 3}),
            "judgement_overall": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "prof_hours": _(
                "The hours for professional development this year; once both agree they go into the staff member’s POP."
            ),
            "prof_budget": _("In euros."),
        }

    def __init__(self, *args, skills_agreement: str, frameworks: list | None, competences: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].required = True
        self.fields["prof_manner"].label_from_instance = lambda k: f"{k.name} ★" if k.effective else k.name
        if skills_agreement:
            self.fields["differentiation_agreement"].label = skills_agreement
        else:
            del self.fields["differentiation_agreement"]
        if frameworks is not None:  # an appraisal
            field = self.fields["framework_version"]
            field.queryset = FrameworkVersion.objects.filter(pk__in=[v.pk for v in frameworks])
            field.label = _("The published framework it judges against")
            field.label_from_instance = str
            self.criteria = []
            given = {j["slug"]: j["text"] for j in self.instance.judgement}
            for c in competences:
                name = f"judge-{c['slug']}"
                self.fields[name] = forms.CharField(
                    label=c["name"],
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    initial=given.get(c["slug"], ""),
                )
                self.criteria.append(c)
        else:
            del self.fields["framework_version"], self.fields["judgement_overall"]
            self.criteria = []

    def recorded(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("judge-") and k != "prof_manner"}
        if self.criteria:
            data["judgement"] = [
                {"slug": c["slug"], "name": c["name"], "text": self.cleaned_data[f"judge-{c['slug']}"]}
                for c in self.criteria
            ]
        return data


class RespondForm(forms.ModelForm):
    class Meta:
        model = Conversation
        fields = ["teacher_comment", "teacher_recognises"]
        widgets = {"teacher_comment": forms.Textarea(attrs={"rows": 3}), "teacher_recognises": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teacher_recognises"].choices = Conversation.Recognises.choices


class ReviseForm(forms.Form):
    change_reason = forms.CharField(
        label=_("Why it changes"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class TargetForm(forms.ModelForm):
    class Meta:
        model = FunctiemixTarget
        fields = ["lb", "lc", "ld"]

    def clean(self):
        cleaned = super().clean()
        parts = [cleaned.get(k) for k in ("lb", "lc", "ld")]
        if None not in parts and sum(parts) != 100:
            raise forms.ValidationError(_("The three shares add up to 100 percent, not %(n)s.") % {"n": sum(parts)})
        return cleaned


class ReassignForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Staff member"), queryset=None)
    manager = forms.ModelChoiceField(label=_("New leidinggevende"), queryset=None)

    def __init__(self, *args, people, managers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["manager"].queryset = managers
        self.fields["manager"].label_from_instance = lambda u: u.full_name or u.email


class FeedbackForm(forms.Form):
    """What she asks 360-degree feedback on, and of whom."""

    competences = forms.MultipleChoiceField(
        label=_("Competences"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("At most eight, so the questionnaire stays short: two statements per competence."),
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Anonymous groups"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "You share one open link per group yourself. A group shows in your report from three responses, "
            "so no one can be recognised."
        ),
    )
    manager = forms.ModelChoiceField(
        label=_("Your leidinggevende (by name)"),
        queryset=None,
        required=False,
        empty_label=_("Not asked"),
        help_text=_("Receives an invitation by e-mail; the answers show with their name."),
    )

    def __init__(self, *args, competences, groups, managers, **kwargs):
        super().__init__(*args, **kwargs)
        grouped: dict[str, list] = {}
        self._competences = {str(c.pk): c for c in competences}
        for c in competences:
            grouped.setdefault(c.framework.name, []).append((str(c.pk), c.name))
        self.fields["competences"].choices = list(grouped.items())
        self.fields["groups"].queryset = groups
        self.fields["manager"].queryset = managers

    def clean_competences(self):
        return [self._competences[pk] for pk in self.cleaned_data["competences"]]


class FeedbackLinkForm(OpenLinkForm):
    """An open link for one of the anonymous groups of her round."""

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, survey=survey, **kwargs)
        named = survey.instrument.named_group
        self.fields["group"].choices = [c for c in self.fields["group"].choices if c[0] != named]


SCORES = [
    (1, _("1 · not shown")),
    (2, _("2 · partly shown")),
    (3, _("3 · shown")),
    (4, _("4 · convincingly shown")),
]


class ProcedureForm(forms.Form):
    """The criteria (a weight per competence of the published version) and the assessors."""

    assessors = forms.ModelMultipleChoiceField(
        label=_("Assessors"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("At least two, who judge each candidate on their own."),
    )

    def __init__(self, *args, version: FrameworkVersion | None, assessors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessors"].queryset = assessors
        self.criteria = version.competences if version else []
        for competence in self.criteria:
            self.fields[f"weight_{competence['slug']}"] = forms.TypedChoiceField(
                label=competence["name"],
                choices=[(0, _("not a criterion")), (1, "1"), (2, "2"), (3, "3")],
                coerce=int,
                initial=1,
            )

    def weights(self) -> dict[str, int]:
        return {c["slug"]: self.cleaned_data[f"weight_{c['slug']}"] for c in self.criteria}


class JudgementForm(forms.Form):
    note = forms.CharField(
        label=_("Substantiation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "What in the submissions and the motivation shows it? The candidate reads this after the decision."
        ),
    )

    def __init__(self, *args, criteria: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for c in criteria:
            self.fields[f"score_{c['slug']}"] = forms.TypedChoiceField(
                label=c["name"], choices=[("", _("— choose a score —")), *SCORES], coerce=int, required=False
            )
        self.order_fields([*(f"score_{c['slug']}" for c in criteria), "note"])

    def scores(self) -> dict[str, int]:
        return {c["slug"]: v for c in self.criteria if (v := self.cleaned_data.get(f"score_{c['slug']}"))}


class DecisionForm(forms.Form):
    chosen = forms.ModelMultipleChoiceField(
        label=_("Gets the role"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    reasons = forms.CharField(
        label=_("Reasons for the decision"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Every candidate reads these, next to the judgements about them."),
    )
    starts_on = forms.DateField(label=_("Holds the role from"), widget=DATE)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chosen"].queryset = candidates
        self.fields["chosen"].label_from_instance = lambda c: str(c.person)


class SubmitForm(forms.Form):
    evidence = forms.ModelChoiceField(
        label=_("Item of my portfolio"),
        queryset=None,
        help_text=_(
            "A copy goes to the procedure, marked as submitted by you. Your portfolio stays yours; "
            "nothing else of your development is seen."
        ),
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].queryset = items


class MotivationForm(forms.Form):
    motivation = forms.CharField(
        label=_("My motivation for this procedure"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class ExpertiseForm(forms.ModelForm):
    class Meta:
        model = ExpertiseEntry
        fields = ["area", "topic", "description", "level", "wants", "evidence", "visibility"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "level": forms.RadioSelect,
            "wants": forms.RadioSelect,
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "visibility": _("Only you see it until you choose your teams or your school."),
        }

    def __init__(self, *args, evidence, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].empty_label = _("Another area")
        self.fields["evidence"].queryset = evidence
        self.fields["evidence"].empty_label = _("No evidence")
        self.fields["evidence"].help_text = _("An item of your portfolio; others see only that there is one.")


class ExpertiseSearchForm(forms.Form):
    q = forms.CharField(label=_("Who knows something about…"), max_length=100, required=False)
    gebied = forms.ModelChoiceField(
        label=_("Area"), queryset=ExpertiseArea.objects.all(), required=False, empty_label=_("All areas")
    )
