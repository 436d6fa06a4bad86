"""manage.py h5p_import FILE…: validate and import H5P packages (the admin upload's twin)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from courses.h5p.services import PackageRefused, h5p_content_import


class Command(BaseCommand):
    help = "Validate and import .h5p packages. Exits with status 1 if any package is refused."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--keep-installed-libraries", action="store_true",
                            help="Import packages whose copy of an installed library version "
                                 "differs, playing them with the installed copy.")
        parser.add_argument("--language", default=None,
                            help="Language of the messages (de or en).")

    def handle(self, *args, files, keep_installed_libraries, language, **options):
        refused = 0
        with translation.override(language or translation.get_language()):
            for name in files:
                try:
                    with open(name, "rb") as handle:
                        result = h5p_content_import(
                            source=handle, keep_installed_libraries=keep_installed_libraries)
                except OSError as error:
                    refused += 1
                    self.stderr.write(f"{name}: {error.strerror}")
                    continue
                except PackageRefused as error:
                    refused += 1
                    self.stderr.write(f"{name}:")
                    for problem in error.problems:
                        self.stderr.write(f"  - {problem}")
                    continue
                state = "imported" if result.created else "already imported"
                self.stdout.write(f"{name}: {state} as “{result.content.title}” "
                                  f"({result.content.public_id})")
        if refused:
            raise CommandError(f"{refused} of {len(files)} package(s) refused.", returncode=1)
