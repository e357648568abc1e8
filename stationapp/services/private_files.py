"""The one way the program writes a file: readable by its owner only, whole or not at all.

Every file stationapp writes holds personal data (exports, rosters, case documents, labels,
reports), so each is written to a temporary file created 0600 beside the target and renamed
over it at the end: another account on the desk never sees it, not even while it is written,
whatever the umask; a failed or cancelled write leaves the earlier file as it was and nothing
half-written. Qt's writers (QPdfWriter, a printer printing to a file) open the temporary file
that already exists and keep its mode.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from stationapp import config

PRIVATE_MODE = 0o600


def make_private(path: Path) -> None:
    """Readable and writable by the owner only (POSIX). A no-op on Windows, where os.chmod
    only sets or clears the read-only attribute and the access lists of the user's folders
    keep the file private."""
    if config.is_windows():
        return
    with contextlib.suppress(OSError):
        os.chmod(path, PRIVATE_MODE)


def new_partial(path: Path, *, suffix: str = ".part") -> Path:
    """A new, empty, 0600 temporary file in the folder of ``path`` (same file system, so the
    final rename is atomic). ``mkstemp`` creates it exclusively: no earlier file or link of
    another user's making is reused."""
    path = Path(path)
    fd, name = tempfile.mkstemp(prefix=f"{path.name}.", suffix=suffix, dir=path.parent)
    os.close(fd)
    partial = Path(name)
    make_private(partial)  # mkstemp already uses 0600; said again for clarity on odd systems
    return partial


def commit(partial: Path, path: Path) -> Path:
    """Put the finished ``partial`` in place of ``path``, still 0600."""
    make_private(partial)
    os.replace(partial, path)
    return Path(path)


@contextlib.contextmanager
def private_output(path: Path) -> Iterator[Path]:
    """Write to the yielded temporary path; it becomes ``path`` when the block ends normally
    and is removed when it raises.

    >>> with private_output(target) as partial:
    ...     workbook.save(partial)
    """
    path = Path(path)
    partial = new_partial(path)
    try:
        yield partial
        commit(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def prepare_output_file(path: Path) -> None:
    """Before a writer that opens ``path`` itself (a printer printing to a file chosen in Qt's
    print dialog): make sure the file exists and is 0600, so the writer truncates a private file
    instead of creating one with the umask's mode."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_MODE)
    except OSError:
        return  # the writer reports the failure itself
    os.close(fd)
    make_private(path)
