"""The register's safety commands: backup, backups (the list), restore."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from cedre_desk.cli.parser import add_common
from cedre_desk.errors import RegisterError
from cedre_desk.paths import default_register
from cedre_desk.services import maintenance
from cedre_desk.storage.restore import describe_newer


def _path(args: argparse.Namespace) -> Path:
    if isinstance(args.db, str):  # a server's URL (cli.parser)
        raise RegisterError(
            "Les sauvegardes d'un registre partagé sont celles de son serveur (pg_dump, voir "
            "docs/shared-register.md) : cedre-desk n'en fait pas.",
            "A shared register's backups are its server's (pg_dump, see "
            "docs/shared-register.md): cedre-desk makes none.")
    return args.db or default_register()


def _say(args: argparse.Namespace, fr: str, en: str) -> None:
    print(en if args.lang == "en" else fr)


def _size(size: int, lang: str) -> str:
    text = f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{size / 1024:.0f} kB"
    return text.replace(".", ",").replace("MB", "Mo").replace("kB", "ko") if lang == "fr" \
        else text


def backup(args: argparse.Namespace) -> int:
    copy = maintenance.backup_now(_path(args), args.output)
    _say(args, f"Sauvegarde vérifiée écrite : {copy}", f"Verified backup written: {copy}")
    return 0


def backups(args: argparse.Namespace) -> int:
    register = _path(args)
    if not register.exists():
        raise RegisterError(f"{register} : aucun registre à cet emplacement.",
                            f"{register}: no register at this path.")
    rows = maintenance.list_backups(register)
    if not rows:
        _say(args, "Aucune sauvegarde.", "No backup.")
        return 0
    for row in rows:
        when = row.taken_at.strftime("%d/%m/%Y %H:%M" if args.lang == "fr" else "%Y-%m-%d %H:%M")
        print(f"{when}  {row.reason_label(args.lang):<20}  {_size(row.size, args.lang):>9}  "
              f"{row.path}")
    return 0


def restore(args: argparse.Namespace) -> int:
    result = maintenance.restore_file(_path(args), Path(args.backup), user=getpass.getuser())
    _say(args, f"Registre restauré depuis {args.backup}.",
         f"Register restored from {args.backup}.")
    if result.kept is not None and result.kept_damaged:
        _say(args, f"Le registre endommagé est mis de côté : {result.kept}",
             f"The damaged register was set aside: {result.kept}")
    elif result.kept is not None:
        _say(args, f"Le registre remplacé est gardé : {result.kept}",
             f"The replaced register is kept: {result.kept}")
    if result.kept is not None and result.newer != ():
        fr, en = describe_newer(result.newer, "fr"), describe_newer(result.newer, "en")
        _say(args, f"Plus récent que la sauvegarde, et gardé là seulement : {fr}.",
             f"Newer than the backup, and kept there only: {en}.")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "backup", help="copie vérifiée du registre / verified copy of the register")
    add_common(parser)
    parser.add_argument("-o", "--output", type=Path, default=None, metavar="FILE",
                        help="fichier de la copie (défaut : dossier des sauvegardes) / "
                             "copy file (default: the backups folder)")
    parser.set_defaults(handler=backup)

    parser = commands.add_parser(
        "backups", help="les sauvegardes du registre / the register's backups")
    add_common(parser)
    parser.set_defaults(handler=backups)

    parser = commands.add_parser(
        "restore", help="remettre une sauvegarde en place / put a backup back in place")
    add_common(parser)
    parser.add_argument("backup", type=Path, metavar="FILE",
                        help="la sauvegarde à restaurer / the backup to restore")
    parser.set_defaults(handler=restore)
