"""``python -m kalima``: see kalima.cli."""

import sys

from kalima.cli import main

sys.exit(main())
