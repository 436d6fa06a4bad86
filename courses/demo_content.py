"""The demo courses' content for `seed_demo` (courses.demo): four real-looking courses with
their lessons, quizzes and topics, as data."""

import uuid

from courses.models import CourseFormat, LessonRequirement

NAMESPACE = uuid.UUID("6b1f6f9e-3c55-4b8e-9a52-0e1d2a7c9b10")


def block_id(*parts: str) -> str:
    """Stable block ids, so a second seed run and every answer form agree on them."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def prose(key: str, *paragraphs: str) -> dict:
    """A paragraph block of the given paragraphs."""
    return {"type": "paragraph", "id": block_id(key, "text"),
            "value": "".join(f"<p>{p}</p>" for p in paragraphs)}


def _callout(key: str, kind: str, title: str, text: str) -> dict:
    return {"type": "callout", "id": block_id(key, "callout"),
            "value": {"kind": kind, "title": title, "text": f"<p>{text}</p>"}}


def _single(key: str, question: str, options: list[tuple[str, bool, str]]) -> dict:
    return {"type": "single_choice", "id": block_id(key, question), "value": {
        "question": question,
        "options": [{"type": "item", "id": block_id(key, question, text),
                     "value": {"text": text, "correct": correct, "feedback": feedback}}
                    for text, correct, feedback in options]}}


def _multiple(key: str, question: str, options: list[tuple[str, bool, str]]) -> dict:
    block = _single(key, question, options)
    block["type"] = "multiple_choice"
    return block


def _true_false(key: str, statement: str, correct: bool, feedback: str) -> dict:
    return {"type": "true_false", "id": block_id(key, statement),
            "value": {"question": statement, "correct": correct, "feedback": feedback}}


def _short(key: str, question: str, accepted: list[str], feedback: str) -> dict:
    return {"type": "short_text", "id": block_id(key, question), "value": {
        "question": question, "case_sensitive": False, "feedback": feedback,
        "accepted_answers": [{"type": "item", "id": block_id(key, question, a), "value": a}
                             for a in accepted]}}


def _quiz(key: str, title: str, pass_mark: int, max_attempts: int, questions: list) -> dict:
    return {"type": "quiz", "id": block_id(key, "quiz"), "value": {
        "title": title, "pass_mark": pass_mark, "max_attempts": max_attempts,
        "shuffle_questions": False, "shuffle_answers": False, "show_feedback": True,
        "questions": questions}}


KI = "ki-dienstanweisung"
DS = "datenschutz-grundlagen"
EA = "e-akte"
BF = "barrierefreie-dokumente"

COURSES = [
    {
        "slug": KI, "title": "Generative KI in der Verwaltung: die Dienstanweisung",
        "teaser": ("Die verbindliche Dienstanweisung des Landes zum Einsatz generativer KI: "
                   "was erlaubt ist, was nicht, und wie Sie KI-Werkzeuge sicher nutzen."),
        "description": ("<p>Seit Februar 2025 verlangt die KI-Verordnung der EU (Art. 4), dass "
                        "Beschäftigte, die KI-Systeme einsetzen, über ausreichende "
                        "KI-Kompetenz verfügen. Diese Pflichtschulung vermittelt die "
                        "Dienstanweisung des Landes und schließt mit einem Test ab.</p>"),
        "learning_objectives": ("<ul><li>Sie erklären, wie generative KI Texte erzeugt und wo "
                                "ihre Grenzen liegen.</li><li>Sie wenden die Regeln der "
                                "Dienstanweisung im Arbeitsalltag an.</li><li>Sie erkennen "
                                "Daten, die nie in ein KI-Werkzeug gehören.</li></ul>"),
        "target_group": "Alle Beschäftigten des Landes und der Kommunen, die KI-Werkzeuge nutzen.",
        "duration_minutes": 45, "format": CourseFormat.ONLINE, "topic": "ki",
        "areas": ["2", "4"], "is_mandatory": True, "content_version": "2026.1",
        "validity_months": 24,
        "lessons": [
            ("was-ist-generative-ki", "Was ist generative KI?", LessonRequirement.VIEWED, [
                prose(KI + "1", "Generative KI erzeugt neue Inhalte – Texte, Bilder, Code – "
                      "auf Grundlage von Mustern, die sie aus großen Datenmengen gelernt hat.",
                      "Sprachmodelle sagen Wort für Wort voraus, was wahrscheinlich folgt. "
                      "Deshalb klingen ihre Antworten flüssig, sind aber nicht immer richtig."),
                _callout(KI + "1", "warning", "Halluzinationen",
                         "KI-Werkzeuge erfinden mitunter Fakten, Quellen und Paragrafen. "
                         "Prüfen Sie jedes Ergebnis, bevor Sie es verwenden."),
            ]),
            ("dienstanweisung-ueberblick", "Die Dienstanweisung im Überblick",
             LessonRequirement.VIEWED, [
                 prose(KI + "2", "Die Dienstanweisung regelt, welche KI-Werkzeuge dienstlich "
                       "genutzt werden dürfen, welche Daten eingegeben werden dürfen und wer "
                       "für das Ergebnis verantwortlich bleibt.",
                       "Grundsatz: Die Verantwortung für jede Entscheidung und jedes Schreiben "
                       "bleibt beim Menschen. KI-Ergebnisse sind Entwürfe."),
             ]),
            ("daten-und-ki", "Personenbezogene Daten und Verschlusssachen",
             LessonRequirement.VIEWED, [
                 prose(KI + "3", "Personenbezogene Daten, Verschlusssachen und "
                       "Betriebsgeheimnisse dürfen nicht in frei verfügbare KI-Dienste "
                       "eingegeben werden.",
                       "Nutzen Sie ausschließlich die vom Land freigegebenen Werkzeuge und "
                       "anonymisieren Sie Beispiele, bevor Sie sie verwenden."),
             ]),
            ("abschlusstest", "Abschlusstest", LessonRequirement.PASSED, [
                prose(KI + "4", "Zum Abschluss prüfen zehn Minuten lang fünf Fragen Ihr Wissen. "
                      "Sie bestehen ab 80 Prozent und haben drei Versuche."),
                _quiz(KI + "4", "Abschlusstest zur Dienstanweisung", 80, 3, [
                    _single(KI + "q",
                            "Wer ist für ein mit KI erstelltes Schreiben verantwortlich?", [
                        ("Die Person, die es verwendet und zeichnet", True,
                         "Richtig: Die Verantwortung bleibt beim Menschen."),
                        ("Der Anbieter des KI-Werkzeugs", False,
                         "Nein: Anbieter übernehmen keine Verantwortung für Ihre Vorgänge."),
                        ("Niemand, wenn die KI es geschrieben hat", False,
                         "Nein: KI-Ergebnisse sind immer nur Entwürfe."),
                    ]),
                    _multiple(KI + "q",
                              "Welche Daten dürfen nicht in einen frei verfügbaren KI-Dienst?", [
                        ("Namen und Anschriften von Bürgerinnen und Bürgern", True, ""),
                        ("Als Verschlusssache eingestufte Inhalte", True, ""),
                        ("Ein selbst formulierter, anonymer Beispieltext", False,
                         "Anonyme Beispiele sind erlaubt."),
                    ]),
                    _true_false(KI + "q", "KI-Werkzeuge geben Quellen immer korrekt an.", False,
                                "Falsch: Quellenangaben können erfunden sein."),
                    _true_false(KI + "q", "Nur vom Land freigegebene KI-Werkzeuge dürfen "
                                "dienstlich genutzt werden.", True,
                                "Richtig: So steht es in der Dienstanweisung."),
                    _short(KI + "q", "Wie heißt das Phänomen, wenn eine KI Fakten erfindet?",
                           ["Halluzination", "Halluzinationen", "Halluzinieren"],
                           "Man spricht von Halluzinationen."),
                ]),
            ]),
        ],
    },
    {
        "slug": DS, "title": "Datenschutz-Grundlagen für Beschäftigte",
        "teaser": "Die DSGVO im Arbeitsalltag der Verwaltung: Grundbegriffe, Rechte, Pannen.",
        "description": ("<p>Was sind personenbezogene Daten, wann dürfen Sie sie verarbeiten, "
                        "und was tun Sie bei einer Datenpanne? Der Kurs ist alle zwei Jahre "
                        "zu wiederholen.</p>"),
        "learning_objectives": "<ul><li>Sie erkennen personenbezogene Daten.</li>"
                               "<li>Sie melden Datenpannen richtig.</li></ul>",
        "target_group": "Alle Beschäftigten.",
        "duration_minutes": 90, "format": CourseFormat.ONLINE, "topic": "datenschutz",
        "areas": ["1", "4"], "is_mandatory": False, "content_version": "2026.1",
        "validity_months": 24,
        "modules": [
            ("grundbegriffe", "Modul 1: Grundbegriffe", [
                ("personenbezogene-daten", "Personenbezogene Daten", LessonRequirement.VIEWED, [
                    prose(DS + "1", "Personenbezogen sind alle Informationen, die sich auf eine "
                          "identifizierte oder identifizierbare Person beziehen – auch "
                          "Aktenzeichen oder IP-Adressen können dazu gehören."),
                ]),
                ("rechtsgrundlagen", "Rechtsgrundlagen", LessonRequirement.VIEWED, [
                    prose(DS + "2", "Behörden verarbeiten Daten meist zur Erfüllung einer "
                          "Aufgabe im öffentlichen Interesse (Art. 6 Abs. 1 lit. e DSGVO)."),
                ]),
            ]),
            ("arbeitsalltag", "Modul 2: Im Arbeitsalltag", [
                ("datenpanne", "Datenpanne – was nun?", LessonRequirement.VIEWED, [
                    prose(DS + "3", "Eine Datenpanne muss innerhalb von 72 Stunden an die "
                          "Aufsichtsbehörde gemeldet werden. Informieren Sie sofort Ihre "
                          "Datenschutzbeauftragte oder Ihren Datenschutzbeauftragten."),
                ]),
                ("wissenstest-datenschutz", "Wissenstest", LessonRequirement.PASSED, [
                    _quiz(DS + "4", "Wissenstest Datenschutz", 70, 0, [
                        _single(DS + "q",
                                "Innerhalb welcher Frist ist eine Datenpanne zu melden?", [
                            ("24 Stunden", False, ""), ("72 Stunden", True, ""),
                            ("Zwei Wochen", False, "")]),
                        _true_false(DS + "q", "Eine IP-Adresse kann ein personenbezogenes "
                                    "Datum sein.", True, ""),
                        _true_false(DS + "q", "Datenschutz gilt nicht für Papierakten.", False,
                                    "Die DSGVO gilt auch für strukturierte Papierakten."),
                    ]),
                ]),
            ]),
        ],
    },
    {
        "slug": EA, "title": "E-Akte und digitale Vorgangsbearbeitung",
        "teaser": "Vom Posteingang bis zur Aussonderung: Vorgänge vollständig digital führen.",
        "description": "<p>Online-Teil und ein halbtägiges Praxisseminar im Landesamt.</p>",
        "learning_objectives": "<ul><li>Sie legen Vorgänge in der E-Akte richtig an.</li></ul>",
        "target_group": "Sachbearbeitung in Landesbehörden.",
        "duration_minutes": 240, "format": CourseFormat.BLENDED, "topic": "e-akte",
        "areas": ["1", "5"], "is_mandatory": False, "content_version": "1",
        "lessons": [
            ("grundlagen-e-akte", "Grundlagen der E-Akte", LessonRequirement.VIEWED, [
                prose(EA + "1", "Die E-Akte ersetzt die Papierakte vollständig; das "
                      "Thüringer E-Government-Gesetz verpflichtet die Landesbehörden dazu."),
            ]),
            ("posteingang", "Posteingang digitalisieren", LessonRequirement.VIEWED, [
                prose(EA + "2", "Papierpost wird gescannt, geprüft und dem Vorgang "
                      "zugeordnet (ersetzendes Scannen nach TR-RESISCAN)."),
            ]),
            ("selbsttest-e-akte", "Selbsttest", LessonRequirement.ANSWERED, [
                _quiz(EA + "3", "Selbsttest E-Akte", 50, 0, [
                    _true_false(EA + "q", "Nach dem ersetzenden Scannen darf das Papier "
                                "unter Bedingungen vernichtet werden.", True, ""),
                    _short(EA + "q", "Wie heißt die Technische Richtlinie zum ersetzenden "
                           "Scannen?", ["TR-RESISCAN", "RESISCAN"], ""),
                ]),
            ]),
        ],
    },
    {
        "slug": BF, "title": "Barrierefreie Dokumente erstellen",
        "teaser": "Word- und PDF-Dokumente so gestalten, dass alle sie lesen können.",
        "description": "<p>Überschriften, Alternativtexte, Tabellen und der PDF-Export.</p>",
        "learning_objectives": "<ul><li>Sie erstellen barrierefreie PDF-Dokumente.</li></ul>",
        "target_group": "Alle, die Dokumente für die Öffentlichkeit erstellen.",
        "duration_minutes": 60, "format": CourseFormat.ONLINE, "topic": "barrierefreiheit",
        "areas": ["3"], "is_mandatory": False, "content_version": "2025.2",
        "lessons": [
            ("struktur", "Struktur mit Formatvorlagen", LessonRequirement.VIEWED, [
                prose(BF + "1", "Screenreader navigieren über Überschriften. Nutzen Sie "
                      "deshalb Formatvorlagen statt fetter Schrift."),
            ]),
            ("alternativtexte", "Alternativtexte für Bilder", LessonRequirement.VIEWED, [
                prose(BF + "2", "Ein Alternativtext beschreibt, was ein Bild aussagt – nicht, "
                      "wie es aussieht."),
            ]),
            ("test-barrierefreiheit", "Kurztest", LessonRequirement.PASSED, [
                _quiz(BF + "3", "Kurztest Barrierefreiheit", 60, 0, [
                    _true_false(BF + "q", "Fette Schrift ersetzt eine Überschrift.", False, ""),
                    _single(BF + "q", "Was gehört in einen Alternativtext?", [
                        ("Die Aussage des Bildes", True, ""),
                        ("Der Dateiname", False, ""), ("Nichts", False, "")]),
                ]),
            ]),
        ],
    },
]

TOPICS = [("ki", "Künstliche Intelligenz", "Artificial intelligence"),
          ("datenschutz", "Datenschutz", "Data protection"),
          ("e-akte", "E-Akte und Prozesse", "E-files and processes"),
          ("barrierefreiheit", "Barrierefreiheit", "Accessibility")]
