from __future__ import annotations

import peewee

from stationapp.db import database


class BaseModel(peewee.Model):
    class Meta:
        database = database
        legacy_table_names = False
