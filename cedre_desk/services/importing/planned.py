"""What an import plans, on its way to the register: the rows to write, written a chunk at a
time as they are planned (`Plan`), and what is kept of each audit once its row is written
(`AuditFacts`), so that a 20,000-company register is never held whole as rows (issue 16).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cedre_desk.imports.workbook_records import Problem, Source

# Rows planned before they are written: the rows of a 20,000-company register are never
# held all at once (issue 16), and each insert still carries thousands of rows.
FLUSH_ROWS = 5_000


@dataclass
class Plan:
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    history: list[tuple[str, str, Source]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # imported, but worth a look
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    # Writes `rows` and `history` (the service, inside its one transaction); None for a dry
    # run or a workbook already refused: the rows are then counted, never kept.
    write: Callable[[Plan], None] | None = None
    waiting: int = 0

    def add(self, table: str, row: dict[str, Any], source: Source | None, record: str = ""
            ) -> None:
        self.rows[table].append(row)
        if source is not None:
            self.history.append((table, record or str(row["id"]), source))
        self.waiting += 1
        if self.waiting >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        """Write the rows waiting, or drop them once a row is refused: the transaction is
        then rolled back and nothing more is written."""
        if self.write is not None and not self.problems:
            self.write(self)
        for rows in self.rows.values():
            rows.clear()
        self.history.clear()
        self.waiting = 0


@dataclass(frozen=True, slots=True)
class AuditFacts:
    """What the rows after it need of an audit planned, once its row is written and dropped
    (200,000 audits in a 20,000-company register): a finding its dates and versions, a
    decision its file, kind, status and dates. Read as its row is: `facts["start_on"]`."""

    company_id: int | None
    group_id: int | None
    kind: Any
    status: Any
    planned_on: date | None
    start_on: date | None
    end_on: date | None
    version_id: int | None
    iso_version_id: int | None

    @classmethod
    def of(cls, row: dict[str, Any]) -> AuditFacts:
        return cls(row["company_id"], row["group_id"], row["kind"], row["status"],
                   row["planned_on"], row["start_on"], row["end_on"], row["version_id"],
                   row["iso_version_id"])

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)
