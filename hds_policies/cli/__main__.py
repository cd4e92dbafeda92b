"""`python -m hds_policies.cli`: the `hds-policies` command."""

import sys

from .app import main

sys.exit(main())
