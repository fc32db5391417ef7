from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareersConfig(AppConfig):
    name = "koers.careers"
    verbose_name = _("Careers")

    def load_content(self, directory, report) -> None:
        """Career domains, roles, reference frameworks and activity kinds, from `loopbaan`."""
        from .loader import load_career_content

        load_career_content(directory / "loopbaan", report)

    def precondition_hints(self, trajectory) -> list[str]:
        """The hours for professional development agreed in the school's locked conversations
        this school year, for the plan's Doe preconditions; only from five people (R6)."""
        from django.utils import timezone
        from django.utils.translation import gettext as _

        from .models import MIN_GROUP, school_year
        from .selectors import agreed_hours

        if trajectory.school_id is None:
            return []
        year = school_year(timezone.localdate())
        people, hours = agreed_hours(trajectory.school_id, year)
        if people < MIN_GROUP:
            return []
        return [
            _(
                "In this school year’s conversations, %(people)s staff members agreed %(hours)s hours "
                "of professional development in all: time available for the plan."
            )
            % {"people": people, "hours": hours}
        ]
