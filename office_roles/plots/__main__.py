"""``python -m office_roles.plots [--check] [--out DIR]``: write (or check) every registered figure."""

import sys

from .files import main

sys.exit(main())
