"""Scoring of quizzes on the server. The browser's form is never trusted."""

import random
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from courses.exceptions import InvalidAnswer
from courses.rules import quiz_passed, score_percent

Answers = dict[str, list[str]]


@dataclass
class QuestionResult:
    id: str
    kind: str
    question: str
    correct: bool
    given: list[str]
    feedback: list[str] = field(default_factory=list)  # on the answers chosen
    explanation: list[str] = field(default_factory=list)  # of the question: may tell the answer
    correct_answers: list[str] = field(default_factory=list)


@dataclass
class QuizResult:
    points: int
    max_points: int
    percent: int
    passed: bool
    questions: list[QuestionResult]


def quiz_questions(quiz_value) -> list:
    """The quiz's questions as bound blocks (each has .id, .block_type, .value)."""
    return list(quiz_value["questions"])


def _options(question_value) -> list[tuple[str, dict]]:
    return [(str(bound.id), bound.value) for bound in question_value["options"].bound_blocks]


def presented_order(quiz_value, *, seed: str) -> list[dict]:
    """Questions (and answers) in the order one learner sees them for one attempt."""
    rng = random.Random(seed)  # noqa: S311 - shuffling for display, not security
    questions = []
    for bound in quiz_questions(quiz_value):
        entry = {"id": str(bound.id), "kind": bound.block_type, "value": bound.value,
                 "options": []}
        if bound.block_type in ("single_choice", "multiple_choice"):
            entry["options"] = [{"id": option_id, "text": value["text"]}
                                for option_id, value in _options(bound.value)]
            if quiz_value["shuffle_answers"]:
                rng.shuffle(entry["options"])
        questions.append(entry)
    if quiz_value["shuffle_questions"]:
        rng.shuffle(questions)
    return questions


def quiz_score(*, quiz_value, answers: Answers) -> QuizResult:
    """Score answers against the quiz. Raises InvalidAnswer for ids that are not the quiz's."""
    questions = quiz_questions(quiz_value)
    known = {str(bound.id) for bound in questions}
    if set(answers) - known:
        raise InvalidAnswer
    results = [_score_question(bound, answers.get(str(bound.id), [])) for bound in questions]
    points = sum(1 for result in results if result.correct)
    max_points = len(results)
    percent = score_percent(points=points, max_points=max_points)
    return QuizResult(points=points, max_points=max_points, percent=percent,
                      passed=quiz_passed(percent=percent, pass_mark=quiz_value["pass_mark"]),
                      questions=results)


def _score_question(bound, given: list[str]) -> QuestionResult:
    value, kind, qid = bound.value, bound.block_type, str(bound.id)
    if kind in ("single_choice", "multiple_choice"):
        options = dict(_options(value))
        if any(choice not in options for choice in given) or (
                kind == "single_choice" and len(given) > 1):
            raise InvalidAnswer
        correct_ids = {option_id for option_id, opt in options.items() if opt["correct"]}
        chosen = set(given)
        feedback = [options[choice]["feedback"] for choice in given if options[choice]["feedback"]]
        return QuestionResult(qid, kind, value["question"], chosen == correct_ids,
                              [options[choice]["text"] for choice in given], feedback,
                              correct_answers=[opt["text"] for opt in options.values()
                                               if opt["correct"]])
    if kind == "true_false":
        if given not in ([], ["true"], ["false"]):
            raise InvalidAnswer
        correct = bool(given) and (given[0] == "true") == bool(value["correct"])
        return QuestionResult(qid, kind, value["question"], correct, given,
                              explanation=[value["feedback"]] if value["feedback"] else [],
                              correct_answers=[_("True") if value["correct"] else _("False")])
    if kind == "short_text":
        text = (given[0] if given else "").strip()[:200]

        def norm(s: str) -> str:
            s = " ".join(s.split())
            return s if value["case_sensitive"] else s.casefold()

        accepted = {norm(answer) for answer in value["accepted_answers"]}
        return QuestionResult(qid, kind, value["question"], bool(text) and norm(text) in accepted,
                              [text] if text else [],
                              explanation=[value["feedback"]] if value["feedback"] else [],
                              correct_answers=list(value["accepted_answers"])[:1])
    raise InvalidAnswer
