"""Contact changes go to the publishers of the contact's own council for approval.

Wagtail assigns a workflow to every contact at once (snippet workflows are per model), and its
group approval task names fixed groups. This task instead asks the permission policy who may
publish the contact in hand, so a Westminster contact goes to Westminster's publishers only and
a national contact to officers with the global right (superusers).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.mail import BaseGroupApprovalTaskStateEmailNotifier
from wagtail.models import Task, TaskState
from wagtail.permissions import policy_registry


def may_publish(user, obj):
    return policy_registry.get(obj).user_has_permission_for_instance(user, "publish", obj)


class CouncilPublisherApprovalTask(Task):
    def user_can_access_editor(self, obj, user):
        return may_publish(user, obj)

    def locked_for_user(self, obj, user):
        # As with pages: while waiting for approval, only the reviewers may change it.
        return not may_publish(user, obj)

    def user_can_lock(self, obj, user):
        return may_publish(user, obj)

    def get_actions(self, obj, user):
        if not may_publish(user, obj):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        in_progress = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return in_progress
        reviewable = Q(pk__in=[])
        content_type_ids = in_progress.values_list(
            "workflow_state__base_content_type", flat=True
        ).distinct()
        for content_type_id in content_type_ids:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            publishable = policy_registry.get_by_type(model).instances_user_has_any_permission_for(
                user, ["publish"]
            )
            object_ids = [str(pk) for pk in publishable.values_list("pk", flat=True)]
            reviewable |= Q(
                workflow_state__base_content_type_id=content_type_id,
                workflow_state__object_id__in=object_ids,
            )
        return in_progress.filter(reviewable)

    @classmethod
    def get_description(cls):
        return _("Publishers of the council the item belongs to approve it")

    class Meta:
        verbose_name = "Council publishers' approval"
        verbose_name_plural = "Council publishers' approvals"


class CouncilPublisherSubmissionEmailNotifier(BaseGroupApprovalTaskStateEmailNotifier):
    """Emails the publishers of the item's own council when a change is submitted to them,
    with Wagtail's own wording (as it does for a group approval task)."""

    notification = "submitted"

    def can_handle(self, instance, **kwargs):
        return isinstance(instance, TaskState) and isinstance(
            instance.task.specific, CouncilPublisherApprovalTask
        )

    def get_recipient_users(self, task_state, **kwargs):
        obj = task_state.workflow_state.content_object
        reviewers = policy_registry.get(obj).users_with_any_permission_for_instance(
            ["publish"], obj
        )
        if user := kwargs.get("user"):
            reviewers = reviewers.exclude(pk=user.pk)
        return set(reviewers)
