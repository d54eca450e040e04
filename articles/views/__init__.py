"""Public pages. Every query here starts from Article.objects.published()."""
