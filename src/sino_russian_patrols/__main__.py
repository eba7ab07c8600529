"""`python -m sino_russian_patrols`: the same command as `sino-russian-patrols`."""

import sys

from .cli import main

sys.exit(main())
