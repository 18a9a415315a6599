"""Office ↔ unit exchange: kits, signed submissions, safe import, review, return notes and freezes.

The flow (design.md, "Exchange packages"):

1. the office issues a kit per unit (``issue_kit``): the unit's indicators and demands, a frozen copy of
   the catalog, the project id, a deadline, the unit's secret key and a printable task list;
2. the clerk makes a unit workspace from it (``init_from_kit``): same project id, role ``unit``, only
   that unit's indicators (``app.evidence.scope``);
3. the clerk sends a submission (``submit``): every active evidence file of the unit with its facts,
   signed with the unit's key (HMAC-SHA256 of the exact manifest bytes);
4. the office imports it (``import_package``): everything is checked before anything is written
   (signature, ids, scope, member names, sizes, hashes, every file through ``inspect_file``), then one
   transaction writes it; a resubmission supersedes the unit's earlier submitted evidence;
5. the office reviews per indicator and unit (``review``) and sends a return note
   (``issue_returns``) that the unit imports (``import_package`` in the unit workspace);
6. the office freezes what the county submitted (``freeze``, ``verify_freeze``).

Key policy: one secret per unit. Reissuing a kit keeps the secret (a new kit id, same key), so packages
made from any earlier kit of the unit still verify. ``new_key=True`` makes a new secret and revokes every
earlier kit of the unit: packages made from them are refused (任务包已作废) and the unit must start
from the new kit (``fazhi import`` of the new kit into the existing workspace updates it).

A submission is the unit's complete current evidence set: on import, evidence the unit sent earlier
and no longer sends is superseded (kept in history); evidence the office attached itself is untouched.

Modules: ``package`` (the ZIP format, read and written safely), ``kits``, ``tasklist`` (the printable task
list), ``submit``, ``importing`` (all checks first) and ``receive`` (the one write transaction), ``returns``;
reviews live in ``app.assessment.reviews``, freezes in ``app.integrity.freeze``.
"""
