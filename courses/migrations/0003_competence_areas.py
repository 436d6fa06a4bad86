"""The five competence areas of DigComp 2.2, the vocabulary courses are tagged with."""

from django.db import migrations

AREAS = [
    ("1", "Umgang mit Informationen und Daten", "Information and data literacy"),
    ("2", "Kommunikation und Zusammenarbeit", "Communication and collaboration"),
    ("3", "Erstellung digitaler Inhalte", "Digital content creation"),
    ("4", "Sicherheit", "Safety"),
    ("5", "Problemlösung", "Problem solving"),
]


def create_areas(apps, schema_editor):
    CompetenceArea = apps.get_model("courses", "CompetenceArea")
    for code, name, name_en in AREAS:
        CompetenceArea.objects.update_or_create(code=code, defaults={"name": name,
                                                                     "name_en": name_en})


class Migration(migrations.Migration):
    dependencies = [("courses", "0002_learning")]

    operations = [migrations.RunPython(create_areas, migrations.RunPython.noop)]
