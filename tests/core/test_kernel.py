"""The kernel's mechanics: state machine, enqueue on commit, absolute URLs, tokens."""

import pytest
from django.db import transaction

import core.jobs
from core.state import InvalidTransition, StateMachine
from core.tokens import TokenExpired, TokenInvalid, token_make, token_read
from core.urls import absolute_url

MACHINE = StateMachine({
    "draft": {"submitted": {"applicant"}},
    "submitted": {"in_review": {"coordinator"}, "withdrawn": None},
})


def test_a_move_in_the_table_by_an_allowed_actor_passes():
    MACHINE.check("draft", "submitted", actor_kind="applicant")
    MACHINE.check("submitted", "withdrawn", actor_kind="anyone")


@pytest.mark.parametrize(("source", "target", "actor"), [
    ("draft", "in_review", "coordinator"),   # not in the table
    ("draft", "submitted", "coordinator"),   # in the table, wrong actor
    ("unknown", "draft", None),              # unknown status
])
def test_anything_else_raises_with_both_statuses(source, target, actor):
    with pytest.raises(InvalidTransition) as raised:
        MACHINE.check(source, target, actor_kind=actor)
    assert (raised.value.from_status, raised.value.to_status) == (source, target)
    assert str(raised.value.message)


def test_targets_lists_only_the_moves_this_actor_may_make():
    assert MACHINE.targets("submitted", actor_kind="coordinator") == ["in_review", "withdrawn"]
    assert MACHINE.targets("submitted", actor_kind="applicant") == ["withdrawn"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_enqueue_on_commit_waits_for_the_commit_and_forgets_a_rollback(monkeypatch):
    sent = []
    monkeypatch.setattr(core.jobs, "enqueue", lambda task, *args, **kwargs: sent.append(task))
    with transaction.atomic():
        core.jobs.enqueue_on_commit("a.task", group="g")
        assert sent == []
    assert sent == ["a.task"]
    try:
        with transaction.atomic():
            core.jobs.enqueue_on_commit("b.task", group="g")
            raise RuntimeError
    except RuntimeError:
        pass
    assert sent == ["a.task"]


@pytest.mark.django_db
def test_jobs_of_one_process_go_through_one_broker(monkeypatch):
    """django-q2 would build a broker (with Redis: a new connection) for every job."""
    brokers = []
    monkeypatch.setattr("django_q.tasks.async_task",
                        lambda task, *args, broker=None, **kwargs: brokers.append(broker))
    core.jobs.enqueue("a.task", 1, group="g")
    core.jobs.enqueue("b.task", 2, group="g")
    assert brokers[0] is not None and brokers[0] is brokers[1]
    monkeypatch.setattr(core.jobs.os, "getpid", lambda: -1)  # as in a forked worker
    core.jobs.enqueue("c.task", 3, group="g")
    assert brokers[2] is not brokers[0]


def test_absolute_url_uses_the_public_base(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://lernen.example/"
    assert absolute_url("/nachweis/") == "https://lernen.example/nachweis/"


def test_tokens_are_bound_to_their_salt_and_expire():
    token = token_make({"u": 1}, salt="one")
    assert token_read(token, salt="one", max_age=60) == {"u": 1}
    with pytest.raises(TokenInvalid):
        token_read(token, salt="two", max_age=60)
    with pytest.raises(TokenInvalid):
        token_read(token + "x", salt="one", max_age=60)
    with pytest.raises(TokenExpired):
        token_read(token, salt="one", max_age=-1)
