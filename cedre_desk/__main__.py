"""`python -m cedre_desk`, `cedre-desk` and `cedre-desk-cli`: a command runs without Qt;
no command opens the window."""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

from cedre_desk.cli.parser import parse_arguments


def main(argv: Sequence[str] | None = None) -> int:
    # Without `argv` this process is the program run for this one command line (the console
    # scripts, python -m); a caller passing `argv` (the tests) keeps its collector as it is.
    whole_process = argv is None
    if whole_process:
        # A command's parser imports its libraries (SQLAlchemy, SQLModel, the 20 tables):
        # over 100,000 objects the collector tracks, which live as long as the process.
        # Collecting cycles among them while they are made finds nothing.
        gc.disable()
    try:
        args = parse_arguments(argv)
    finally:
        if whole_process:
            gc.enable()
    if args.command is None:
        from cedre_desk.ui.app import run_window  # Qt is loaded only for the window

        return run_window(args.db, args.lang)
    if whole_process:
        # The process ends with the command: the objects imported so far are left out of
        # every later collection (each full pass walked them all again, and once more at
        # exit: with the pause above, 0.2-0.3 s of the 1.3 s of CPU of `cedre-desk-cli due`
        # at 20,000 companies). What the command makes is collected as before.
        gc.freeze()
    from cedre_desk.cli.main import run

    args.lang = args.lang or "fr"
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
