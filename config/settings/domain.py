"""The platform's own settings, read from the environment; base.py includes them. Each
value is explained where it is set; the README lists them."""

from .env import env

# Certificates: optional PAdES signing (PEM key and certificate paths), retries, public checks.
CERTIFICATE_SIGNING_KEY = env("CERTIFICATE_SIGNING_KEY")
CERTIFICATE_SIGNING_CERT = env("CERTIFICATE_SIGNING_CERT")
CERTIFICATE_SIGNING_KEY_PASSPHRASE = env("CERTIFICATE_SIGNING_KEY_PASSPHRASE")
CERTIFICATE_MAX_ATTEMPTS = int(env("CERTIFICATE_MAX_ATTEMPTS", "3"))
CERTIFICATE_RETRY_DELAY_SECONDS = int(env("CERTIFICATE_RETRY_DELAY_SECONDS", "60"))
CERTIFICATE_VERIFY_RATE_LIMIT = int(env("CERTIFICATE_VERIFY_RATE_LIMIT", "30"))  # per minute
CERTIFICATE_UPLOAD_MAX_BYTES = int(env("CERTIFICATE_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))

# Freiwilliges Digitales Jahr: largest applicant document (PDF or image) accepted.
VOLUNTEER_DOCUMENT_MAX_BYTES = int(env("VOLUNTEER_DOCUMENT_MAX_BYTES", str(5 * 1024 * 1024)))
# The service year (volunteers.service.rules.config), where the law varies: the pocket
# money cap per month by the service's start year (8 % of the pension insurance contribution
# ceiling; a programme year's "Pocket money and leave" snippet overrides it), the cap for
# years not listed, the full-time hours part-time is measured against, adults' leave days per
# 12 months unless agreed, and the Träger named on agreements and Bescheinigungen.
VOLUNTEER_SERVICE_POCKET_MONEY_CAPS = {2024: "604", 2025: "644", 2026: "676"}
VOLUNTEER_SERVICE_POCKET_MONEY_CAP = env("VOLUNTEER_SERVICE_POCKET_MONEY_CAP", "676")
VOLUNTEER_SERVICE_FULL_TIME_HOURS = int(env("VOLUNTEER_SERVICE_FULL_TIME_HOURS", "39"))
VOLUNTEER_SERVICE_DEFAULT_LEAVE_DAYS = int(env("VOLUNTEER_SERVICE_DEFAULT_LEAVE_DAYS", "26"))
VOLUNTEER_SERVICE_TRAEGER_NAME = env("VOLUNTEER_SERVICE_TRAEGER_NAME", "")
VOLUNTEER_SERVICE_TRAEGER_ADDRESS = env("VOLUNTEER_SERVICE_TRAEGER_ADDRESS",
                                        "Werner-Seelenbinder-Straße 7, 99096 Erfurt")
# Seminar days (volunteers.seminar_days): services shorter than 12 months need their share
# of the 25 days, rounded "up", "nearest" or "down", or "none" for always 25 (the law sets no
# pro-rata rule); and the digital focus's mandatory days on top. A programme year's "Seminar
# rules" snippet overrides both (a new one starts with these values).
VOLUNTEER_SEMINAR_ROUNDING = env("VOLUNTEER_SEMINAR_ROUNDING", "up")
VOLUNTEER_SEMINAR_EXTRA_DAYS = int(env("VOLUNTEER_SEMINAR_EXTRA_DAYS", "5"))
# Retention (daily job volunteers.retention.services): rejected and withdrawn
# applications are anonymised this many months after their programme year's first start
# date; agreements, attendance and Bescheinigungen of a finished service are deleted this
# many years after its last day.
VOLUNTEER_APPLICATION_RETENTION_MONTHS = int(env("VOLUNTEER_APPLICATION_RETENTION_MONTHS", "6"))
VOLUNTEER_SERVICE_RETENTION_YEARS = int(env("VOLUNTEER_SERVICE_RETENTION_YEARS", "10"))

# H5P packages: limits of the upload validator (zip bombs, oversized files).
H5P_MAX_FILE_BYTES = int(env("H5P_MAX_FILE_BYTES", str(50 * 1024 * 1024)))
H5P_MAX_TOTAL_BYTES = int(env("H5P_MAX_TOTAL_BYTES", str(300 * 1024 * 1024)))
H5P_MAX_FILES = int(env("H5P_MAX_FILES", "5000"))
H5P_MAX_RATIO = int(env("H5P_MAX_RATIO", "100"))
# Seconds a lesson page's H5P attempt token stays valid (the player and the xAPI endpoint
# refuse older ones; reloading the lesson page makes a new one).
H5P_ATTEMPT_MAX_AGE = int(env("H5P_ATTEMPT_MAX_AGE", str(6 * 60 * 60)))
# Seconds between saves of a learner's state inside H5P content (contentUserData).
H5P_SAVE_SECONDS = int(env("H5P_SAVE_SECONDS", "15"))

# Training reminders and approvals (courses.reminders, courses.approvals), in days; the
# daily run starts at REMINDER_HOUR o'clock. Mails recorded but not sent are retried by
# the daily run for REMINDER_RESEND_DAYS days.
REMINDER_DAYS_BEFORE = int(env("REMINDER_DAYS_BEFORE", "7"))
REMINDER_SUPERVISOR_AFTER_DAYS = int(env("REMINDER_SUPERVISOR_AFTER_DAYS", "14"))
REMINDER_EXPIRY_DAYS_BEFORE = int(env("REMINDER_EXPIRY_DAYS_BEFORE", "30"))
REMINDER_RESEND_DAYS = int(env("REMINDER_RESEND_DAYS", "7"))
REMINDER_HOUR = int(env("REMINDER_HOUR", "6"))
APPROVAL_ESCALATION_DAYS = int(env("APPROVAL_ESCALATION_DAYS", "7"))
# Days before a completion expires when the person is reassigned (a course may set its own).
RECERTIFICATION_LEAD_DAYS = int(env("RECERTIFICATION_LEAD_DAYS", "30"))

# Data rights (accounts.data_rights), in days: a data export can be downloaded this long;
# self-registered accounts unused this long are deleted, after a warning mail sent
# INACTIVE_ACCOUNT_WARNING_DAYS before. Unconfirmed registrations go after 7 days.
DATA_EXPORT_VALID_DAYS = int(env("DATA_EXPORT_VALID_DAYS", "7"))
INACTIVE_ACCOUNT_RETENTION_DAYS = int(env("INACTIVE_ACCOUNT_RETENTION_DAYS", "730"))
INACTIVE_ACCOUNT_WARNING_DAYS = int(env("INACTIVE_ACCOUNT_WARNING_DAYS", "30"))
