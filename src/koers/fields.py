"""Model fields shared by apps."""

import secrets

from django.db import models


def random_id() -> int:
    return secrets.randbits(63)


class RandomIdField(models.BigIntegerField):
    """A primary key drawn at random, so neither the key nor the row's place follows the order
    in which rows came in. On SQLite the column is declared INTEGER, which makes it the rowid
    itself: a table's hidden rowid would otherwise count up in insertion order."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", random_id)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def db_type(self, connection):
        return "integer" if connection.vendor == "sqlite" else super().db_type(connection)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("default", None)
        kwargs.pop("editable", None)
        return name, path, args, kwargs
