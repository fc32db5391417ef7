from django import template

register = template.Library()


@register.filter
def state_on(survey, today):
    """A round's state (gepland / open / gesloten) on the given day."""
    return survey.state(today)
