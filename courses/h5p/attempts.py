"""Attempt tokens: proof that a result comes from a player the lesson page opened.

The lesson page makes a token for (learner, lesson, content) when it renders the H5P block;
it goes into the player's URL and stays on the parent page, which sends it back with every
xAPI statement. The player refuses to start without a genuine token for its content, and the
xAPI endpoint refuses results without one for the learner, lesson and content. Tokens expire
after `settings.H5P_ATTEMPT_MAX_AGE` seconds (default six hours): reloading the lesson page
makes a new one.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from core.tokens import TokenExpired, TokenInvalid, token_make, token_read
from courses.h5p.exceptions import AttemptRefused

ATTEMPT_SALT = "courses.h5p.attempt"
DEFAULT_ATTEMPT_MAX_AGE = 6 * 60 * 60


def attempt_max_age() -> int:
    return int(getattr(settings, "H5P_ATTEMPT_MAX_AGE", DEFAULT_ATTEMPT_MAX_AGE))


def h5p_attempt_token_make(*, learner, lesson, content) -> str:
    """A signed token for one learner playing one content item in one lesson."""
    return token_make({"u": learner.pk, "l": lesson.pk, "c": str(content.public_id)},
                      salt=ATTEMPT_SALT)


def _read(token) -> dict:
    if not token:
        raise AttemptRefused(_("This result was not sent by the player of this lesson. Please "
                               "reload the lesson page and play the content there."))
    try:
        data = token_read(token, salt=ATTEMPT_SALT, max_age=attempt_max_age())
    except TokenExpired:
        raise AttemptRefused(_("The player has been open too long. Please reload the lesson "
                               "page and play the content again.")) from None
    except TokenInvalid:
        data = None
    if not isinstance(data, dict):
        raise AttemptRefused(_("The player's attempt could not be verified. Please reload the "
                               "lesson page and play the content again."))
    return data


def h5p_attempt_check(*, token, learner, lesson, content) -> None:
    """Accept a token made for this learner, lesson and content. Raises AttemptRefused."""
    h5p_attempt_check_ids(token=token, learner_id=learner.pk, lesson_id=lesson.pk,
                          content_public_id=str(content.public_id))


def h5p_attempt_check_ids(*, token, learner_id: int, lesson_id: int,
                          content_public_id: str) -> None:
    """`h5p_attempt_check` by the ids alone (no rows needed). Raises AttemptRefused."""
    data = _read(token)
    if (data.get("u"), data.get("l"), data.get("c")) != (learner_id, lesson_id,
                                                         content_public_id):
        raise AttemptRefused(_("This result belongs to another lesson or account. Please "
                               "reload the lesson page and play the content again."))


def h5p_attempt_check_content(*, token, content) -> dict:
    """Accept a token made for this content (the player cannot see who plays it); return
    what it names: learner ("u"), lesson ("l") and content ("c")."""
    data = _read(token)
    if data.get("c") != str(content.public_id):
        raise AttemptRefused(_("The player's attempt could not be verified. Please reload the "
                               "lesson page and play the content again."))
    return data
