"""services.private_files: the one way files are written (issue 19, finding 3): 0600 from the
first byte whatever the umask, whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from stationapp.services.private_files import private_output

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def permissive_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "out"
    path.mkdir()
    return path


def test_private_from_the_first_byte_and_after(folder: Path) -> None:
    target = folder / "list.pdf"
    with private_output(target) as partial:
        assert partial.parent == folder and partial != target
        assert _mode(partial) == 0o600  # before the writer has written anything
        with open(partial, "w") as handle:  # a writer opening the path itself keeps the mode
            handle.write("data")
        assert not target.exists()
    assert target.read_text() == "data" and _mode(target) == 0o600
    assert [p.name for p in folder.iterdir()] == ["list.pdf"]


def test_a_failed_write_keeps_the_earlier_file_and_leaves_nothing(folder: Path) -> None:
    target = folder / "roster.xlsx"
    target.write_text("earlier")
    with pytest.raises(RuntimeError), private_output(target) as partial:
        partial.write_text("half")
        raise RuntimeError("cancelled")
    assert target.read_text() == "earlier"
    assert [p.name for p in folder.iterdir()] == ["roster.xlsx"]


def test_a_replaced_file_becomes_private(folder: Path) -> None:
    target = folder / "ledger.xlsx"
    target.write_text("earlier")
    target.chmod(0o644)
    with private_output(target) as partial:
        partial.write_text("new")
    assert target.read_text() == "new" and _mode(target) == 0o600
