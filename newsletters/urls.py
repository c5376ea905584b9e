"""The newsletter's public steps, one address style for all three, under /email/:
sign-up (/email/subscribe/), the link that confirms it (/email/confirm/<token>/) and the link
that cancels it (/email/unsubscribe/<token>/). Each site's own newsletter page is found from the
request's host name."""

from django.urls import path

from newsletters import views

app_name = "newsletters"
urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
