"""`python -m cedre_desk`, `cedre-desk` and `cedre-desk-cli`: a command runs without Qt;
no command opens the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from cedre_desk.cli.parser import parse_arguments


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    if args.command is None:
        from cedre_desk.ui.app import run_window  # Qt is loaded only for the window

        return run_window(args.db, args.lang)
    from cedre_desk.cli.main import run

    args.lang = args.lang or "fr"
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
