"""Dates read the same way in both languages: day, month name, year."""

import datetime
from pathlib import Path

from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format


def test_date_format_is_day_month_year_in_both_languages():
    day = datetime.date(2026, 11, 1)
    with translation.override("de"):
        assert date_format(day, "DATE_FORMAT") == "1. November 2026"
    with translation.override("en"):
        assert date_format(day, "DATE_FORMAT") == "1 November 2026"


def test_english_datetimes_and_short_dates_put_the_day_first():
    moment = datetime.datetime(2026, 12, 1, 14, 5)
    with translation.override("en"):
        assert date_format(moment, "DATETIME_FORMAT") == "1 December 2026, 14:05"
        assert date_format(moment.date(), "SHORT_DATE_FORMAT") == "01/12/2026"


def test_templates_use_no_month_first_or_hand_written_date_format():
    templates = Path(__file__).resolve().parents[2] / "templates"
    offenders = [str(path.relative_to(templates)) for path in templates.rglob("*.html")
                 if any(fmt in path.read_text(encoding="utf-8")
                        for fmt in ('|date:"SHORT_DATE_FORMAT"', '|date:"m/d/Y"',
                                    '|date:"j. F Y"', '|date:"d.m.Y"'))]
    assert offenders == []


def test_template_date_filter_follows_the_active_language():
    template = Template('{{ day|date:"DATE_FORMAT" }}')
    with translation.override("en"):
        assert template.render(Context({"day": datetime.date(2026, 11, 1)})) == "1 November 2026"
