"""The register's own commands: new, demo, due, check. Each opens the register through the
services, prints, and returns an exit status."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from cedre_desk.cli.arguments import count_argument, date_argument, days_argument, seed_argument
from cedre_desk.cli.output import due_csv, due_json, due_table
from cedre_desk.cli.parser import add_common
from cedre_desk.errors import RegisterError, UserError
from cedre_desk.exports.calendar_events import Period, period_from
from cedre_desk.paths import default_register
from cedre_desk.services import maintenance
from cedre_desk.services.due import CycleService
from cedre_desk.services.register import create_register, open_or_create
from cedre_desk.storage.disk_errors import DamagedRegisterError
from cedre_desk.storage.register_file import discard_new, missing_folders


def _today(args: argparse.Namespace) -> date:
    return args.today or date.today()  # noqa: DTZ011 - the user's local day is the one meant


def _path(args: argparse.Namespace) -> Path | str:
    return args.db or default_register()  # a Path, or a server's URL (cli.parser)


def _shown(path: Path | str) -> Path | str:
    """The register as said: a server's address never with its password."""
    from cedre_desk.storage.server import describe, is_server_url

    return describe(str(path)) if is_server_url(path) else path


def new(args: argparse.Namespace) -> int:
    from cedre_desk.services.importing.new_register import new_register

    path = _path(args)
    new_register(path, roles=args.roles).close()
    path = _shown(path)
    if args.roles:
        _say(args, "Rôles en place : cedre_writers (écrit le registre), cedre_readers (le consulte "
             "seulement). Mettez chaque compte dans l'un d'eux : GRANT cedre_writers TO anne;",
             "Roles in place: cedre_writers (writes the register), cedre_readers (only views it). "
             "Put each account in one of them: GRANT cedre_writers TO anne;")
    _say(args, f"Registre créé, vide : {path}. Pour y importer un classeur : cedre-desk-cli "
         f"import --db \"{path}\" CLASSEUR.xlsx --dry-run, puis sans --dry-run.",
         f"Empty register made: {path}. To import a workbook into it: cedre-desk-cli import "
         f"--db \"{path}\" WORKBOOK.xlsx --dry-run, then without --dry-run.")
    return 0


def _say(args: argparse.Namespace, fr: str, en: str) -> None:
    print(en if args.lang == "en" else fr)


def demo(args: argparse.Namespace) -> int:
    from cedre_desk.services.demo import generate_demo

    path = _path(args)
    made = isinstance(path, Path) and not path.exists()
    folders = missing_folders(path) if made and isinstance(path, Path) else []
    db = create_register(path)
    try:
        summary = generate_demo(db, companies=args.companies, seed=args.seed, today=_today(args))
    except UserError:
        db.close()
        if made and isinstance(path, Path):  # a refused command leaves no file behind
            discard_new(db.path or path, folders)
        raise
    finally:
        db.close()
    fr = f"Registre de démonstration écrit : {_shown(path)} ({summary.companies} structures)."
    en = f"Demo register written: {_shown(path)} ({summary.companies} companies)."
    print(en if args.lang == "en" else fr)
    return 0


def due(args: argparse.Namespace) -> int:
    # Read-only: a listing takes no writer's lock and makes no backup, so it can run while
    # someone works in the window.
    db = open_or_create(_path(args), create=False, read_only=True)
    try:
        rows = CycleService(db).due(_today(args), args.within, period=_period(args))
    finally:
        db.close()
    render = {"table": due_table, "csv": due_csv, "json": due_json}[args.format]
    sys.stdout.write(render(rows, args.lang))
    return 0


def _period(args: argparse.Namespace) -> Period | None:
    """The period of --from/--to (either alone: from today, or for 12 months), or None."""
    if args.start is None and args.end is None:
        return None
    return period_from(args.start, args.end, _today(args))  # refuses a reversed period


def check(args: argparse.Namespace) -> int:
    """The full check (integrity_check and foreign keys), read-only: safe while the register
    is open elsewhere. A damaged register is named with the newest sound backup to restore."""
    path = _path(args)
    lang = args.lang
    if isinstance(path, str):
        raise RegisterError(
            "Un registre partagé est vérifié par son serveur (amcheck, pg_dump) : la "
            "vérification de fichier ne s'y applique pas.",
            "A shared register is checked by its server (amcheck, pg_dump): the file check "
            "does not apply to it.")
    if not path.exists():
        raise RegisterError(f"{path} : aucun registre à cet emplacement.",
                            f"{path}: no register at this path.")
    state, holder = maintenance.lock_state(path)
    if holder is not None and state == "dead":
        fr = (f"La dernière session ({holder.describe('fr')}) ne s'est pas terminée "
              "proprement : vérification complète.")
        en = f"The last session ({holder.describe('en')}) did not end properly: full check."
        print(en if lang == "en" else fr)
    elif holder is not None and state == "old":
        fr = (f"Registre resté ouvert par {holder.describe('fr')}, sans signe de vie depuis "
              "plus de dix minutes (programme arrêté ?).")
        en = (f"Register left open by {holder.describe('en')}, with no sign of life for more "
              "than ten minutes (program stopped?).")
        print(en if lang == "en" else fr)
    elif holder is not None:
        fr = f"Registre ouvert en écriture par {holder.describe('fr')}."
        en = f"Register open for writing by {holder.describe('en')}."
        print(en if lang == "en" else fr)
    report = maintenance.check_register(path)
    if report.sound:
        fr, en = f"{path} : registre sain.", f"{path}: register sound."
        print(en if lang == "en" else fr)
        return 0
    for problem in report.problems[:50]:
        print(problem, file=sys.stderr)
    fr = f"{path} : {len(report.problems)} problème(s) d'intégrité."
    en = f"{path}: {len(report.problems)} integrity problem(s)."
    print(en if lang == "en" else fr, file=sys.stderr)
    newest = maintenance.newest_sound_backup(path)
    if newest is None:
        fr, en = "Aucune sauvegarde saine n'est disponible.", "No sound backup is available."
    else:
        fr = (f"Sauvegarde saine la plus récente : {newest.taken_at:%d/%m/%Y %H:%M}, "
              f"{newest.path}\nPour la remettre en place (le registre actuel est mis de côté, "
              f"jamais effacé) : cedre-desk restore --db \"{path}\" \"{newest.path}\"")
        en = (f"Newest sound backup: {newest.taken_at:%Y-%m-%d %H:%M}, {newest.path}\n"
              "To put it back (the current register is set aside, never deleted): "
              f"cedre-desk restore --db \"{path}\" \"{newest.path}\"")
    print(en if lang == "en" else fr, file=sys.stderr)
    return DamagedRegisterError.exit_status


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("new", help="créer un registre vide / make an empty register")
    add_common(parser)
    parser.add_argument("--roles", action="store_true",
                        help="registre partagé : créer aussi les rôles cedre_writers et "
                             "cedre_readers et leurs droits / shared register: also make the "
                             "cedre_writers and cedre_readers roles and their rights")
    parser.set_defaults(handler=new)

    parser = commands.add_parser("demo", help="écrire un registre de démonstration")
    add_common(parser)
    parser.add_argument("--companies", type=count_argument, default=530, metavar="N")
    parser.add_argument("--seed", type=seed_argument, default=1, metavar="S")
    parser.add_argument("--today", type=date_argument, default=None, metavar="DATE",
                        help="date du jour simulée / simulated today")
    parser.set_defaults(handler=demo)

    parser = commands.add_parser("due", help="ce qui est dû ou en retard / what is due or late")
    add_common(parser)
    parser.add_argument("--today", type=date_argument, default=None, metavar="DATE")
    parser.add_argument("--within", type=days_argument, default=None, metavar="DAYS",
                        help="horizon en jours (défaut : tout) / horizon in days (default: all)")
    parser.add_argument("--from", dest="start", type=date_argument, default=None,
                        metavar="DATE", help="début de la période (avec ce qui est en retard) "
                        "/ start of the period (with what is late)")
    parser.add_argument("--to", dest="end", type=date_argument, default=None, metavar="DATE",
                        help="fin de la période / end of the period")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    parser.set_defaults(handler=due)

    parser = commands.add_parser("check", help="vérifier l'intégrité / check integrity")
    add_common(parser)
    parser.set_defaults(handler=check)
