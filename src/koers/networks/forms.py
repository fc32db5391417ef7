from django import forms
from django.utils.translation import gettext_lazy as _

from koers import uploads

from .models import (
    Attendance,
    Fate,
    Homework,
    IntervisionCase,
    Meeting,
    MeetingEvaluation,
    Network,
    NetworkDocument,
    NetworkMember,
    Output,
    Post,
    PsoTheme,
    RegionConversation,
    RoadmapKpi,
    RoadmapWorksheet,
    StartDocument,
    StopReason,
    Topic,
)


# The library keeps documents people read, not archives or programs; a policy paper is a few MB.
class NetworkForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = ["name", "theme_category", "shrm_theme", "regional_question", "facilitated_max", "conditions_met"]
        widgets = {
            "conditions_met": forms.CheckboxSelectMultiple,
            "regional_question": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"conditions_met": _("Which of these hold already?")}
        help_texts = {
            "conditions_met": _("What the magazine's networks found makes a network work. Unticked ones are advice.")
        }

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["status"] = forms.ChoiceField(label=_("Phase"), choices=Network.Status.choices)
            self.initial.setdefault("status", self.instance.status)
            self.fields["share"] = forms.BooleanField(
                label=Network._meta.get_field("share_evaluations_with_region").verbose_name,
                help_text=Network._meta.get_field("share_evaluations_with_region").help_text,
                required=False,
                initial=self.instance.share_evaluations_with_region,
            )

    def save(self, commit=True):
        if "status" in self.cleaned_data:
            self.instance.status = self.cleaned_data["status"]
            self.instance.share_evaluations_with_region = self.cleaned_data["share"]
        return super().save(commit)


class StartNetworkForm(NetworkForm):
    """Starting a network: a school leader brings it for one of their schools."""

    school = forms.ModelChoiceField(label=_("For which school"), queryset=None, required=False)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        if not schools.exists():  # a regiocoördinator leads no school of the region
            del self.fields["school"]
            return
        self.fields["school"].queryset = schools
        self.fields["school"].help_text = _(
            "As school leader you take part for this school. Leave it empty as regiocoördinator."
        )


class MemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Needed only for someone without a Koers account: they get an invitation to activate one."),
    )
    school = forms.ModelChoiceField(
        label=_("School"),
        queryset=None,
        required=False,
        empty_label=_("No school (from outside, such as a process facilitator)"),
    )
    role = forms.ChoiceField(label=_("Role"), choices=NetworkMember.Role.choices, initial=NetworkMember.Role.DEELNEMER)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = NetworkMember
        fields = ["attends_all", "will_prepare", "leadership_informed", "learning_ambition"]
        widgets = {"learning_ambition": forms.Textarea(attrs={"rows": 3})}


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "kind",
            "facilitated",
            "date",
            "start",
            "end",
            "venue",
            "theme",
            "agenda",
            "work_forms",
            "guest_name",
            "guest_organisation",
            "guest_topic",
            "status",
            "verslag",
        ]
        widgets = {
            "work_forms": forms.CheckboxSelectMultiple,
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "verslag": forms.Textarea(attrs={"rows": 6}),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] <= cleaned["start"]:
            self.add_error("end", _("The meeting ends after it starts."))
        return cleaned


class AttendanceForm(forms.Form):
    """One choice per current member."""

    def __init__(self, *args, members, states, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        for member in members:
            self.fields[f"m{member.pk}"] = forms.ChoiceField(
                label=str(member.user),
                choices=[("", _("Not recorded"))] + list(Attendance.State.choices),
                required=False,
                initial=states.get(member.pk, ""),
            )

    def states(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data[f"m{m.pk}"] for m in self.members}


class StartDocumentForm(forms.ModelForm):
    class Meta:
        model = StartDocument
        fields = [
            "waar_wijzer_in",
            "hoe_leren",
            "ambition_individual",
            "ambition_school",
            "ambition_region",
            "rhythm",
            "confidentiality",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "waar_wijzer_in",
                "hoe_leren",
                "ambition_individual",
                "ambition_school",
                "ambition_region",
                "confidentiality",
            )
        }
        help_texts = {"rhythm": _("For example: six meetings in one school year, every six weeks.")}


class FateForm(forms.Form):
    fate = forms.ChoiceField(label=_("How does the network go on?"), choices=Fate.choices, widget=forms.RadioSelect)
    coordinator = forms.ModelChoiceField(
        label=_("Who from the group coordinates?"),
        queryset=NetworkMember.objects.none(),
        required=False,
        help_text=_("Needed when the network goes on by itself."),
    )
    stop_reason = forms.ModelChoiceField(label=_("Why did it stop?"), queryset=StopReason.objects.all(), required=False)

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = network.members.filter(
            left_on__isnull=True, school__isnull=False
        ).select_related("user")
        self.fields["coordinator"].label_from_instance = lambda member: str(member.user)


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = MeetingEvaluation
        fields = ["went_well", "better_next_time"]
        widgets = {
            "went_well": forms.Textarea(attrs={"rows": 3}),
            "better_next_time": forms.Textarea(attrs={"rows": 3}),
        }


class CaseForm(forms.ModelForm):
    class Meta:
        model = IntervisionCase
        fields = ["title", "question", "notes"]
        widgets = {"question": forms.Textarea(attrs={"rows": 3}), "notes": forms.Textarea(attrs={"rows": 5})}


class OutputForm(forms.ModelForm):
    link = forms.URLField(label=_("link"), required=False, assume_scheme="https")

    class Meta:
        model = Output
        fields = ["title", "level", "kind", "description", "made_on", "link", "public"]
        widgets = {
            "made_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class HomeworkForm(forms.ModelForm):
    class Meta:
        model = Homework
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class HomeworkDoneForm(forms.Form):
    note = forms.CharField(
        label=_("What you found (optional)"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TopicForm(forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["title", "body", "is_question"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}


class PostForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}


class DocumentForm(uploads.FileOrLinkForm):
    class Meta:
        model = NetworkDocument
        fields = ["title", "kind", "description", "file", "link"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"file": uploads.DOCUMENT_HELP}


class ConversationForm(forms.ModelForm):
    class Meta:
        model = RegionConversation
        fields = ["school", "held_on", "topics", "summary", "follow_up"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "topics": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["topics"].queryset = PsoTheme.objects.all()


class RoadmapForm(forms.ModelForm):
    """The worksheet with one text field per question of the steps that are answered in words;
    the KPI step is a formset of its own (`KpiFormSet`)."""

    class Meta:
        model = RoadmapWorksheet
        fields = ["title", "network", "shared_with_network"]

    def __init__(self, *args, questions, answers: dict[int, str], networks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks
        self.fields["network"].required = False
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = forms.CharField(
                label=question.text,
                required=False,
                max_length=5000,
                initial=answers.get(question.pk, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("shared_with_network") and not cleaned.get("network"):
            self.add_error("shared_with_network", _("Choose the network to share it with."))
        return cleaned

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"].strip() for q in self.questions}

    def sections(self, steps):
        """Each step with the bound fields of its questions, for the template."""
        return [(step, [self[f"q{q.pk}"] for q in self.questions if q.step_id == step.pk]) for step in steps]


class KpiForm(forms.ModelForm):
    class Meta:
        model = RoadmapKpi
        fields = ["baken", "competences", "target", "by_date"]
        widgets = {"by_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


KpiFormSet = forms.inlineformset_factory(
    RoadmapWorksheet, RoadmapKpi, form=KpiForm, extra=2, max_num=10, can_delete=True
)
