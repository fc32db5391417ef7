import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.plans.forms import DATE, DATE_ERRORS


class ShareLinkForm(forms.Form):
    label = forms.CharField(
        label=_("For whom is the link?"),
        max_length=120,
        help_text=_('e.g. "MR" or "bestuur"; only you see this.'),
        error_messages={"required": _('Say for whom the link is, e.g. "MR" or "bestuur".')},
    )
    expires_on = forms.DateField(label=_("Valid until"), widget=DATE, error_messages=DATE_ERRORS)
    include_stakeholders = forms.BooleanField(
        label=_("Include the stakeholder analysis (names of people with their interest, influence and trust)"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].initial = timezone.localdate() + datetime.timedelta(days=30)


class OverviewFilter(forms.Form):
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    school = forms.TypedChoiceField(label=_("School"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, themes, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("all themes"))] + [(t.slug, t.name) for t in themes]
        if schools is None:
            del self.fields["school"]
        else:
            self.fields["school"].choices = [("", _("all schools"))] + [(s.pk, s.name) for s in schools]
