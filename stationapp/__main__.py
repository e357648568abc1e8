import sys

from stationapp.app import main

sys.exit(main())
