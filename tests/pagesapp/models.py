from django.db import models


class Notice(models.Model):
    """A synthetic notice readers see on a page of its own."""

    text = models.CharField(max_length=100)

    class Meta:
        app_label = "pagesapp"

    def __str__(self) -> str:
        return self.text
