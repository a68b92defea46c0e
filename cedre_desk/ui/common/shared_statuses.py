"""One computation of the cycle statuses, shared by the views that read them.

The dashboard and the companies list both need every company's status on `today`; at 20,000
companies that is seconds of cycle rules. The first reader computes it (on its worker
thread), a second reader running meanwhile waits for that result instead of computing it
again, and any change to the register (`invalidate`, called on the GUI thread, never
blocking) makes the next reader compute afresh.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import date

from cedre_desk.audits.cycle import CycleStatus
from cedre_desk.services.due import CycleService
from cedre_desk.storage.database import Database


class SharedStatuses:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation = 0
        self._key: tuple[date, int] | None = None
        self._statuses: Mapping[int, CycleStatus] = {}
        self.computed = 0  # how many times the statuses were computed (tests, measures)

    def invalidate(self) -> None:
        self._generation += 1

    def statuses(self, db: Database, today: date) -> Mapping[int, CycleStatus]:
        key = (today, self._generation)
        with self._lock:
            if self._key != key:
                self._statuses = CycleService(db).statuses(today)
                self._key = key
                self.computed += 1
            return self._statuses
