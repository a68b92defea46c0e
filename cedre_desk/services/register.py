"""Opening and creating registers: the storage door plus what a new register must hold.

A new register is seeded with the referential catalogue shipped in resources/ (structure
only: the requirement text belongs to the federation and is loaded from its sheet).
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from cedre_desk.storage.database import Database
from cedre_desk.storage.models import (
    Referential,
    ReferentialVersion,
    Requirement,
    RequirementMapping,
)
from cedre_desk.storage.opening import open_register
from cedre_desk.storage.server import is_server_url, open_server


def create_register(path: Path | str, *, user: str | None = None) -> Database:
    """Create a register at `path` and seed its catalogue; an existing register is opened
    (and given any catalogue version it lacks), never overwritten. `path` may be a server
    database's URL (storage.server)."""
    if is_server_url(path):
        db = open_server(str(path), create=True, user=user)
    elif Path(path).exists():
        db = open_register(path, user=user)
    else:
        db = open_register(path, create=True, user=user)
    ensure_catalogue(db)
    return db


def open_or_create(path: Path | str, *, create: bool, read_only: bool = False,
                   user: str | None = None, check_later: bool = False) -> Database:
    if is_server_url(path):
        if create:
            return create_register(path, user=user)
        return open_server(str(path), read_only=read_only, user=user)
    if create and not Path(path).exists():
        return create_register(path, user=user)
    return open_register(path, read_only=read_only, user=user, check_later=check_later)


def ensure_catalogue(db: Database) -> None:
    """Add the shipped referential versions the register does not hold yet (never overwrite)."""
    with db.transaction() as session:
        _seed(session)


def _seed(session: Session) -> None:
    # The catalogue's reader only here: opening a register (the window's start) needs none.
    from cedre_desk.imports.catalogue import load_catalogue, load_mappings

    referentials = {r.code: r for r in session.scalars(sa.select(Referential))}
    known = {
        (ref_code, label)
        for ref_code, label in session.execute(
            sa.select(Referential.code, ReferentialVersion.label).join(
                ReferentialVersion, ReferentialVersion.referential_id == Referential.id
            )
        )
    }
    codes: dict[tuple[str, str], dict[str, int]] = {}
    for entry in load_catalogue():
        key = (entry.referential, entry.version)
        if key in known:
            continue
        referential = referentials.get(entry.referential)
        if referential is None:
            referential = Referential(code=entry.referential, title=entry.referential)
            session.add(referential)
            session.flush()
            referentials[entry.referential] = referential
        assert referential.id is not None
        version = ReferentialVersion(
            referential_id=referential.id, label=entry.version, title=entry.title,
            adopted_on=entry.adopted_on, source=entry.source, official_text=entry.official_text,
        )
        session.add(version)
        session.flush()
        assert version.id is not None
        ids: dict[str, int] = {}
        for c_pos, chapter in enumerate(entry.chapters):
            node = Requirement(version_id=version.id, code=chapter.code, title=chapter.title,
                               title_en=chapter.title_en, position=c_pos)
            session.add(node)
            session.flush()
            assert node.id is not None
            ids[chapter.code] = node.id
            for r_pos, req in enumerate(chapter.requirements):
                child = Requirement(version_id=version.id, parent_id=node.id, code=req.code,
                                    title=req.title, title_en=req.title_en, text=req.text,
                                    position=r_pos)
                session.add(child)
                session.flush()
                assert child.id is not None
                ids[req.code] = child.id
        codes[key] = ids
    for mapping in load_mappings():
        source, target = codes.get(mapping.from_key), codes.get(mapping.to_key)
        if source is None or target is None:
            continue  # one side was already there: mappings were seeded with it
        for a, b in mapping.pairs:
            session.add(RequirementMapping(from_id=source[a], to_id=target[b]))
