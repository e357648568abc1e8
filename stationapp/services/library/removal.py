"""Taking titles and copies out of the catalogue: deactivating, reactivating, and deleting
what has no history."""

from __future__ import annotations

import peewee

from stationapp.db import now, transaction
from stationapp.errors import ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.library import BoxLoan, Copy, Hold, Title
from stationapp.services import changes, history
from stationapp.services.accounts import audit, require
from stationapp.services.library._common import translate
from stationapp.services.writes import writing

OUT_STATUSES: tuple[str, ...] = ("on_loan", "in_box", "on_hold_shelf")


def _in_a_manifest(copy_id: int) -> peewee.Expression:
    """Box loans whose manifest (a JSON list like ``[3, 17, 40]``) holds the copy."""
    manifest = BoxLoan.manifest
    return (
        (manifest == f"[{copy_id}]")
        | manifest.startswith(f"[{copy_id},")
        | manifest.contains(f", {copy_id},")
        | manifest.endswith(f", {copy_id}]")
    )


def copy_history_counts(copy: Copy) -> dict[str, int]:
    """Loans, holds and stocktakes naming the copy, and the boxes it was packed in or lent with."""
    found = history.references(Copy, copy.id)
    boxes = BoxLoan.select().where(_in_a_manifest(copy.id)).count()
    if copy.box_id is not None and not boxes:
        boxes = 1
    if boxes:
        found["box"] = boxes
    return found


def title_history_counts(title_id: int) -> dict[str, int]:
    """The title's holds and the history of its copies; the copies themselves do not count."""
    return history.merge(
        history.references(Title, title_id, owned=(Copy,)),
        *(copy_history_counts(c) for c in Copy.select().where(Copy.title == title_id)),
    )


def _title_not_found() -> str:
    return translate("Library", "This title is no longer in the catalogue.")


def deactivate_title(actor: Staff, title_id: int) -> Title:
    """Take a title out of the catalogue: it no longer shows in searches, its copies on the shelf
    are withdrawn. Refused while a copy is out or someone is waiting for it."""
    require(actor, "library.deactivate")
    with transaction(lock=True):
        title = history.locked(Title, title_id, _title_not_found())
        if not title.active:
            return title
        out = Copy.select().where(Copy.title == title.id, Copy.status.in_(OUT_STATUSES)).count()
        if out:
            raise ValidationError(
                translate(
                    "Library",
                    "%n copy(ies) of this title are out (on loan, in a box or on the hold "
                    "shelf): take them back first.",
                    "",
                    out,
                )
            )
        holds = (
            Hold.select()
            .where(Hold.title == title.id, Hold.state.in_(["waiting", "ready"]))
            .count()
        )
        if holds:
            raise ValidationError(
                translate(
                    "Library",
                    "%n reservation(s) wait for this title: cancel them first.",
                    "",
                    holds,
                )
            )
        shelved = [
            c.barcode
            for c in Copy.select(Copy.barcode).where(
                Copy.title == title.id, Copy.status == "available"
            )
        ]
        Copy.update(status="withdrawn").where(
            Copy.title == title.id, Copy.status == "available"
        ).execute()
        title.active = False
        title.updated_at = now()
        title.save()
        audit(actor, "deactivate", "title", title.id, {"title": title.title, "withdrawn": shelved})
    changes.notify("title")
    changes.notify("copy")
    return title


def reactivate_title(actor: Staff, title_id: int) -> Title:
    """Put the title back in the catalogue; its withdrawn copies stay withdrawn until the
    librarian puts each back on the shelf."""
    require(actor, "library.deactivate")
    with transaction(lock=True):
        title = history.locked(Title, title_id, _title_not_found())
        if title.active:
            return title
        title.active = True
        title.updated_at = now()
        title.save()
        audit(actor, "reactivate", "title", title.id, {"title": title.title})
    changes.notify("title")
    return title


def _copy_snapshot(copy: Copy) -> dict[str, object]:
    return {
        "barcode": copy.barcode,
        "title": copy.title_id,
        "accession_number": copy.accession_number,
        "price": copy.price,
        "location": copy.location,
        "status": copy.status,
    }


def delete_title(actor: Staff, title_id: int) -> None:
    """Delete a title entered by mistake, with its copies; only when no copy was ever lent,
    boxed or counted in a stocktake and nobody reserved it."""
    require(actor, "library.delete")
    with transaction(lock=True):
        title = history.locked(Title, title_id, _title_not_found())
        found = title_history_counts(title.id)
        if found:
            raise history.refuse(
                translate(
                    "Library",
                    "“{title}” has history ({history}), so it cannot be deleted; deactivate it "
                    "instead.",
                ),
                found,
                title=title.title,
            )
        copies = list(Copy.select().where(Copy.title == title.id).order_by(Copy.barcode))
        for copy in copies:
            audit(actor, "delete", "copy", copy.id, _copy_snapshot(copy))
        Copy.delete().where(Copy.title == title.id).execute()
        snapshot = {
            "title": title.title,
            "author": title.author,
            "isbn": title.isbn,
            "publisher": title.publisher,
            "year": title.year,
            "classification": title.classification,
            "item_type": title.item_type,
            "active": title.active,
            "copies": [c.barcode for c in copies],
        }
        title.delete_instance()
        audit(actor, "delete", "title", title_id, snapshot)
    changes.notify("title")
    changes.notify("copy")


def delete_copy(actor: Staff, copy_id: int) -> None:
    """Delete a copy added by mistake; one that was ever lent, boxed, reserved or counted in a
    stocktake is withdrawn instead."""
    with writing(actor, "library.delete", notify="copy", lock=True):
        copy = history.locked(Copy, copy_id, translate("Library", "This copy does not exist."))
        found = copy_history_counts(copy)
        if found:
            raise history.refuse(
                translate(
                    "Library",
                    "Copy {code} has history ({history}), so it cannot be deleted; withdraw it "
                    "instead.",
                ),
                found,
                code=copy.barcode,
            )
        snapshot = _copy_snapshot(copy)
        copy.delete_instance()
        audit(actor, "delete", "copy", copy_id, snapshot)
