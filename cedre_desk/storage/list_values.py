"""The type of a column holding one value of a list (a status, a kind, a level)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from cedre_desk.errors import UnknownValueError, shown


class ListValue(sa.Enum):
    """sa.Enum whose reading of a value outside its list (one this program never wrote: a
    flipped byte turning 'closed' into 'clo)ed') is a refusal naming it, never a crash of the
    export or the list that met it. `cedre-desk check` finds every such row."""

    def _object_value_for_elem(self, elem: Any) -> Any:
        try:
            return super()._object_value_for_elem(elem)
        except LookupError as exc:
            value = shown(repr(elem), 60)
            raise UnknownValueError(
                f"Le registre contient une valeur que cedre-desk n'écrit jamais ({value}, "
                f"{self.name}) : la vérification (cedre-desk check, ou Outils > Vérifier le "
                "registre) dit où. Rien n'a été écrit.",
                f"The register holds a value cedre-desk never writes ({value}, {self.name}): "
                "the check (cedre-desk check, or Tools > Check the register) says where. "
                "Nothing was written.") from exc
