"""python manage.py generate_archive --articles N"""

from django.core.management.base import BaseCommand, CommandError

from articles.importer.progress import Progress
from articles.models import District
from articles.synthetic import generate


class Command(BaseCommand):
    help = (
        "Generate a deterministic, visibly synthetic archive (for tests and benchmarks): "
        "articles over several years across the gazetteer's places, with quotes, photo "
        "records, captions and comments, all from the source synthetic.example."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000, help="How many (default 1000).")
        parser.add_argument("--seed", type=int, default=2020, help="Random seed (default 2020).")

    def handle(self, *args, **options):
        count = options["articles"]
        if not 1 <= count <= 5_000_000:
            raise CommandError("--articles must be between 1 and 5,000,000.")
        if not District.objects.exclude(kind=District.Kind.REGION).exists():
            raise CommandError(
                "The gazetteer is empty: articles need places to be filed under. "
                "Run `python manage.py migrate` on a new database first."
            )
        progress = Progress(count, "Generating", self.stderr._out, threshold=1)
        made = generate(count, seed=options["seed"], progress=progress.advance)
        self.stdout.write(
            f"Generated {made.articles} synthetic articles, {made.quotes} quotes, "
            f"{made.photos} photos, {made.captions} captions, {made.comments} comments."
        )
