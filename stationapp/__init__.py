"""stationapp: the desktop application of a street trade-union service station."""

__version__ = "0.1.0"
