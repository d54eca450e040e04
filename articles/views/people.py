"""Speakers: the people quoted in public articles, and each one's quotes."""

from django.db.models import Count, Max, Min
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from articles.models import Person, Quote
from articles.pagination import paginate


def person_list(request):
    """People with public quotes, by name, each with how many.

    Template: articles/person_list.html. Context: page_obj, people (each with
    .quote_count), page_message.
    """
    people = Person.objects.public().for_listing()
    page, page_message = paginate(request, people)
    return render(
        request,
        "articles/person_list.html",
        {"page_obj": page, "people": page.object_list, "page_message": page_message},
    )


def person_detail(request, slug: str):
    """A person with a public quote, and their public quotes, newest first.

    Template: articles/person_detail.html. Context: person, span (how many quotes,
    in how many articles, first and last article dates), descriptions (each way the
    coverage described them, with its first and last day), page_obj, quotes (each
    with its article and the article's .places), page_message. A person with no
    public quote has no page.
    """
    person = get_object_or_404(Person.objects.public().for_listing(), slug=slug)
    quotes = Quote.objects.public().filter(speaker=person)
    span = quotes.aggregate(
        quotes=Count("pk"),
        articles=Count("article", distinct=True),
        first=Min("article__published_at"),
        last=Max("article__published_at"),
    )
    # Days as the reader's calendar has them: the page says "on" one day or "from ... to".
    span["first"], span["last"] = (timezone.localdate(span[end]) for end in ("first", "last"))
    # How the coverage described them over time: each description with its first and last day.
    descriptions = [
        {**row, "first": timezone.localdate(row["first"]), "last": timezone.localdate(row["last"])}
        for row in quotes.exclude(speaker_description="")
        .values("speaker_description")
        .annotate(
            first=Min("article__published_at"),
            last=Max("article__published_at"),
            language=Min("language"),
        )
        .order_by("first")
    ]
    page, page_message = paginate(
        request, quotes.for_listing().order_by("-article__published_at", "id")
    )
    return render(
        request,
        "articles/person_detail.html",
        {
            "person": person,
            "span": span,
            "descriptions": descriptions,
            "page_obj": page,
            "quotes": page.object_list,
            "page_message": page_message,
        },
    )
