"""The findings of an audit written at Save, after the audit itself: those removed, then
those changed and added, each one service call. A refusal stops there, the input kept: a
finding's rule broken is shown at that finding; anything else opens it and is said above."""

from __future__ import annotations

from collections.abc import Callable

from cedre_desk.errors import UserError, ValidationError
from cedre_desk.services.audits import AuditService
from cedre_desk.ui.audits.findings import FindingsPanel


def write_findings(audits: AuditService, audit_id: int, panel: FindingsPanel,
                   say: Callable[[UserError], None]) -> bool:
    """True once every change of `panel` is written; False, `say` told why if need be."""
    try:
        for finding_id in panel.deleted_ids():
            audits.delete_finding(finding_id)
    except UserError as error:
        say(error)
        return False
    panel.forget_deleted()
    for number, draft in enumerate(panel.drafts()):
        if not draft.changed:
            continue
        try:
            if draft.id is None:
                panel.mark_saved(number, audits.add_finding(audit_id, draft.to_input()), 1)
            else:
                panel.mark_saved(number, draft.id, audits.update_finding(
                    draft.id, draft.to_input(), draft.version))
        except ValidationError as error:
            panel.show_error(number, error)
            return False
        except UserError as error:
            panel.edit(number)
            say(error)
            return False
    return True
