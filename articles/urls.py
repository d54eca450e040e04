from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.ArticleListView.as_view(), name="article-list"),
    path(
        "articles/<int:year>/<int:month>/<int:day>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article-detail",
    ),
    path("districts/", views.DistrictListView.as_view(), name="district-list"),
    path("districts/<slug:slug>/", views.DistrictDetailView.as_view(), name="district-detail"),
]
