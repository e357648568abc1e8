"""Start stationapp from a checkout: ``python main.py [--demo] [--database URL] [--lang L]``."""

import sys

from stationapp.app import main

if __name__ == "__main__":
    sys.exit(main())
