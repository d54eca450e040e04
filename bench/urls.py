"""The site's URLs plus the floor: the cheapest response Django can serve here."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from newsroom.urls import urlpatterns as site


# Never stored by the page cache: with the cache on, the floor still measures
# the view's own path (the middleware looks the page up, then the view answers).
@never_cache
def floor(request):
    return HttpResponse("ok")


urlpatterns = [path("bench-floor/", floor), *site]
