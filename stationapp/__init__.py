"""stationapp: the desktop application of a street trade-union service station."""

from stationapp import _qtfix

__version__ = "0.1.0"

_qtfix.install()
