"""``okrkit.Ledger``: the native ledger plus one method per action.

The per-action methods (``propose_change``, ``check_in``, ``accept``, …) are
generated from the core's ``Action`` type into ``_actions.py``; each builds the
action's dict — the same form as in the ledger's JSON Lines — and calls
:meth:`Ledger.append`, where the core applies its rules. ``at`` is a
``datetime`` (naive = UTC), a ``date`` or RFC 3339 text; ``actor`` is
``(person, team)``, ``{"person": ..., "team": ...}`` or an :class:`Actor`.
"""

from __future__ import annotations

import datetime as _dt
from typing import Mapping, NamedTuple, Tuple, Union

from okrkit._actions import Actions
from okrkit._okrkit import Ledger as _NativeLedger

__all__ = ["Actor", "Ledger", "When", "ActorLike"]


class Actor(NamedTuple):
    """A person acting on behalf of a team (the host product says who)."""

    person: str
    team: str


When = Union[_dt.datetime, _dt.date, str]
ActorLike = Union[Actor, Tuple[str, str], Mapping[str, str]]


class Ledger(Actions, _NativeLedger):
    """An append-only, hash-chained ledger of OKR changes (R4, R8).

    Every action method returns the recorded entry as a dict (its ``"id"`` is
    what ``accept``/``decline``/... take as ``proposal``). A refused action
    raises :class:`okrkit.LedgerRefused` and changes nothing.
    """
