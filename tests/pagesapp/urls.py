from django.http import HttpResponse
from django.urls import path

from newsroom import urls as site

from .models import Notice


def notices(request):
    return HttpResponse(", ".join(notice.text for notice in Notice.objects.order_by("id")))


urlpatterns = [path("synthetic-notices/", notices), *site.urlpatterns]
