from django import forms
from django.utils.translation import gettext_lazy as _


class RoadmapExportForm(forms.Form):
    trajectory = forms.ModelChoiceField(label=_("Trajectory"), queryset=None, empty_label=None)
    mode = forms.ChoiceField(
        label=_("This Roadmap went into this trajectory before"),
        choices=[("update", _("Update the goal it made")), ("new", _("Add it as a new goal"))],
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, trajectories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trajectory"].queryset = trajectories

    def update(self) -> bool | None:
        return {"update": True, "new": False}.get(self.cleaned_data.get("mode") or "")
