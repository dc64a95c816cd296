from django.urls import path

from tradebridge.news import views

app_name = "news"

urlpatterns = [
    path("", views.article_list, name="list"),
    path("import/", views.article_import, name="import"),
    path("<int:pk>/", views.article_review, name="review"),
    path("candidates/<int:pk>/accept/", views.candidate_accept, name="accept"),
    path("candidates/<int:pk>/discard/", views.candidate_discard, name="discard"),
]
