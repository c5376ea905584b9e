from django.urls import path

from contact_updates import views

app_name = "contact_updates"
urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    # The token travels in the query string, as the newsletter's confirmation link does.
    path("confirm/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
