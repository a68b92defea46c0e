"""`python -m cedre_desk`, `cedre-desk` and `cedre-desk-cli`: a command runs without Qt;
no command opens the window."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from cedre_desk.cli.parser import parse_arguments


def main(argv: Sequence[str] | None = None) -> int:
    # Without `argv` this process is the program run for this one command line (the console
    # scripts, python -m); a caller passing `argv` (the tests) keeps its collector as it is.
    with _imports_outside_collector(argv is None):
        args = parse_arguments(argv)
        if args.command is None:
            from cedre_desk.ui.app import run_window  # Qt is loaded only for the window
        else:
            from cedre_desk.cli.main import run
    if args.command is None:
        return run_window(args.db, args.lang)
    args.lang = args.lang or "fr"
    return run(args)


@contextmanager
def _imports_outside_collector(whole_process: bool) -> Iterator[None]:
    """The libraries a command or the window imports (Qt's bindings, SQLAlchemy, SQLModel,
    the 20 tables: over 100,000 objects the cycle collector tracks) live as long as the
    process. Collecting while they are made finds nothing, and every later full pass walked
    them all again (0.2-0.3 s of the 1.3 s of CPU of `cedre-desk-cli due` at 20,000
    companies; docs/performance.md): the collector is paused during the imports, and what
    they made is frozen out of later passes. What the program makes after is collected as
    before."""
    if not whole_process:
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
    gc.freeze()


if __name__ == "__main__":
    sys.exit(main())
