"""xAPI statements of H5P content: checked and valued on the server, without the database.

`statement_facts` checks one statement the player posted (an id, a verb, a sane score) and
decides what it is worth under the editor's completion choice and pass mark; the endpoint
(`courses.h5p.endpoint_views.xapi`) stores it through `courses.h5p.statement_store`.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass

from django.utils.translation import gettext as _

from courses.h5p.exceptions import StatementInvalid
from courses.learning.services import Outcome
from courses.rules import quiz_passed

FINISHING_VERBS = {"completed", "answered", "passed", "failed"}
# What a lesson may keep of a statement: no actor, authority, instructor or team.
KEPT_KEYS = ("id", "verb", "object", "result", "timestamp")
KEPT_CONTEXT_KEYS = ("contextActivities", "extensions", "registration", "language")
MAX_STATEMENT_BYTES = 64 * 1024


def _number(score: dict, key: str) -> float | None:
    """A finite number, or None when absent; anything else makes the statement invalid."""
    value = score.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise StatementInvalid(_("The score is not valid: “%(name)s” must be a number.")
                               % {"name": key})
    try:
        number = float(value)
    except OverflowError:  # an integer beyond any float
        number = float("inf")
    if not math.isfinite(number):
        raise StatementInvalid(_("The score is not valid: “%(name)s” must be a finite "
                                 "number.") % {"name": key})
    return number


def score_read(result) -> tuple[float | None, float | None, float | None]:
    """(raw, max, scaled) of a statement's result, checked. Raises StatementInvalid.

    raw and max come together, with max > 0 and 0 ≤ raw ≤ max (and min ≤ raw when min is
    given); scaled lies within 0…1. A result without a score has none of them.
    """
    if result is None:
        return None, None, None
    if not isinstance(result, dict):
        raise StatementInvalid()
    score = result.get("score")
    if score is None:
        return None, None, None
    if not isinstance(score, dict):
        raise StatementInvalid(_("The score is not valid."))
    raw, max_, min_, scaled = (_number(score, key) for key in ("raw", "max", "min", "scaled"))
    if (raw is None) != (max_ is None):
        raise StatementInvalid(_("The score is not valid: a raw score needs a maximum, and a "
                                 "maximum needs a raw score."))
    if max_ is not None and max_ <= 0:
        raise StatementInvalid(_("The score is not valid: the maximum must be greater than "
                                 "0."))
    if raw is not None and not 0 <= raw <= max_:
        raise StatementInvalid(_("The score is not valid: the raw score must lie between 0 "
                                 "and the maximum."))
    if min_ is not None and raw is not None and min_ > raw:
        raise StatementInvalid(_("The score is not valid: the raw score is below the "
                                 "minimum."))
    if scaled is not None and not 0 <= scaled <= 1:
        raise StatementInvalid(_("The score is not valid: the scaled score must lie between "
                                 "0 and 1."))
    return raw, max_, scaled


def score_percent(*, raw: float | None, max_: float | None, scaled: float | None
                  ) -> int | None:
    """The percentage computed on the server: raw/max, or scaled; clamped to 0…100."""
    if raw is not None and max_ is not None and max_ > 0:
        value = 100 * raw / max_
    elif scaled is not None:
        value = 100 * scaled
    else:
        return None
    return int(min(100, max(0, round(value))))


def statement_clean(statement) -> dict:
    """The statement without personal data; raises StatementInvalid if it is no statement."""
    if not isinstance(statement, dict):
        raise StatementInvalid()
    try:
        uuid.UUID(str(statement.get("id", "")))
    except ValueError:
        raise StatementInvalid() from None
    verb = statement.get("verb")
    if not isinstance(verb, dict) or not isinstance(verb.get("id"), str) \
            or not verb["id"] or len(verb["id"]) > 255:
        raise StatementInvalid()
    cleaned = {key: statement[key] for key in KEPT_KEYS if key in statement}
    context = statement.get("context")
    if isinstance(context, dict):
        cleaned["context"] = {key: context[key] for key in KEPT_CONTEXT_KEYS if key in context}
    return cleaned


def is_top_level(statement: dict) -> bool:
    parents = (((statement.get("context") or {}).get("contextActivities") or {})
               .get("parent"))
    return not parents


@dataclass(frozen=True)
class StatementFacts:
    """What one statement says, checked and computed on the server (no database)."""

    cleaned: dict
    statement_id: uuid.UUID
    verb: str
    top_level: bool
    score_raw: float | None
    score_max: float | None
    score_scaled: float | None
    score_percent: int | None
    success: bool | None
    completion: bool | None
    duration: str
    done: bool  # it counts for the lesson under the editor's completion choice
    passed: bool

    def outcome(self, *, completion: str) -> Outcome:
        return Outcome(viewed=True, answered=True, passed=self.passed,
                       score_percent=self.score_percent if completion == "passed" else None)


def statement_facts(*, statement, completion: str, pass_mark: int) -> StatementFacts:
    """Check one statement and decide what it is worth. Raises StatementInvalid.

    `completion` is the editor's choice: "completed" (a completed or answered statement),
    "answered", or "passed" (a score of at least `pass_mark` percent, computed here). Child
    statements (with a parent context) never count.
    """
    cleaned = statement_clean(statement)
    raw, max_, scaled = score_read(cleaned.get("result"))
    verb = cleaned["verb"]["id"]
    verb_name = verb.rstrip("/").rsplit("/", 1)[-1]
    result = cleaned.get("result") or {}
    percent = score_percent(raw=raw, max_=max_, scaled=scaled)
    top = is_top_level(cleaned)
    finishing = top and verb_name in FINISHING_VERBS
    if completion == "answered":
        done = finishing and verb_name == "answered"
    elif completion == "passed":
        done = finishing and percent is not None
    else:
        done = finishing and verb_name in ("completed", "answered")
    passed = completion == "passed" and done and percent is not None \
        and quiz_passed(percent=percent, pass_mark=pass_mark)
    duration = result.get("duration") if isinstance(result.get("duration"), str) else ""
    return StatementFacts(
        cleaned=cleaned, statement_id=uuid.UUID(str(cleaned["id"])), verb=verb,
        top_level=top, score_raw=raw, score_max=max_, score_scaled=scaled,
        score_percent=percent,
        success=result.get("success") if isinstance(result.get("success"), bool) else None,
        completion=result.get("completion")
        if isinstance(result.get("completion"), bool) else None,
        duration=duration[:40], done=done, passed=passed)
