"""The visits and people services packages name their public functions, and import the module
holding one when it is first used (issue 22: the register form's first paint does not wait for
the visit log's export or every model)."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("stationapp.services.visits", "stationapp.services.people")


@pytest.mark.parametrize("name", PACKAGES)
def test_importing_the_package_imports_none_of_its_modules(name: str) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys, {name}; print(sorted(m for m in sys.modules if m.startswith('{name}.')))",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("name", PACKAGES)
def test_every_public_name_is_its_modules_own(name: str) -> None:
    package = importlib.import_module(name)
    assert package.__all__ and sorted(package.__all__) == package.__all__
    for public in package.__all__:
        value = getattr(package, public)
        assert value is not None
        assert public in dir(package)
        # What ``from package import name`` gives is the module's own object.
        owner = sys.modules[getattr(value, "__module__", "")] if callable(value) else None
        if owner is not None and owner.__name__.startswith(name + "."):
            assert getattr(owner, public) is value


def test_a_name_no_module_provides_is_an_attribute_error() -> None:
    from stationapp.services import visits

    with pytest.raises(AttributeError, match="no_such_function"):
        visits.no_such_function  # noqa: B018
    with pytest.raises(ImportError):
        exec("from stationapp.services.people import no_such_function", {})


def test_callers_import_from_the_package_as_before() -> None:
    from stationapp.services.people import PersonInput, search_people
    from stationapp.services.people.register import PersonInput as Registered
    from stationapp.services.people.search import search_people as searched
    from stationapp.services.visits import record_visit
    from stationapp.services.visits.registration import record_visit as recorded

    assert (PersonInput, search_people, record_visit) == (Registered, searched, recorded)
