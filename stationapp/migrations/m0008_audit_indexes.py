"""Version 8: indexes for the audit-trail viewer's filters (by action and by staff member, newest
first), so filtering a long trail does not scan it."""

from __future__ import annotations

import peewee


def apply(db: peewee.Database) -> None:
    db.execute_sql("CREATE INDEX audit_entry_action_at ON audit_entry (action, at)")
    db.execute_sql("CREATE INDEX audit_entry_staff_at ON audit_entry (staff_id, at)")
