"""A demonstration register: invented companies with twenty years of certification history.

`generate_demo` fills an empty register, deterministically from a seed, with member companies
(types, regions and towns in DOMAIN.md's proportions), groups certified together, auditors
and the companies they coached, committee sessions (June and November, from 2005), and each
file's history: engagement, internal and mock audits, certification, follow-ups, renewals,
deferrals and refusals, suspensions (some ending in withdrawal), lapses, late follow-ups, the
CEDRE ISO 9001 scheme, findings against the audited version's requirements and corrective
actions. Every decision obeys the cycle rules: certificate dates come from
`certificate_validity`, and each file is steered towards an ending (certified, follow-up
late, suspended...) that `company_status` then computes back from the written facts.

Speed: at 20,000 companies (about 200,000 audits and 600,000 findings) rows are built as plain
dicts with their primary keys assigned here and written with SQLAlchemy Core bulk inserts in
one transaction, flushed in chunks, parents before children. The change history (`change`
table) is not written: these rows were never typed by anyone.

The modules:

- `generate`: `generate_demo` and `DemoSummary`, the whole register file by file;
- `certification_file`: one file (a company, or a group) as its history is written;
- `names`: the words (regions, towns, invented names, finding texts);
- `companies`, `auditors`: who is in the register, and who coaches and audits whom;
- `cycle_dates`: the committee calendar, due dates and certificate chains;
- `endings`: how each file ends on `today`, and the grant sessions that lead there;
- `histories`, `cycles`: a file's story, from engagement to its last certificate;
- `audits`, `committees`: the audit, finding and decision rows that story writes;
- `catalogue`, `writer`, `proportions`: the referential versions read, the bulk writes,
  and counts spread by weight.

Every random draw comes from the one seeded `random.Random`, in a fixed order: changing the
order of the calls changes the register a seed gives.
"""

from __future__ import annotations

from cedre_desk.services.demo.generate import DemoSummary, generate_demo

__all__ = ["DemoSummary", "generate_demo"]
