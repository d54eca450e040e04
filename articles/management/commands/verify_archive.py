"""python manage.py verify_archive [--backup DIR]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from articles.archiving import (
    ArchiveError,
    MediaCheck,
    capture_problems,
    check_backup,
    plural,
    read_manifest,
)
from articles.importer.progress import Progress
from articles.models import Capture, Photo


class Command(BaseCommand):
    help = (
        "Check the archive's fixity: every capture's bytes as captured (its original "
        "bytes, else its text) against its SHA-256 and every file a photo names (image, "
        "original upload, renditions); or, with --backup DIR, a backup folder against "
        "its manifest. "
        "Lists each problem on its own line and exits non-zero if there is any."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--backup",
            metavar="DIR",
            help="Verify this backup folder's files against its manifest instead.",
        )

    def handle(self, *args, **options):
        try:
            if options["backup"]:
                problems = self.verify_backup(Path(options["backup"]).expanduser().absolute())
            else:
                problems = self.verify_archive()
        except (DatabaseError, OSError) as error:
            raise CommandError(f"Verification could not finish: {error}") from None
        if problems:
            raise CommandError(f"{plural(problems, 'problem')} found.")

    def verify_archive(self) -> int:
        problems = 0
        captures = Capture.objects.count()
        for line in capture_problems(Progress(captures, "Checking captures", self.stderr._out)):
            self.stderr.write(line)
            problems += 1
        media = MediaCheck()
        progress = Progress(Photo.objects.count(), "Checking media", self.stderr._out)
        for line in media.problems(progress):
            self.stderr.write(line)
            problems += 1
        self.stdout.write(
            f"Checked {plural(captures, 'capture')} and {plural(media.checked, 'media file')}: "
            f"{plural(problems, 'problem')}."
        )
        return problems

    def verify_backup(self, folder: Path) -> int:
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        try:
            total = len(read_manifest(folder)["files"])
        except ArchiveError:
            # check_backup reports an unreadable manifest as a problem itself.
            total = 0
        _, problems = check_backup(folder, Progress(total, "Checking files", self.stderr._out))
        for line in problems:
            self.stderr.write(line)
        self.stdout.write(
            f"Checked {plural(total, 'file')} in {folder} against its manifest: "
            f"{plural(len(problems), 'problem')}."
        )
        return len(problems)
