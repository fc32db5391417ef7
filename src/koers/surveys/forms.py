import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers import uploads
from koers.organisations.models import School

from .models import (
    DEFAULT_MIN_GROUP,
    DEFAULT_WINDOW_DAYS,
    LIKERT_LABELS,
    MIN_GROUP_FLOOR,
    OWN_SCALES,
    UNKNOWN,
    UNKNOWN_LABEL,
    Instrument,
    Item,
    Round,
    Scale,
)
from .services import OPEN_TEXT_MAX, UploadRow

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_UPLOAD_ROWS = 5000


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    modules = forms.MultipleChoiceField(
        label=_("Modules"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_('Modules marked "always" are part of every round.'),
    )
    groups = forms.MultipleChoiceField(label=_("Respondent groups"), widget=forms.CheckboxSelectMultiple)
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE)
    closes_on = forms.DateField(label=_("Last day"), widget=DATE, help_text=_("Three weeks by default."))
    min_group_size = forms.IntegerField(
        label=_("Minimum group size"),
        min_value=MIN_GROUP_FLOOR,
        max_value=50,
        error_messages={
            "min_value": _("The minimum group size is at least 3, so no one can be recognised in the report.")
        },
        help_text=_(
            "A group with fewer responses is left out of the report, open answers "
            "included, so no one can be recognised. At least 3."
        ),
    )

    team = forms.ModelChoiceField(
        label=_("For"),
        queryset=None,
        required=False,
        help_text=_(
            "A team's round is read by its members and the school's managers, and is compared "
            "with nothing but the team's own earlier rounds."
        ),
    )

    def __init__(self, *args, instrument: Instrument, school: School, team: str | None = None, **kwargs):
        today = timezone.localdate()
        kwargs.setdefault(
            "initial",
            {
                "title": f"{instrument.name} {today:%Y}",
                "opens_on": today,
                "closes_on": today + datetime.timedelta(days=DEFAULT_WINDOW_DAYS - 1),
                "min_group_size": DEFAULT_MIN_GROUP,
                "groups": [g.slug for g in instrument.groups.all()],
                "modules": [m.slug for m in instrument.modules.all()],
                "team": team,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = school.teams.all()
        self.fields["team"].empty_label = _("The whole school")
        self.order_fields(["title", "team"])
        self.fields["groups"].choices = [(g.slug, g.name) for g in instrument.groups.all()]
        modules = list(instrument.modules.all())
        if modules:
            self.fields["modules"].choices = [
                (m.slug, _("%(module)s (always)") % {"module": m.name} if m.required else m.name) for m in modules
            ]
        else:
            del self.fields["modules"]


class OwnQuestionForm(forms.Form):
    """One question of the school's own: a statement to agree with, a choice, or open text."""

    field_order = ["text", "text_en", "scale", "options", "options_en", "required", "unknown_allowed"]

    text = forms.CharField(label=_("Question or statement"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    scale = forms.ChoiceField(
        label=_("Kind of answer"),
        choices=[(s, Scale(s).label) for s in OWN_SCALES],
        widget=forms.RadioSelect,
        initial=Scale.LIKERT5,
    )
    options = forms.CharField(
        label=_("Options (for a choice, one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Two to eight options."),
    )
    text_en = forms.CharField(
        label=_("The same question in English (optional)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Respondents who chose English read this; without it they read the Dutch."),
    )
    options_en = forms.CharField(
        label=_("The options in English (optional, in the same order)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)
    unknown_allowed = forms.BooleanField(
        label=_("Offer “don’t know / not applicable” (agree–disagree only)"), required=False
    )

    def clean(self):
        data = super().clean()
        options = [line.strip() for line in data.get("options", "").splitlines() if line.strip()]
        if data.get("scale") == Scale.CHOICE and not 2 <= len(options) <= 8:
            self.add_error("options", _("Give two to eight options, one per line."))
        english = [line.strip() for line in data.get("options_en", "").splitlines() if line.strip()]
        if english and len(english) != len(options):
            self.add_error("options_en", _("Give as many options in English as in Dutch, in the same order."))
        data["options"], data["options_en"] = options, english
        return data


class RegionBenchmarkForm(forms.Form):
    share = forms.BooleanField(
        label=_("Compare our closed rounds with the other schools of the region that do so too"),
        required=False,
        help_text=_(
            "The region sees only means over at least five schools, never a school's own figures. "
            "Only schools that take part see the comparison."
        ),
    )


class ExtendForm(forms.Form):
    closes_on = forms.DateField(label=_("New last day"), widget=DATE)


class OpenLinkForm(forms.Form):
    group = forms.ChoiceField(label=_("Respondent group"))
    expected = forms.IntegerField(
        label=_("Expected number of respondents"),
        min_value=1,
        max_value=5000,
        help_text=_("The link takes no more responses than this, so it cannot be flooded."),
    )

    def __init__(self, *args, survey: Round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [(g.slug, g.name) for g in survey.groups.all()]


class StaffInviteForm(forms.Form):
    groups = forms.MultipleChoiceField(
        label=_("Invite the staff of these groups"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Everyone on the school's staff list with an e-mail address, in the group that matches their position."
        ),
    )

    def __init__(self, *args, survey: Round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].choices = [(g.slug, g.name) for g in survey.groups.all()]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File with addresses (CSV or XLSX)"),
        help_text=_(
            'Two columns with a heading: "e-mail" and "groep" (the group\'s name, '
            "e.g. Leraren). A file with an error is not imported at all."
        ),
    )

    def clean_file(self):
        return _rows_from(uploads.read_table(self.cleaned_data["file"], max_rows=MAX_UPLOAD_ROWS))


def _rows_from(table: list[list[str]]) -> list[UploadRow]:
    if not table:
        raise forms.ValidationError(_("The file is empty."))
    heading = [h.strip().lower() for h in table[0]]
    columns = {}
    for name, aliases in (
        ("email", ("e-mail", "email", "e-mailadres", "emailadres")),
        ("group", ("groep", "group", "respondentgroep")),
    ):
        found = [i for i, h in enumerate(heading) if h in aliases]
        if not found:
            raise forms.ValidationError(
                _('Row 1: the column "%(name)s" is missing from the heading.') % {"name": aliases[0]}
            )
        columns[name] = found[0]
    rows = []
    for number, row in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = row + [""] * (max(columns.values()) + 1 - len(row))
        rows.append(UploadRow(number, cells[columns["email"]], cells[columns["group"]]))
    return rows


class EvidenceForm(forms.Form):
    round = forms.ChoiceField(label=_("Survey round"))
    note = forms.CharField(
        label=_("What does this tell us about the current situation?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )
    question = forms.CharField(
        label=_("Development question (draft)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
        help_text=_("A learning-climate scan proposes one; change it as you see fit."),
    )

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.rounds = {str(r.pk): r for r in rounds}
        self.fields["round"].choices = [
            (str(r.pk), f"{r.title} · {r.school.name} · {r.instrument.name}") for r in rounds
        ]


# --- the respondent's pages ---------------------------------------------------------------------


def _choices(item: Item) -> list[tuple[int, str]]:
    if item.scale == Scale.LIKERT5:
        choices = [(v, LIKERT_LABELS[v]) for v in item.values]
    elif item.scale == Scale.YESNO:
        choices = [(1, _("Yes")), (0, _("No"))]
    elif item.scale == Scale.CHOICE:
        choices = list(enumerate(item.shown_options, start=1))
    else:
        choices = [(v, str(v)) for v in item.values]
    return [*choices, (UNKNOWN, UNKNOWN_LABEL)] if item.unknown_allowed else choices


class AnswerPageForm(forms.Form):
    """The items of one page. `strict` (going on, sending) requires the required items; saving
    to continue later keeps whatever is filled in."""

    def __init__(self, *args, items: list[Item], strict: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            name = f"item-{item.pk}"
            required = strict and item.required
            if item.scale == Scale.OPEN:
                self.fields[name] = forms.CharField(
                    label=item.shown_text,
                    required=required,
                    max_length=OPEN_TEXT_MAX,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            else:
                self.fields[name] = forms.TypedChoiceField(
                    label=item.shown_text,
                    required=required,
                    coerce=int,
                    empty_value=None,
                    choices=_choices(item),
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": _("Choose an answer to this question."),
                        "invalid_choice": _("Choose one of the answers given."),
                    },
                )
            self.fields[name].item = item

    def answers(self) -> dict[int, int | str | None]:
        """The valid answers of this page, also when other fields have errors."""
        result = {}
        for item in self.items:
            name = f"item-{item.pk}"
            if name in self.cleaned_data:
                value = self.cleaned_data[name]
                result[item.pk] = value if value not in ("", None) else None
        return result


# --- a learning network's in-depth evaluation ---------------------------------------------------


class NetworkEvaluationForm(forms.Form):
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE)
    closes_on = forms.DateField(
        label=_("Last day"), widget=DATE, help_text=_("Close it the day before the meeting that discusses it.")
    )


class SharedPictureForm(forms.Form):
    """Per indicator where the group agrees it stands now and where it wants to be (1 to 8),
    then its conclusions and agreements."""

    conclusions = forms.CharField(
        label=_("Conclusions we draw together"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    agreements = forms.CharField(
        label=_("Agreements we make"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, items: list[Item], pictures: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = [item for item in items if item.scale == Scale.BIPOLAR8]
        positions = [("", _("—"))] + [(v, str(v)) for v in range(1, 9)]
        self.rows = []
        for item in self.items:
            found = pictures.get(item.pk)
            now, desired, note = f"now-{item.pk}", f"desired-{item.pk}", f"note-{item.pk}"
            for name, label, value in (
                (now, _("Now"), found and found.agreed_now),
                (desired, _("Desired"), found and found.desired),
            ):
                self.fields[name] = forms.TypedChoiceField(
                    label=label, choices=positions, coerce=int, empty_value=None, required=False, initial=value
                )
            self.fields[note] = forms.CharField(
                label=_("Note"), required=False, max_length=300, initial=found.note if found else ""
            )
            self.rows.append((item, self[now], self[desired], self[note]))

    def pictures(self) -> dict[int, tuple[int | None, int | None, str]]:
        data = self.cleaned_data
        return {i.pk: (data[f"now-{i.pk}"], data[f"desired-{i.pk}"], data[f"note-{i.pk}"]) for i in self.items}


class GoalFromSurveyForm(forms.Form):
    """A goal of the school measured from one dimension of this instrument (issue 17, item 7)."""

    goal = forms.ModelChoiceField(label=_("Goal"), queryset=None, empty_label=None)
    dimension = forms.ModelChoiceField(label=_("Dimension"), queryset=None, empty_label=None)

    def __init__(self, *args, goals, dimensions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals
        self.fields["goal"].label_from_instance = lambda g: f"{g.trajectory.theme.name}: {g.indicator}"
        self.fields["dimension"].queryset = dimensions
