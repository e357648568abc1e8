from __future__ import annotations

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import database
from stationapp.errors import NotFound

INT64 = range(-(2**63), 2**63)


class IdField(peewee.AutoField):
    """Every table's id. An id no 64-bit column can hold names no record: NotFound, before the
    driver refuses to bind it (foreign keys compare through this field too)."""

    def db_value(self, value: object) -> object:
        if isinstance(value, int) and value not in INT64:
            raise NotFound(
                QCoreApplication.translate("Database", "This record does not exist (any more).")
            )
        return super().db_value(value)


class BaseModel(peewee.Model):
    id = IdField()

    class Meta:
        database = database
        legacy_table_names = False
