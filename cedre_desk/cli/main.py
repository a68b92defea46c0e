"""Run one command: known refusals become one clear line and exit 1; bugs a log and exit 3."""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from datetime import datetime

from cedre_desk.errors import UserError
from cedre_desk.paths import log_dir

EXIT_REFUSED = 1
EXIT_BUG = 3


def run(args: argparse.Namespace) -> int:
    try:
        return int(args.handler(args))
    except UserError as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return EXIT_REFUSED
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
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S}.log"  # noqa: DTZ005
        path.write_text(traceback.format_exc(), encoding="utf-8")
        return str(path)
    except OSError:
        logging.exception("cedre-desk crashed")
        return "(journal impossible à écrire / log could not be written)"
