"""The first version of the agreement's text, used when no template exists yet.

Editors change it in the admin (snippet "agreement templates"); each change is saved under
a new version.
"""

VERSION = "2025.1"

TEXT_DE = "\n\n".join((
    "§ 1 Gegenstand. Die/der Freiwillige leistet ein Freiwilliges Digitales Jahr in der "
    "genannten Einsatzstelle. Der Dienst ist ganztägig (oder in Teilzeit mit mehr als 20 "
    "Wochenstunden), arbeitsmarktneutral und als überwiegend praktische Hilfstätigkeit "
    "ausgestaltet.",
    "§ 2 Pädagogische Begleitung. Der Träger begleitet den Dienst pädagogisch. Die/der "
    "Freiwillige nimmt an den Seminaren teil (mindestens 25 Seminartage bei zwölf Monaten "
    "Dienst, für jeden weiteren Monat mindestens ein weiterer Tag). Die Teilnahme ist "
    "Dienstzeit.",
    "§ 3 Taschengeld und Sachleistungen. Die/der Freiwillige erhält das genannte "
    "Taschengeld monatlich sowie die genannten Sachleistungen. Die "
    "Sozialversicherungsbeiträge trägt die Einsatzstelle bzw. der Träger.",
    "§ 4 Urlaub. Der Urlaub richtet sich nach dieser Vereinbarung, für Minderjährige "
    "mindestens nach § 19 Jugendarbeitsschutzgesetz. Urlaub wird mit der Einsatzstelle "
    "abgestimmt.",
    "§ 5 Vorzeitige Beendigung. Die Vereinbarung kann von jeder Seite mit einer Frist von "
    "vier Wochen zum Fünfzehnten oder zum Ende eines Kalendermonats gekündigt werden, aus "
    "wichtigem Grund fristlos. Die Kündigung bedarf der Schriftform.",
    "§ 6 Bescheinigung und Zeugnis. Nach Abschluss erhält die/der Freiwillige eine "
    "Bescheinigung über Art und Dauer des Dienstes und auf Wunsch ein Zeugnis.",
    "§ 7 Datenschutz. Die Angaben werden nur zur Durchführung des Dienstes verarbeitet "
    "und nach Ablauf der gesetzlichen Aufbewahrungsfristen gelöscht.",
))

TEXT_EN = "\n\n".join((
    "§ 1 Subject. The volunteer serves a Voluntary Digital Year at the host organisation "
    "named above. The service is full-time (or part-time with more than 20 hours a week), "
    "neutral to the labour market and consists mainly of practical assistance.",
    "§ 2 Educational support. The Träger provides educational support. The volunteer "
    "attends the seminars (at least 25 seminar days for twelve months of service, at "
    "least one more for each further month). Attendance counts as service time.",
    "§ 3 Pocket money and benefits in kind. The volunteer receives the pocket money named "
    "above each month and the benefits in kind named above. Social insurance "
    "contributions are paid by the host organisation or the Träger.",
    "§ 4 Leave. Leave follows this agreement; for minors at least section 19 of the Youth "
    "Employment Protection Act. Leave is agreed with the host organisation.",
    "§ 5 Ending early. Either side may end the agreement with four weeks' notice to the "
    "15th or the end of a calendar month, for good cause without notice. Notice must be "
    "given in writing.",
    "§ 6 Certificate. At the end the volunteer receives a certificate (Bescheinigung) of "
    "the type and duration of the service and, on request, a reference (Zeugnis).",
    "§ 7 Data protection. The data are processed only to carry out the service and "
    "deleted when the statutory retention periods have passed.",
))

EARLY_END = ("Kündigung durch jede Seite mit vier Wochen Frist zum 15. oder zum Monatsende, "
             "aus wichtigem Grund fristlos; schriftlich (siehe § 5).")
