"""`copy`: a whole register from a file to a server or back, verified (services.register_copy).

    cedre-desk-cli copy --from registre.sqlite --to postgresql://anne@serveur/registre
    cedre-desk-cli copy --from postgresql://anne@serveur/registre --to copie.sqlite
"""

from __future__ import annotations

import argparse

from cedre_desk.cli.parser import add_common, register_location
from cedre_desk.services.register_copy import copy_register


def copy(args: argparse.Namespace) -> int:
    checks = copy_register(args.source, args.target)
    rows = sum(check.rows for check in checks)
    fr = (f"Registre copié et vérifié : {len(checks)} tables, {rows} lignes, nombre de lignes "
          "et contenu identiques des deux côtés.")
    en = (f"Register copied and verified: {len(checks)} tables, {rows} rows, row counts and "
          "content equal on both sides.")
    print(en if args.lang == "en" else fr)
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "copy", help="copier un registre entre un fichier et un serveur / copy a register "
                     "between a file and a server")
    add_common(parser)
    parser.add_argument("--from", dest="source", type=register_location, required=True,
                        metavar="SOURCE", help="fichier ou postgresql://… / file or "
                                               "postgresql://…")
    parser.add_argument("--to", dest="target", type=register_location, required=True,
                        metavar="CIBLE", help="nouveau fichier ou base vide / new file or "
                                              "empty database")
    parser.set_defaults(handler=copy)
