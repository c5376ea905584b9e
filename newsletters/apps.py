from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = "Newsletters"

    def ready(self):
        from delivery.page_cache import purge_when_saved
        from newsletters.models import TeamMember

        purge_when_saved(TeamMember)
