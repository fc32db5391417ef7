from django import template

from koers import formats
from koers.catalog.models import for_theme as _for_theme

register = template.Library()


@register.filter
def for_theme(text: str, theme) -> str:
    """Put the trajectory's theme where the handreiking's text names "differentiatie"."""
    return _for_theme(text, theme)


@register.simple_tag(takes_context=True)
def page_url(context, param: str, number: int) -> str:
    """The current URL with one page parameter changed, keeping the others."""
    query = context["request"].GET.copy()
    query[param] = number
    return "?" + query.urlencode()


@register.filter
def get_item(mapping: dict, key):
    """mapping[key] in a template, or None when the key is absent."""
    return mapping.get(key)


@register.filter
def amount(value, missing: str = "–") -> str:
    """A number as Dutch writes it, without needless decimals (35, 35,5; never 35,00)."""
    if value is None or value == "":
        return missing
    return formats.number(value, decimals=2)
