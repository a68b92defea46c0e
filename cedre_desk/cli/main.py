"""Run one command: known refusals become one clear line and an exit status naming their
cause (README.md lists them); bugs a log and exit 3."""

from __future__ import annotations

import argparse
import logging
import sys
import traceback

from cedre_desk.errors import UserError
from cedre_desk.paths import write_log

EXIT_REFUSED = 1
EXIT_BUG = 3


def run(args: argparse.Namespace) -> int:
    try:
        return int(args.handler(args))
    except UserError as exc:
        print(exc.command_line_message(args.lang), file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        return 130
    except Exception:  # a bug: keep the whole story in a log, tell the user where
        path = _write_crash_log()
        fr = f"Erreur interne de cedre-desk. Le détail est dans {path}."
        en = f"Internal error in cedre-desk. Details are in {path}."
        print(en if args.lang == "en" else fr, file=sys.stderr)
        return EXIT_BUG


def _write_crash_log() -> str:
    try:
        return str(write_log("crash", traceback.format_exc()))
    except OSError:
        logging.exception("cedre-desk crashed")
        return "(journal impossible à écrire / log could not be written)"

