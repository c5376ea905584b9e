from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "bookings"
    verbose_name = "Training and booking requests"

    def ready(self):
        from bookings.models import BookingRequestSettings
        from delivery.page_cache import purge_when_saved

        # The request page shows how long requests are kept.
        purge_when_saved(BookingRequestSettings, on_create=False)
