from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers import uploads
from koers.organisations.models import Membership, Person, Role, School, Team
from koers.organisations.staff_import import MAX_ROWS

from .selectors import STATES


class PeopleFilter(forms.Form):
    q = forms.CharField(label=_("Name, e-mail or personnel number"), required=False, max_length=100)
    school = forms.ChoiceField(label=_("School"), required=False)
    state = forms.ChoiceField(label=_("Account"), required=False)

    def __init__(self, *args, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        if schools is None:
            del self.fields["school"]
        else:
            self.fields["school"].choices = [
                ("", _("All schools")),
                *((str(s.pk), s.name) for s in schools),
                ("bureau", _("Board office")),
            ]
        self.fields["state"].choices = [
            ("", _("Working here")),
            *STATES.items(),
            ("alle", _("Everybody, leavers included")),
        ]


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "email",
            "personnel_number",
            "school",
            "functie",
            "teams",
            "fte",
            "teaching_since",
            "training",
            "qualified",
        ]
        widgets = {"teams": forms.CheckboxSelectMultiple, "fte": forms.TextInput(attrs={"inputmode": "decimal"})}
        # "0,8" as Dutch writes it; a number input would show a comma value as empty.
        localized_fields = ["fte"]
        help_texts = {
            "personnel_number": _("As in the HR system; the staff import recognises people by it."),
            "fte": _("For example 0,8."),
            "teaching_since": _("The year this person started teaching, for the experience in a team."),
            "training": _("For the lesson figures by teacher training, as the inspectorate splits them."),
        }

    def __init__(self, *args, schools, board_office: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["school"].required = not board_office
        self.fields["school"].empty_label = _("Board office") if board_office else None
        school = self.instance.school if self.instance.school_id else (schools.first() if not board_office else None)
        self.fields["teams"].queryset = Team.objects.filter(school=school) if school else Team.objects.none()
        self.fields["teams"].help_text = _(
            "Teams of the person's school. After changing the school, save first, then choose."
        )

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean_fte(self):
        fte = self.cleaned_data["fte"]
        if fte is not None and not 0 < fte <= 1.5:
            raise forms.ValidationError(_("Give a value above 0 and at most 1,5."))
        return fte

    def clean_teaching_since(self):
        year = self.cleaned_data["teaching_since"]
        if year is not None and not 1950 <= year <= timezone.localdate().year:
            raise forms.ValidationError(_("Give a year between 1950 and now."))
        return year

    def clean(self):
        data = super().clean()
        number = data.get("personnel_number")
        board_id = self.instance.board_id
        if (
            number
            and Person.objects.filter(board_id=board_id, personnel_number=number).exclude(pk=self.instance.pk).exists()
        ):
            self.add_error("personnel_number", _("Someone else at this board has this personnel number."))
        school = data.get("school")
        if any(team.school_id != getattr(school, "pk", None) for team in data.get("teams", [])):
            data["teams"] = [team for team in data["teams"] if team.school_id == getattr(school, "pk", None)]
        return data


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, board_roles: bool, **kwargs):
        super().__init__(*args, **kwargs)
        # Regional roles are given per region by Koers's administrator, not by a board.
        self.fields["role"].choices = [
            (value, label)
            for value, label in Role.choices
            if Membership.scope_of(value) == "school" or (board_roles and Membership.scope_of(value) == "board")
        ]


class LeaverForm(forms.Form):
    left_on = forms.DateField(label=_("Last working day"), widget=forms.DateInput(attrs={"type": "date"}))
    successor = forms.ModelChoiceField(
        label=_("Who takes over what this person owns"),
        queryset=None,
        required=False,
        help_text=_("Trajectories and activities this person owns go to this colleague."),
    )

    def __init__(self, *args, candidates, needs_successor: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = candidates
        self.fields["successor"].required = needs_successor
        self.fields["successor"].error_messages["required"] = _(
            "This person owns trajectories or activities: choose who takes them over."
        )
        self.fields["successor"].empty_label = _("Choose a colleague") if needs_successor else _("Nobody needed")
        self.initial.setdefault("left_on", timezone.localdate())


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Staff file (CSV or XLSX)"),
        help_text=_("The export of your HR or administration system, at most 2 MB and %(n)s people.")
        % {"n": f"{MAX_ROWS:,}".replace(",", ".")},
    )

    def clean_file(self):
        return uploads.read_table(self.cleaned_data["file"], max_rows=MAX_ROWS)


class ConfirmImportForm(forms.Form):
    end_leavers = forms.BooleanField(
        label=_(
            "Also sign off the people who are not in the file (their roles end; what they own waits for a successor)"
        ),
        required=False,
    )


class SchoolForm(forms.ModelForm):
    class Meta:
        model = School
        fields = ["name", "brin", "sector", "school_types", "region"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].empty_label = _("No region")

    def clean_brin(self):
        return self.cleaned_data["brin"].upper()


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "kind", "shared_goal", "interdependent", "pupil_group", "starts_on", "ends_on"]
        widgets = {
            "shared_goal": forms.Textarea(attrs={"rows": 3}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "interdependent": _("In a real team the members need each other to reach its goal (drl:398-409)."),
            "ends_on": _("For a temporary team, made for one task."),
        }

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day comes on or after the first day."))
        return data

    def __init__(self, *args, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Team.objects.filter(school=self.school, name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This school has a team with this name already."))
        return name


class LinkPersonForm(forms.Form):
    """A school account let in as someone already in Koers without an account."""

    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.none(),
        help_text=_("Their e-mail address in Koers becomes the address of the school account."),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
