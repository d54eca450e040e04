"""Forms readers fill in."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Article, Comment


class CommentForm(forms.Form):
    author = forms.CharField(label=_("Your name"), max_length=100)
    body = forms.CharField(
        label=_("Comment"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Plain text. Comments are published after moderation."),
    )
    # Invisible to people; bots that fill every field give themselves away.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("This field must stay empty."), code="honeypot")
        return ""

    def save(self, article: Article) -> Comment:
        return Comment.objects.create(
            article=article,
            author=self.cleaned_data["author"].strip(),
            body=self.cleaned_data["body"].strip(),
        )
