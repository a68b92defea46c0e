"""The table classes' pydantic side is built only when asked for (storage/columns.py,
`RegisterTable`): defining the tables is paid at every start of the window and every
command, and the program never validates nor dumps a table class through pydantic."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

DEFINED = """
import json
from cedre_desk.storage import models
from cedre_desk.storage.columns import RegisterTable
tables = [cls for cls in RegisterTable.__subclasses__()]
print(json.dumps({"tables": sorted(cls.__tablename__ for cls in tables),
                  "built": sorted(cls.__name__ for cls in tables if cls.__pydantic_complete__),
                  "in_metadata": sorted(models.metadata.tables)}))
"""


def test_defining_the_tables_builds_no_pydantic_validator():
    done = subprocess.run([sys.executable, "-c", DEFINED], capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["built"] == []
    # Every table of the register is such a class (Le Cap's too).
    assert shown["tables"] == shown["in_metadata"] and len(shown["tables"]) >= 20


def test_asked_for_the_pydantic_side_is_built_then():
    from cedre_desk.storage.models import Company, ReferentialVersion

    company = Company(name="EMS", town="Lyon")
    assert company.model_dump()["name"] == "EMS"
    version = ReferentialVersion.model_validate(
        {"referential_id": 1, "label": "V3", "adopted_on": "2020-01-01"})
    assert version.adopted_on == date(2020, 1, 1)
    assert Company.__pydantic_complete__ and ReferentialVersion.__pydantic_complete__
