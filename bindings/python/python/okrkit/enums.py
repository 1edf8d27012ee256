"""okrkit's enumerations, as ``str`` enums: each member *is* its string, so
values in the plain dicts okrkit returns compare equal to the members
(``report.objectives[0]["pace"]["status"] == PaceStatus.BEHIND``), and members
can be passed wherever okrkit takes a string."""

from __future__ import annotations

from enum import Enum

__all__ = [
    "StrEnum",
    "StatementKind",
    "StructureHint",
    "MeasureKind",
    "ObjectiveType",
    "MilestonePolicy",
    "ValueSource",
    "LeftOutReason",
    "PaceStatus",
    "Severity",
    "RuleLevel",
    "Band",
    "Verdict",
    "CalibrationFlag",
    "InitiativeStatus",
    "SetStatus",
    "ProposalStatus",
    "KeyResultEvent",
]


class StrEnum(str, Enum):
    """A str-valued enum whose ``str()`` is its value."""

    def __str__(self) -> str:
        return str(self.value)


class StatementKind(StrEnum):
    """What the classifier says a key result is (R1)."""

    OUTCOME = "outcome"
    OUTPUT = "output"
    UNDETERMINED = "undetermined"


class StructureHint(StrEnum):
    """A key result's measure type, as a hint to the classifier."""

    NONE = "none"
    METRIC = "metric"
    THRESHOLD = "threshold"
    MILESTONE = "milestone"


class MeasureKind(StrEnum):
    METRIC = "metric"
    THRESHOLD = "threshold"
    MILESTONE = "milestone"


class ObjectiveType(StrEnum):
    COMMITTED = "committed"
    ASPIRATIONAL = "aspirational"


class MilestonePolicy(StrEnum):
    """Whether milestone key results count in objective progress."""

    LEAVE_OUT = "leave_out"
    COUNT_AS_IMPORTED = "count_as_imported"


class ValueSource(StrEnum):
    CHECK_IN = "check_in"
    CURRENT = "current"
    BASELINE = "baseline"
    NONE = "none"


class LeftOutReason(StrEnum):
    MILESTONE = "milestone"
    NO_VALUE = "no_value"


class PaceStatus(StrEnum):
    AHEAD = "ahead"
    ON_TRACK = "on_track"
    BEHIND = "behind"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class RuleLevel(StrEnum):
    OFF = "off"
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class Band(StrEnum):
    """Score bands (R5): red 0.0–0.3, yellow 0.4–0.6, green 0.7–1.0."""

    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"


class Verdict(StrEnum):
    STRETCH_SUCCESS = "stretch_success"
    STRETCH_SHORT = "stretch_short"
    COMMITMENT_MET = "commitment_met"
    EXPLANATION_REQUIRED = "explanation_required"
    NOT_SCORED = "not_scored"


class CalibrationFlag(StrEnum):
    SAFE_GOALS = "safe_goals"
    OVERREACHING = "overreaching"


class InitiativeStatus(StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    DONE = "done"
    SWAPPED = "swapped"
    KILLED = "killed"


class SetStatus(StrEnum):
    DRAFT = "draft"
    PROPOSED = "proposed"
    CHANGES_REQUESTED = "changes_requested"
    AGREED = "agreed"


class ProposalStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    COUNTERED = "countered"
    WITHDRAWN = "withdrawn"


class KeyResultEvent(StrEnum):
    IMPORTED = "imported"
    IMPORTED_AGREED = "imported_agreed"
    DRAFTED = "drafted"
    EDITED = "edited"
    REMOVED = "removed"
    AGREED = "agreed"
    RENEGOTIATED = "renegotiated"
    ADDED = "added"
    DROPPED = "dropped"
    MOVED = "moved"
    RETIRED = "retired"
