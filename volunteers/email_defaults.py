"""Default texts of the programme's emails; editors change them in the admin (EmailTemplate).

Placeholders use string.Template syntax: $name, $placement, $deadline, $link, $reason.
The applicant is addressed with "du" (as on the programme's pages), the legal guardian and
the staff of hosts and coordination with "Sie".
"""

SIGNATURE_DE = "\n\nViele Grüße\nDein Team Freiwilliges Digitales Jahr Thüringen"
SIGNATURE_FORMAL_DE = "\n\nMit freundlichen Grüßen\nTeam Freiwilliges Digitales Jahr Thüringen"
SIGNATURE_EN = "\n\nKind regards\nThe Freiwilliges Digitales Jahr team, Thuringia"

DEFAULTS: dict[str, tuple[str, str, str, str]] = {
    # event: (subject_de, body_de, subject_en, body_en)
    "submitted": (
        "Deine Bewerbung ist eingegangen",
        "Hallo $name,\n\nvielen Dank für deine Bewerbung für das Freiwillige Digitale Jahr. "
        "Wir haben sie erhalten und melden uns, sobald es Neuigkeiten gibt. Den Stand siehst "
        "du jederzeit unter $link." + SIGNATURE_DE,
        "Your application has been received",
        "Hello $name,\n\nthank you for applying for the Freiwilliges Digitales Jahr. We have "
        "received your application and will be in touch. You can follow its progress at "
        "$link." + SIGNATURE_EN),
    "in_review": (
        "Deine Bewerbung wird geprüft",
        "Hallo $name,\n\ndeine Bewerbung wird jetzt von uns und den Einsatzstellen geprüft."
        + SIGNATURE_DE,
        "Your application is being reviewed",
        "Hello $name,\n\nyour application is now being reviewed by us and the host "
        "organisations." + SIGNATURE_EN),
    "interview": (
        "Einladung zum Kennenlernen",
        "Hallo $name,\n\ndie Einsatzstelle möchte dich kennenlernen. Die Terminvorschläge "
        "findest du unter $link." + SIGNATURE_DE,
        "Invitation to an interview",
        "Hello $name,\n\nthe host organisation would like to meet you. You will find the "
        "proposed dates at $link." + SIGNATURE_EN),
    "waiting_list": (
        "Du stehst auf der Warteliste",
        "Hallo $name,\n\nfür die Einsatzstelle „$placement“ stehst du auf der Warteliste. "
        "Wird ein Platz frei, erhältst du automatisch ein Angebot." + SIGNATURE_DE,
        "You are on the waiting list",
        "Hello $name,\n\nyou are on the waiting list for “$placement”. If a seat becomes "
        "free, you will receive an offer automatically." + SIGNATURE_EN),
    "offered": (
        "Dein Angebot für das Freiwillige Digitale Jahr",
        "Hallo $name,\n\nwir freuen uns, dir einen Platz anzubieten: „$placement“. Bitte "
        "nimm das Angebot bis $deadline unter $link an oder lehne es ab. Danach "
        "verfällt es." + SIGNATURE_DE,
        "Your offer for the Freiwilliges Digitales Jahr",
        "Hello $name,\n\nwe are happy to offer you a place: “$placement”. Please accept or "
        "decline the offer at $link by $deadline. After that it expires." + SIGNATURE_EN),
    "accepted": (
        "Du hast das Angebot angenommen",
        "Hallo $name,\n\nschön, dass du dabei bist! Dein Platz „$placement“ ist für dich "
        "reserviert. Die Vereinbarung erhältst du in Kürze." + SIGNATURE_DE,
        "You have accepted the offer",
        "Hello $name,\n\nwelcome on board! Your place “$placement” is reserved for you. You "
        "will receive the agreement shortly." + SIGNATURE_EN),
    "declined": (
        "Du hast das Angebot abgelehnt",
        "Hallo $name,\n\ndu hast das Angebot „$placement“ abgelehnt. Schade – wir wünschen "
        "dir alles Gute." + SIGNATURE_DE,
        "You have declined the offer",
        "Hello $name,\n\nyou have declined the offer “$placement”. We wish you all the "
        "best." + SIGNATURE_EN),
    "expired": (
        "Dein Angebot ist verfallen",
        "Hallo $name,\n\ndie Frist zur Annahme des Angebots „$placement“ ist abgelaufen. "
        "Der Platz wird weitergegeben." + SIGNATURE_DE,
        "Your offer has expired",
        "Hello $name,\n\nthe deadline to accept the offer “$placement” has passed. The seat "
        "goes to the next applicant." + SIGNATURE_EN),
    "withdrawn": (
        "Du hast deine Bewerbung zurückgezogen",
        "Hallo $name,\n\ndeine Bewerbung ist zurückgezogen. Du kannst dich im nächsten "
        "Jahrgang gern wieder bewerben." + SIGNATURE_DE,
        "You have withdrawn your application",
        "Hello $name,\n\nyour application has been withdrawn. You are welcome to apply "
        "again next year." + SIGNATURE_EN),
    "rejected": (
        "Deine Bewerbung für das Freiwillige Digitale Jahr",
        "Hallo $name,\n\nleider können wir dir in diesem Jahrgang keinen Platz anbieten. "
        "$reason" + SIGNATURE_DE,
        "Your application for the Freiwilliges Digitales Jahr",
        "Hello $name,\n\nunfortunately we cannot offer you a place this year. $reason"
        + SIGNATURE_EN),
    "guardian_consent": (
        "Bitte bestätigen Sie die Bewerbung von $name",
        "Guten Tag,\n\n$name möchte sich für das Freiwillige Digitale Jahr bewerben und hat "
        "Sie als gesetzliche Vertretung angegeben. Weil $name zum Beginn noch nicht volljährig "
        "ist, brauchen wir Ihre Einwilligung. Bitte bestätigen Sie sie hier: $link"
        + SIGNATURE_FORMAL_DE,
        "Please confirm the application of $name",
        "Hello,\n\n$name would like to apply for the Freiwilliges Digitales Jahr and has "
        "named you as legal guardian. As $name will be under 18 at the start, we need your "
        "consent. Please confirm it here: $link" + SIGNATURE_EN),
    # To staff ("Sie"): $name is the volunteer, $placement the placement, $link the page.
    "zeugnis_requested": (
        "Zeugnis für $name: bitte Entwurf schreiben",
        "Guten Tag,\n\n$name hat ein Zeugnis über das Freiwillige Digitale Jahr in der "
        "Einsatzstelle „$placement“ angefordert. Bitte schreiben Sie den Entwurf hier: $link"
        + SIGNATURE_FORMAL_DE,
        "Zeugnis for $name: please write the draft",
        "Hello,\n\n$name has asked for a Zeugnis on their Freiwilliges Digitales Jahr at "
        "“$placement”. Please write the draft here: $link" + SIGNATURE_EN),
    "zeugnis_drafted": (
        "Zeugnis für $name: Entwurf liegt vor",
        "Guten Tag,\n\ndie Einsatzstelle „$placement“ hat den Entwurf des Zeugnisses für "
        "$name geschrieben. Bitte prüfen Sie ihn und geben Sie ihn frei: $link"
        + SIGNATURE_FORMAL_DE,
        "Zeugnis for $name: draft ready",
        "Hello,\n\nthe host organisation “$placement” has written the draft of the Zeugnis "
        "for $name. Please review and approve it: $link" + SIGNATURE_EN),
}
