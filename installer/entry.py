"""The bundle's entry point: both executables, the window (cedre-desk) and its console twin
(cedre-desk-cli), start here, as `python -m cedre_desk` does."""

import os
import sys

# On Windows the window's executable has no console: sys.stdout and sys.stderr are None there,
# and a print (a command given to it by mistake, a library's warning) must not crash it.
for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: PTH123, SIM115

from cedre_desk.__main__ import main  # noqa: E402

sys.exit(main())
