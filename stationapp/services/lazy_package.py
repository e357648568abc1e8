"""A services package whose public names are imported from its modules when first used.

A package's ``__init__`` names its public functions so that callers write ``from
stationapp.services.visits import record_visit`` or ``visits.record_visit(...)`` whichever module
holds it. Importing every module up front would make the first use of any name load them all
(the visit log's Excel export, every model): a window that needs two functions to paint would
wait for the rest. With :func:`lazy_names` the package's ``__getattr__`` (PEP 562) imports the
module holding a name the first time that name is asked for, and keeps it in the package.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping


def lazy_names(
    package: str, modules: Mapping[str, tuple[str, ...]]
) -> tuple[Callable[[str], object], Callable[[], list[str]], list[str]]:
    """``__getattr__``, ``__dir__`` and ``__all__`` for ``package``, whose public names are those
    of ``modules`` (module name within the package -> the names it provides)."""
    where = {name: module for module, names in modules.items() for name in names}

    def get(name: str) -> object:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)  # asked once
        return value

    def names() -> list[str]:
        return sorted({*vars(sys.modules[package]), *where})

    return get, names, sorted(where)
