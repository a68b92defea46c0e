"""The arguments of `cedre-desk` and `cedre-desk-cli` (one parser for both).

Each area of the program keeps its commands in its own module, listed in COMMAND_MODULES:
a module has `register(commands)` that adds its sub-parsers, each with `handler=` set to the
function that runs it.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from cedre_desk import __version__

EXIT_VALUE_REFUSED = 1  # a bad value; argparse's own 2 stays for a misuse of the command

# The modules of cedre_desk.cli that add commands, in the order --help lists them.
COMMAND_MODULES = ("core_commands", "safety_commands", "export_commands", "cap_commands",
                   "copy_commands", "about_command")
# Which module adds each command word: a command builds its own module's parsers only, since
# export_commands alone imports the export and import code (≈1 s of a `due` run's imports).
# A test checks it against what the modules add.
COMMAND_WORDS = {
    "demo": "core_commands", "due": "core_commands", "check": "core_commands",
    "new": "core_commands",
    "backup": "safety_commands", "backups": "safety_commands", "restore": "safety_commands",
    "export": "export_commands", "import": "export_commands", "stats": "export_commands",
    "cap": "cap_commands", "copy": "copy_commands", "about": "about_command",
}


class ValueRefused(argparse.ArgumentTypeError):
    """A command-line value the register cannot hold (a year 0, a billion days, an id beyond
    64 bits, a non-date): refused like any bad input, exit 1, not as a misuse of the command
    (exit 2: an unknown option or command, a missing argument)."""


class CommandLineParser(argparse.ArgumentParser):
    """argparse's parser, except that a value refused by one of cli.arguments' validators
    ends with exit 1 (README's exit statuses) and its French and English message."""

    def error(self, message: str) -> NoReturn:
        if _refused_value(sys.exc_info()[1]):
            self.exit(EXIT_VALUE_REFUSED, f"{self.prog}: {message}\n")
        super().error(message)


def _refused_value(error: BaseException | None) -> bool:
    """argparse turns a validator's ValueRefused into an ArgumentError raised while handling
    it: the refusal is that error's context."""
    while error is not None:
        if isinstance(error, ValueRefused):
            return True
        error = error.__cause__ or error.__context__
    return False


def register_location(text: str) -> Path | str:
    """A register file's path, or a server database's URL kept as written (a Path would fold
    its '//'); storage.server says which URLs it opens."""
    return text if "://" in text else Path(text)


def add_common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """--db and --lang, accepted before or after the command. Below the top level they
    default to SUPPRESS so a value given before the command is not overwritten."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--db", type=register_location, default=default, metavar="PATH",
                        help="registre à ouvrir (fichier ou postgresql://…) / register to open "
                             "(file or postgresql://…) (défaut : registre par défaut)")
    # None when not given: the window then uses the language last chosen, the command line
    # French (cedre_desk.__main__ decides).
    parser.add_argument("--lang", choices=("fr", "en"), default=default,
                        help="langue / language (fr par défaut)")


def build_parser(*, commands: bool = True,
                 modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """The whole parser; with `commands=False`, the top-level options alone (no help
    option either: `--help` must list the commands, so it goes to the whole parser); with
    `modules`, the commands of those modules only."""
    parser = CommandLineParser(
        prog="cedre-desk",
        description="Registre des certifications CEDRE et CEDRE ISO 9001. "
                    "Sans commande : ouvre la fenêtre.",
        add_help=commands, exit_on_error=commands,
    )
    parser.add_argument("--version", action="version", version=f"cedre-desk {__version__}")
    add_common(parser, top=True)
    if not commands:
        return parser
    subparsers = parser.add_subparsers(dest="command", metavar="COMMANDE")
    for name in modules:
        importlib.import_module(f"cedre_desk.cli.{name}").register(subparsers)
    return parser


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The arguments; `command` is None when the window is to open.

    Without a command word only the top-level options are parsed: the command modules import
    the services, their libraries and the export code, and the window's start took ≈0.5 s
    more CPU and ≈40 MB more memory with them. Anything the top-level options do not cover
    (a command, --help, an error to report) goes to the whole parser."""
    try:
        args, rest = build_parser(commands=False).parse_known_args(argv)
    except argparse.ArgumentError:
        rest = ["(reported by the whole parser)"]
    if not rest:
        args.command = None
        return args
    module = COMMAND_WORDS.get(rest[0])
    if module is not None:  # a known command: its module's parsers are enough
        return build_parser(modules=(module,)).parse_args(argv)
    return build_parser().parse_args(argv)
