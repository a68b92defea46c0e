"""What the About box and `cedre-desk-cli about` tell a user who writes for help: the version,
when this copy was built, the Python it runs on, and where the register, its backups and the
logs are (a crash log is the file to send).

The build date is written into the desktop bundle when it is built (installer/cedre-desk.spec
writes `build-info.json` beside this module); a program run from source has none, and says
"development" instead.
"""

from __future__ import annotations

import json
import platform
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cedre_desk import __version__
from cedre_desk.paths import backups_dir, data_dir, log_dir

BUILD_INFO = Path(__file__).resolve().parent / "build-info.json"


def build_date(info: Path = BUILD_INFO) -> datetime | None:
    """When the bundle was built (aware, UTC); None when run from source or unreadable."""
    try:
        built = json.loads(info.read_text(encoding="utf-8"))["built"]
        moment = datetime.fromisoformat(built)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return moment if moment.tzinfo is not None else None


@dataclass(frozen=True)
class AboutFacts:
    version: str
    built: datetime | None  # None: run from source ("development")
    python: str
    system: str
    data: Path
    register: Path | None  # None: a register on a server (PostgreSQL)
    backups: Path | None
    logs: Path

    def built_text(self, lang: str) -> str:
        if self.built is None:
            return "development" if lang == "en" else "développement"
        return f"{self.built:%d/%m/%Y %H:%M} UTC"


def about_facts(register: Path | None) -> AboutFacts:
    return AboutFacts(
        version=__version__,
        built=build_date(),
        python=sys.version.split()[0],
        system=platform.platform(terse=True),
        data=data_dir(),
        register=register,
        backups=backups_dir(register) if register is not None else None,
        logs=log_dir(),
    )
