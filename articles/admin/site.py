"""The admin under the archive's own name, with a link back to the public site."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("News archive")
admin.site.site_title = _("News archive")
admin.site.index_title = _("News archive administration")
# "View site" at the top of every admin page: the public home page.
admin.site.site_url = "/"
