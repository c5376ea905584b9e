from django.urls import path

from feedback import views

app_name = "feedback"
urlpatterns = [
    path("", views.answer, name="answer"),
    path("what-was-wrong/", views.what_was_wrong, name="what_was_wrong"),
    path("thanks/", views.thanks, name="thanks"),
]
