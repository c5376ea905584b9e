from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = "Newsletters"

    def ready(self):
        from newsletters.models import TeamMember
        from pages.page_cache import purge_when_saved

        purge_when_saved(TeamMember)
