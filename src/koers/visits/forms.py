from django import forms
from django.utils.translation import gettext_lazy as _

from koers import uploads
from koers.instruments.models import Goal
from koers.organisations.models import School

from .models import (
    MOST_SUB_QUESTIONS,
    Finding,
    ProgrammeItem,
    SubQuestion,
    Visit,
    VisitDocument,
    VisitEvaluation,
    VisitMember,
    VisitorProfile,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class QuestionForm(forms.Form):
    """The development question and up to four sub-questions, each with the school's own picture."""

    question = forms.CharField(
        label=_("Our development question"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "On what does the school want to develop, so that its teaching gets (even) better? "
            "The sharper, the more it yields."
        ),
    )

    def __init__(self, *args, sub_questions: list[SubQuestion] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        existing = list(sub_questions or [])
        self.rows = []
        for i in range(MOST_SUB_QUESTIONS):
            found = existing[i] if i < len(existing) else None
            text, picture = f"sub-{i}", f"picture-{i}"
            self.fields[text] = forms.CharField(
                label=_("Sub-question %(n)s") % {"n": i + 1},
                max_length=300,
                required=False,
                initial=found.text if found else "",
            )
            self.fields[picture] = forms.CharField(
                label=_("Our own picture for sub-question %(n)s") % {"n": i + 1},
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=found.self_picture if found else "",
                help_text=_("How the school sees itself on this point now; the visitors set what they see beside it."),
            )
            self.rows.append((self[text], self[picture]))

    def sub_questions(self) -> list[tuple[str, str]]:
        return [(self.cleaned_data[f"sub-{i}"], self.cleaned_data[f"picture-{i}"]) for i in range(MOST_SUB_QUESTIONS)]


class RequestForm(QuestionForm):
    preferred_dates = forms.CharField(
        label=_("Dates that suit us"),
        max_length=300,
        required=False,
        help_text=_("For example: a Tuesday or Thursday in March."),
    )


class IntakeForm(QuestionForm):
    agree = forms.BooleanField(
        label=_("The question is agreed with the school: go on to the programme"), required=False
    )


class ProgrammeItemForm(forms.ModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ["start", "end", "kind", "sub_questions", "who", "location"]
        widgets = {"start": TIME, "end": TIME, "sub_questions": forms.CheckboxSelectMultiple}

    def __init__(self, *args, visit: Visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sub_questions"].queryset = visit.sub_questions.all()
        self.fields["sub_questions"].error_messages["required"] = _("Choose the sub-questions this part looks at.")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The end comes after the start."))
        return data


class FixProgrammeForm(forms.Form):
    visit_on = forms.DateField(label=_("Day of the visit"), widget=DATE)


class VisitorForm(forms.Form):
    profile = forms.ModelChoiceField(label=_("Visitor"), queryset=VisitorProfile.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=VisitMember.Role.choices, initial=VisitMember.Role.PEER)

    def __init__(self, *args, pool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = pool


class FindingForm(forms.ModelForm):
    no_names = forms.BooleanField(
        label=_("I checked it: no pupil or teacher is named"),
        required=False,
    )

    class Meta:
        model = Finding
        fields = ["sub_question", "source", "seen", "match"]
        widgets = {"seen": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, visit: Visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sub_question"].queryset = visit.sub_questions.all()
        self.fields["source"].queryset = visit.programme.all()

    def clean(self):
        data = super().clean()
        names = possible_names(data.get("seen", ""))
        if names and not data.get("no_names"):
            self.add_error(
                "seen",
                _(
                    "Is this a name: %(words)s? Findings never name pupils or teachers. "
                    "Change it, or tick that you checked."
                )
                % {"words": ", ".join(names[:3])},
            )
        return data


def possible_names(text: str) -> list[str]:
    """Words that look like names: capitalised, not at the start of a sentence."""
    out, start = [], True
    for word in text.split():
        bare = word.strip(".,;:!?()\"'“”‘’")
        if bare[:1].isupper() and not start and not bare.isupper():
            out.append(bare)
        start = word.endswith((".", "!", "?", ":"))
    return out


class PaperForm(uploads.FileOrLinkForm):
    class Meta:
        model = VisitDocument
        fields = ["title", "file", "link"]
        help_texts = {"file": uploads.DOCUMENT_HELP}


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Visit
        fields = ["feedback_given_on", "feedback_summary"]
        widgets = {"feedback_given_on": DATE, "feedback_summary": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["feedback_given_on"].required = True
        self.fields["feedback_summary"].required = True


class ReportPartForm(forms.ModelForm):
    class Meta:
        model = SubQuestion
        fields = ["seen", "match", "strengths", "attention", "advice"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in ("seen", "strengths", "attention", "advice")}


class ConclusionForm(forms.Form):
    conclusion = forms.CharField(
        label=_("Overall conclusion"), required=False, max_length=8000, widget=forms.Textarea(attrs={"rows": 6})
    )


class ReactionForm(forms.Form):
    reaction = forms.CharField(
        label=_("Factual corrections from the school"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Only what is factually wrong; the findings stay the commission's."),
    )


class FollowUpForm(forms.Form):
    follow_up = forms.CharField(
        label=_("What we do with it"), required=False, max_length=8000, widget=forms.Textarea(attrs={"rows": 6})
    )


class AttachForm(forms.Form):
    trajectory = forms.ModelChoiceField(label=_("Trajectory"), queryset=None)

    def __init__(self, *args, trajectories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trajectory"].queryset = trajectories


class AdviceGoalForm(forms.Form):
    """An advice of the report as a goal in a trajectory; sharpened afterwards on the goal's page."""

    advice = forms.ModelChoiceField(label=_("Advice"), queryset=SubQuestion.objects.none())
    trajectory = forms.ModelChoiceField(label=_("Trajectory"), queryset=None)
    level = forms.ChoiceField(label=_("Level"), choices=Goal.Level.choices)
    term = forms.ChoiceField(label=_("Term"), choices=Goal.Term.choices)
    target_date = forms.DateField(label=_("To be reached by"), widget=DATE, required=False)

    def __init__(self, *args, visit: Visit, trajectories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advice"].queryset = visit.sub_questions.exclude(advice="")
        self.fields["advice"].label_from_instance = lambda sub: f"{sub.text}: {sub.advice}"
        self.fields["trajectory"].queryset = trajectories


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = VisitEvaluation
        fields = ["answered", "programme_fit", "change"]
        widgets = {
            "answered": forms.RadioSelect,
            "programme_fit": forms.RadioSelect,
            "change": forms.Textarea(attrs={"rows": 4}),
        }


class PoolForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(
        label=_("Name"), max_length=150, required=False, help_text=_("Needed when Koers does not know the address yet.")
    )
    kind = forms.ChoiceField(label=_("Trained as"), choices=VisitorProfile.Kind.choices)
    trained_on = forms.DateField(label=_("Trained on"), widget=DATE)
    training = forms.CharField(label=_("Training"), max_length=200, required=False)
    home_school = forms.ModelChoiceField(label=_("Works at"), queryset=School.objects.none(), required=False)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_school"].queryset = schools
