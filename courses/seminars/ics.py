"""The calendar file (.ics, RFC 5545) sent with a seminar booking, built with icalendar.

Times are written in Europe/Berlin with a VTIMEZONE; the UID is stable per booking, so a
calendar updates the same entry when the session moves (higher SEQUENCE) and removes it
when the booking or the session is cancelled (METHOD:CANCEL). A session of several days
is one entry that repeats daily (RRULE COUNT = number of days), each day from the start
to the end time.
"""

from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail.message import sanitize_address
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from courses.seminars.models import Booking

BERLIN = ZoneInfo("Europe/Berlin")
PRODID = "-//Digitalkompetenz Thueringen//Seminare//DE"


def booking_uid(booking: Booking) -> str:
    domain = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return f"seminar-booking-{booking.pk}@{domain}"


def session_location(session) -> str:
    """Address (with room) for a session in a room, else the online link."""
    parts = [" ".join(session.address.split())] if session.address else []
    if session.room:
        parts.append(session.room)
    if parts:
        return ", ".join(parts)
    return session.online_url


def booking_ics(booking: Booking, *, cancel: bool = False, now: datetime | None = None
                ) -> bytes:
    session = booking.session
    now = now or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancel else "REQUEST")

    starts = timezone.localtime(session.starts_at, BERLIN)
    ends = timezone.localtime(session.ends_at, BERLIN)
    days = (ends.date() - starts.date()).days + 1
    first_day_end = ends if days == 1 else starts.replace(hour=ends.hour, minute=ends.minute,
                                                          second=0, microsecond=0)
    event = Event()
    event.add("uid", booking_uid(booking))
    event.add("dtstamp", now)
    event.add("dtstart", starts)
    event.add("dtend", first_day_end)
    if days > 1:
        event.add("rrule", {"freq": "daily", "count": days})
    event.add("summary", session.course.title)
    location = session_location(session)
    if location:
        event.add("location", location)
    description = [session.title] if session.title else []
    if session.notes:
        description.append(session.notes)
    if session.online_url:
        description.append(session.online_url)
        event.add("url", session.online_url)
    if session.trainer_display:
        description.append(session.trainer_display)
    if description:
        event.add("description", "\n\n".join(description))
    event.add("sequence", session.sequence + (1 if cancel else 0))
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    organizer = vCalAddress("mailto:" + _address(settings.DEFAULT_FROM_EMAIL))
    organizer.params["cn"] = vText(settings.WAGTAIL_SITE_NAME)
    event.add("organizer", organizer)
    attendee = vCalAddress("mailto:" + booking.person.email)
    attendee.params["cn"] = vText(booking.person.get_display_name())
    attendee.params["partstat"] = vText("DECLINED" if cancel else "ACCEPTED")
    event.add("attendee", attendee)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _address(from_email: str) -> str:
    """The bare address of a "Name <address>" sender."""
    address = sanitize_address(from_email, "utf-8")
    return address.rsplit("<", 1)[-1].rstrip(">")
