"""One address form and one wording of the age rule on the programme's texts: the applicant
is addressed with "du" (the legal guardian with "Sie"), and the age rule reads "von 16 bis
unter 27 Jahren"."""

import re

from cms import demo as cms_demo
from volunteers import demo as volunteers_demo
from volunteers.email_defaults import DEFAULTS
from volunteers.matching import demo as matching_demo

FORMAL = re.compile(r"\b(Sie|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihnen)\b")


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


# Mails to adults who are not the applicant: the guardian, the host's and the coordination's staff.
FORMAL_EVENTS = {"guardian_consent", "zeugnis_requested", "zeugnis_drafted"}


def test_applicant_emails_say_du_and_the_guardian_and_staff_emails_say_sie():
    assert FORMAL_EVENTS <= set(DEFAULTS)
    for event, (subject_de, body_de, _subject_en, _body_en) in DEFAULTS.items():
        if event in FORMAL_EVENTS:
            assert FORMAL.search(body_de), event
            assert not re.search(r"\b(du|dich|dir|dein\w*)\b", body_de), event
        else:
            assert not FORMAL.search(subject_de + body_de), event


def test_age_rule_reads_the_same_everywhere():
    texts = " ".join(_texts([cms_demo.HOME, cms_demo.ABOUT, cms_demo.PROGRAMME]))
    assert "bis 27 Jahre" not in texts and "16 bis 26" not in texts
    assert texts.count("von 16 bis unter 27 Jahren") >= 3


def test_programme_page_text_says_du():
    texts = " ".join(_texts(cms_demo.PROGRAMME))
    assert not FORMAL.search(texts)
    assert "Bewirb dich" in texts
    for module in (volunteers_demo, matching_demo):
        assert "für Sie" not in open(module.__file__, encoding="utf-8").read()
