"""A book scanned back while another reader stands at the desk: the scan says whose loan it
was (name, phone masked) and who its hold is for."""

from __future__ import annotations

from stationapp.services import library, people


def _person(admin, name: str, phone: str):
    return people.create_person(admin, people.PersonInput(name=name, phone=phone))


def test_the_return_names_the_borrower_and_the_hold(admin) -> None:
    at_desk = _person(admin, "张伟", "13812345678")
    owner = _person(admin, "李娜", "13987654321")
    waiting = _person(admin, "王芳", "13700001111")
    title = library.create_title(admin, library.TitleInput(title="活着"))
    copy = library.add_copy(admin, title.id, library.CopyInput(barcode="B0001"))
    library.lend(admin, copy.id, owner.id)
    library.place_hold(admin, title.id, waiting.id)

    result = library.scan(admin, "B0001", borrower_id=at_desk.id)

    assert result.kind == "returned"
    assert result.other_borrower and result.lent_to.id == owner.id
    assert result.lent_to_label == "李娜 (139****4321)"
    assert result.hold_for.id == waiting.id and result.hold_for_label == "王芳 (137****1111)"
    assert "It was lent to 李娜 (139****4321)." in result.message
    assert "13987654321" not in result.message


def test_the_borrowers_own_return_or_no_borrower_is_not_another(admin) -> None:
    reader = _person(admin, "张伟", "13812345678")
    title = library.create_title(admin, library.TitleInput(title="围城"))
    copy = library.add_copy(admin, title.id, library.CopyInput(barcode="B0002"))
    library.lend(admin, copy.id, reader.id)
    own = library.scan(admin, "B0002", borrower_id=reader.id)
    assert own.kind == "returned" and not own.other_borrower and own.lent_to.id == reader.id
    assert "lent to" not in own.message
    library.lend(admin, copy.id, reader.id)
    alone = library.scan(admin, "B0002", borrower_id=None)
    assert alone.kind == "returned" and not alone.other_borrower
