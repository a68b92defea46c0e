"""A new demonstration register file, whole or not at all: the window's "Registre de
démonstration…" writes one while the user watches its progress, and may cancel. A refused,
failed or cancelled generation leaves neither the file nor the folders made for it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cedre_desk.errors import UserError
from cedre_desk.services.demo.generate import DemoSummary, Progress, generate_demo
from cedre_desk.services.register import create_register
from cedre_desk.storage.register_file import discard_new, missing_folders


def write_demo_register(path: Path, *, today: date, companies: int = 530, seed: int = 1,
                        progress: Progress | None = None) -> DemoSummary:
    """Create the register `path` and write the demonstration data into it (`progress` is
    told each step; raising in it cancels). An existing path is refused: a demonstration
    never replaces a file."""
    if companies < 1:  # before anything is made on disk
        raise UserError("Le nombre de structures doit être d'au moins 1.",
                        "The number of companies must be at least 1.", field="companies")
    if path.exists():
        raise UserError(
            f"{path} existe déjà : un registre de démonstration ne remplace jamais un fichier.",
            f"{path} already exists: a demonstration register never replaces a file.")
    made = missing_folders(path)
    db = create_register(path)
    try:
        summary = generate_demo(db, companies=companies, seed=seed, today=today,
                                progress=progress)
    except BaseException:
        db.close()
        discard_new(db.path or path, made)
        raise
    db.close()
    return summary
