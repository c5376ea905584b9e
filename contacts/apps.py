from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = "Contacts"

    def ready(self):
        from wagtail.models import TaskState
        from wagtail.signals import task_submitted

        from contacts.models import ContactPoint
        from contacts.models.approval import CouncilPublisherSubmissionEmailNotifier
        from delivery.page_cache import purge_when_saved

        purge_when_saved(ContactPoint)
        task_submitted.connect(
            CouncilPublisherSubmissionEmailNotifier(),
            sender=TaskState,
            weak=False,  # the notifier lives only in this connection
            dispatch_uid="council_publisher_approval_submitted_email",
        )
