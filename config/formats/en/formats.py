"""English date formats of the site: day before month, as in the German interface.

Django's own English formats ("Nov. 1, 2026", "11/01/2026") would mix orders with the
German pages ("1. November 2026"); only output formats are set here, input formats stay
Django's.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
