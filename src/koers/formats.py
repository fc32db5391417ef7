"""Dates, numbers and amounts in the user's language, from Django's locale formats, so every
page, chart and PDF writes them alike: long dates in text ("15 mei 2026"), one short form in
tables ("15-5-2026"), no needless decimals, and the unit named."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, ngettext


def day(value: datetime.date) -> str:
    return date_format(value, "DATE_FORMAT")


def short_day(value: datetime.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def day_and_month(value: datetime.date) -> str:
    return date_format(value, "MONTH_DAY_FORMAT")


def month(value: datetime.date) -> str:
    return date_format(value, "YEAR_MONTH_FORMAT")


def short_month(value: datetime.date) -> str:
    """ "okt 2026" for an axis: Dutch writes the abbreviation in lower case ("b"), English
    capitalises it ("M")."""
    return date_format(value, "b Y" if get_language().startswith("nl") else "M Y")


def number(value: float | Decimal, decimals: int = 1) -> str:
    """At most `decimals` decimals, none when the value is whole: 35 and 35,5, never 35,00."""
    rounded = round(Decimal(str(value)), decimals)
    places = 0 if rounded == rounded.to_integral_value() else decimals
    return number_format(rounded, decimal_pos=places, force_grouping=True)


def hours(value: float | Decimal) -> str:
    text = number(value)
    return ngettext("%(n)s hour", "%(n)s hours", 1 if Decimal(str(value)) == 1 else 2) % {"n": text}


def euro(value: float | Decimal) -> str:
    return "€ " + number_format(round(Decimal(str(value))), decimal_pos=0, force_grouping=True)
