"""``python -m unvotes.cli``: the same as the ``unvotes`` command."""

import sys

from unvotes.cli import main

sys.exit(main())
