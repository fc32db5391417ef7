from django import forms
from django.utils.translation import gettext_lazy as _


class PeopleSearch(forms.Form):
    q = forms.CharField(label=_("Name or e-mail address"), required=False, max_length=100)


class ErasureForm(forms.Form):
    successor = forms.ModelChoiceField(
        label=_("Who takes over what this person owns"),
        queryset=None,
        required=False,
        help_text=_("Trajectories and activities this person owns go to this colleague."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that the name, address and account cannot be brought back"), required=True
    )

    def __init__(self, *args, candidates, needs_successor: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = candidates
        self.fields["successor"].required = needs_successor
        self.fields["successor"].error_messages["required"] = _(
            "This person owns trajectories or activities: choose who takes them over."
        )
        self.fields["successor"].empty_label = _("Choose a colleague") if needs_successor else _("Nobody needed")
