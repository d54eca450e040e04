"""The site's URLs plus the floor: the cheapest response Django can serve here."""

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as site


def floor(request):
    return HttpResponse("ok")


urlpatterns = [path("bench-floor/", floor), *site]
