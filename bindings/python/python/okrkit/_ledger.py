"""``okrkit.Ledger``: the native ledger plus one helper per action.

Each helper builds the action's dict — the same form as in the ledger's JSON
Lines — and calls :meth:`Ledger.append`; the rules are the core's. ``at`` is a
``datetime`` (naive = UTC), a ``date`` or RFC 3339 text; ``actor`` is
``(person, team)``, ``{"person": ..., "team": ...}`` or an :class:`Actor`.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable, Mapping, NamedTuple, Optional, Sequence, Tuple, Union

from okrkit._okrkit import Ledger as _NativeLedger

__all__ = ["Actor", "Ledger", "When", "ActorLike"]


class Actor(NamedTuple):
    """A person acting on behalf of a team (the host product says who)."""

    person: str
    team: str


When = Union[_dt.datetime, _dt.date, str]
ActorLike = Union[Actor, Tuple[str, str], Mapping[str, str]]


def _opt(d: dict[str, Any], **kw: Any) -> dict[str, Any]:
    for k, v in kw.items():
        if v is not None:
            d[k] = v
    return d


class Ledger(_NativeLedger):
    """An append-only, hash-chained ledger of OKR changes (R4, R8).

    Every helper returns the recorded entry as a dict (its ``"id"`` is what
    ``accept``/``decline``/... take as ``proposal``). A refused action raises
    :class:`okrkit.LedgerRefused` and changes nothing.
    """

    # -- setup -----------------------------------------------------------
    def import_document(
        self,
        at: When,
        actor: ActorLike,
        document: Any,
        agreed: Iterable[Mapping[str, Any]] = (),
        roles: Optional[Mapping[str, Any]] = None,
    ) -> dict[str, Any]:
        """Starts the ledger from a base document (dict, ``Document``, ``Org``);
        the importing person is an admin. ``agreed`` lists sets already agreed:
        ``{"team", "cycle", "agreed_by", "approver"?}``; ``roles`` is
        ``{"members": [{"team", "person"}], "admins"?, "keys"?, "signed"?}``."""
        if hasattr(document, "to_dict"):
            document = document.to_dict()
        action = _opt({"type": "import", "document": document}, agreed=list(agreed) or None)
        return self.append(at, actor, _opt(action, roles=dict(roles) if roles else None))

    # -- roles (admin actions) ----------------------------------------------
    def add_member(self, at: When, actor: ActorLike, team: str, person: str) -> dict[str, Any]:
        return self.append(at, actor, {"type": "add_member", "team": team, "person": person})

    def remove_member(self, at: When, actor: ActorLike, team: str, person: str) -> dict[str, Any]:
        return self.append(at, actor, {"type": "remove_member", "team": team, "person": person})

    def grant_admin(self, at: When, actor: ActorLike, person: str) -> dict[str, Any]:
        return self.append(at, actor, {"type": "grant_admin", "person": person})

    def revoke_admin(self, at: When, actor: ActorLike, person: str) -> dict[str, Any]:
        return self.append(at, actor, {"type": "revoke_admin", "person": person})

    def assign_approver(self, at: When, actor: ActorLike, team: str, cycle: str, approver: str) -> dict[str, Any]:
        return self.append(at, actor, {"type": "assign_approver", "team": team, "cycle": cycle, "approver": approver})

    def enroll_key(self, at: When, actor: ActorLike, person: str, public_key: str) -> dict[str, Any]:
        return self.append(at, actor, {"type": "enroll_key", "person": person, "public_key": public_key})

    def revoke_key(self, at: When, actor: ActorLike, person: str) -> dict[str, Any]:
        return self.append(at, actor, {"type": "revoke_key", "person": person})

    def add_cycle(self, at: When, actor: ActorLike, cycle: Mapping[str, Any]) -> dict[str, Any]:
        return self.append(at, actor, {"type": "add_cycle", "cycle": dict(cycle)})

    def add_team(self, at: When, actor: ActorLike, team: Mapping[str, Any]) -> dict[str, Any]:
        return self.append(at, actor, {"type": "add_team", "team": dict(team)})

    def add_person(self, at: When, actor: ActorLike, person: Mapping[str, Any]) -> dict[str, Any]:
        return self.append(at, actor, {"type": "add_person", "person": dict(person)})

    # -- drafting and governance (R8) --------------------------------------
    def draft_objective(self, at: When, actor: ActorLike, objective: Mapping[str, Any]) -> dict[str, Any]:
        return self.append(at, actor, {"type": "draft_objective", "objective": dict(objective)})

    def edit_objective(self, at: When, actor: ActorLike, objective: Mapping[str, Any]) -> dict[str, Any]:
        return self.append(at, actor, {"type": "edit_objective", "objective": dict(objective)})

    def remove_objective(self, at: When, actor: ActorLike, objective: str) -> dict[str, Any]:
        return self.append(at, actor, {"type": "remove_objective", "objective": objective})

    def propose_set(
        self, at: When, actor: ActorLike, team: str, cycle: str, approver: Optional[str] = None
    ) -> dict[str, Any]:
        return self.append(at, actor, _opt({"type": "propose_set", "team": team, "cycle": cycle}, approver=approver))

    def request_changes(
        self, at: When, actor: ActorLike, team: str, cycle: str, questions: Sequence[str], comment: str
    ) -> dict[str, Any]:
        """Sends a set back with the seed 003 questions: "strategy", "understanding",
        "contribution", "stretch"."""
        return self.append(
            at,
            actor,
            {"type": "request_changes", "team": team, "cycle": cycle, "questions": [str(q) for q in questions], "comment": comment},
        )

    def agree(self, at: When, actor: ActorLike, team: str, cycle: str) -> dict[str, Any]:
        return self.append(at, actor, {"type": "agree", "team": team, "cycle": cycle})

    def feedback(
        self, at: When, actor: ActorLike, team: str, cycle: str, text: str, key_result: Optional[str] = None
    ) -> dict[str, Any]:
        """Records feedback on a set (read them back with ``feedback_notes()``)."""
        return self.append(
            at, actor, _opt({"type": "feedback", "team": team, "cycle": cycle, "text": text}, key_result=key_result)
        )

    # -- renegotiation (R4) ------------------------------------------------
    def propose_change(self, at: When, actor: ActorLike, change: Mapping[str, Any], reason: str) -> dict[str, Any]:
        """Proposes a change to an agreed set, e.g.
        ``{"kind": "target", "key_result": "kr1", "target": 60.0}``. The entry's
        ``"id"`` is the proposal id."""
        return self.append(at, actor, {"type": "propose_change", "change": dict(change), "reason": reason})

    def accept(self, at: When, actor: ActorLike, proposal: str) -> dict[str, Any]:
        return self.append(at, actor, {"type": "accept", "proposal": proposal})

    def decline(self, at: When, actor: ActorLike, proposal: str, reason: str) -> dict[str, Any]:
        return self.append(at, actor, {"type": "decline", "proposal": proposal, "reason": reason})

    def counter(
        self, at: When, actor: ActorLike, proposal: str, change: Mapping[str, Any], reason: str
    ) -> dict[str, Any]:
        return self.append(at, actor, {"type": "counter", "proposal": proposal, "change": dict(change), "reason": reason})

    def withdraw(self, at: When, actor: ActorLike, proposal: str) -> dict[str, Any]:
        return self.append(at, actor, {"type": "withdraw", "proposal": proposal})

    # -- check-ins and initiatives (R3) ------------------------------------
    def check_in(
        self,
        at: When,
        actor: ActorLike,
        key_result: str,
        value: float,
        confidence: Optional[float] = None,
        note: Optional[str] = None,
    ) -> dict[str, Any]:
        return self.append(
            at, actor, _opt({"type": "check_in", "key_result": key_result, "value": value}, confidence=confidence, note=note)
        )

    def start_initiative(self, at: When, actor: ActorLike, initiative: Mapping[str, Any]) -> dict[str, Any]:
        return self.append(at, actor, {"type": "start_initiative", "initiative": dict(initiative)})

    def swap_initiative(
        self, at: When, actor: ActorLike, initiative: str, replacement: Mapping[str, Any], reason: str
    ) -> dict[str, Any]:
        return self.append(
            at,
            actor,
            {"type": "swap_initiative", "initiative": initiative, "replacement": dict(replacement), "reason": reason},
        )

    def kill_initiative(self, at: When, actor: ActorLike, initiative: str, reason: str) -> dict[str, Any]:
        return self.append(at, actor, {"type": "kill_initiative", "initiative": initiative, "reason": reason})

    def finish_initiative(self, at: When, actor: ActorLike, initiative: str) -> dict[str, Any]:
        return self.append(at, actor, {"type": "finish_initiative", "initiative": initiative})

    # -- dependencies (R7) -------------------------------------------------
    def request_dependency(
        self, at: When, actor: ActorLike, to: str, help: str, objective: str, key_result: Optional[str] = None
    ) -> dict[str, Any]:
        return self.append(
            at,
            actor,
            _opt({"type": "request_dependency", "to": to, "help": help, "objective": objective}, key_result=key_result),
        )

    def accept_dependency(self, at: When, actor: ActorLike, dependency: str) -> dict[str, Any]:
        return self.append(at, actor, {"type": "accept_dependency", "dependency": dependency})

    def decline_dependency(self, at: When, actor: ActorLike, dependency: str, reason: str) -> dict[str, Any]:
        return self.append(at, actor, {"type": "decline_dependency", "dependency": dependency, "reason": reason})

    def escalate_dependency(self, at: When, actor: ActorLike, dependency: str) -> dict[str, Any]:
        return self.append(at, actor, {"type": "escalate_dependency", "dependency": dependency})

    def decide_dependency(
        self, at: When, actor: ActorLike, dependency: str, grant: bool, reason: str
    ) -> dict[str, Any]:
        return self.append(
            at, actor, {"type": "decide_dependency", "dependency": dependency, "grant": grant, "reason": reason}
        )
