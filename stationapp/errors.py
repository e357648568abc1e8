"""The two kinds of error (DESIGN.md rule 4).

Expected errors derive from :class:`UserError`: they carry a message for the user and, where it
applies, the name of the form field at fault, so the UI can show the message beside that field and
keep whatever the user typed. Anything else that escapes a service is a bug.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class UserError(Exception):
    """An expected failure whose message is meant for the user (already translated)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationError(UserError):
    """Input that cannot be accepted; ``field`` names the offending field.

    A form with several bad fields raises one error whose ``errors`` maps each field to its
    message, so the user sees every problem at once.
    """

    def __init__(
        self, message: str, *, field: str | None = None, errors: dict[str, str] | None = None
    ) -> None:
        super().__init__(message, field=field)
        self.errors = dict(errors) if errors else ({field: message} if field else {})


def raise_field_errors(errors: dict[str, str]) -> None:
    """Raise one ValidationError for a form's problems, field by field (the first leads, so a
    form shows all of them at once); nothing when there are none."""
    if errors:
        raise ValidationError(next(iter(errors.values())), field=next(iter(errors)), errors=errors)


def every_error(*checks: Callable[[], Any]) -> list[Any]:
    """Run every check and return their results in order; when any fails, raise one
    ValidationError carrying every field's message, so a form shows all its problems at once."""
    errors: dict[str, str] = {}
    results: list[Any] = []
    for check in checks:
        try:
            results.append(check())
        except ValidationError as exc:
            errors.update(exc.errors)
            results.append(None)
    if errors:
        raise ValidationError(next(iter(errors.values())), errors=errors)
    return results


class PermissionDenied(UserError):
    """The acting staff member's roles do not allow the action."""


class NotFound(UserError):
    """The record asked for does not exist (or is not visible to the actor)."""


class DuplicateFound(UserError):
    """Saving would create a second record for something already on file.

    ``existing`` holds the records found so the UI can offer them instead.
    """

    def __init__(self, message: str, *, field: str | None = None, existing: list[Any]) -> None:
        super().__init__(message, field=field)
        self.existing = existing


class AuthenticationFailed(UserError):
    """Wrong user name or password, or a locked or inactive account."""


class DatabaseBusy(UserError):
    """The database stayed locked by another program beyond the busy timeout; retrying may work."""


class DatabaseUnavailable(UserError):
    """The database cannot be written or reached (read-only, disk full, server gone)."""


class SchemaTooNew(UserError):
    """The database was written by a newer version of the program; it is left untouched."""


class HasHistory(ValidationError):
    """Deleting is refused because other records refer to this one.

    ``history`` counts them by kind (as services.history.references returns them), so the UI can
    say what is on record and offer to deactivate the record instead.
    """

    def __init__(self, message: str, *, history: dict[str, int]) -> None:
        super().__init__(message)
        self.history = dict(history)
