"""The admin's user forms: each council's groups come first, so officers get the right one."""

from django.contrib.auth.models import Group
from django.db.models import Case, IntegerField, Value, When
from wagtail.models import Site
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

from accounts.site_groups import ROLES, group_name

GROUPS_HELP = (
    "Give an officer their council's editors group (drafts, submitted for approval) or "
    "publishers group (puts things live). Each reaches one council only."
)


def groups_council_first():
    council_groups = [group_name(site, role) for site in Site.objects.all() for role in ROLES]
    return Group.objects.annotate(
        council_group=Case(
            When(name__in=council_groups, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("council_group", "name")


class CouncilGroupsFirstMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "groups" in self.fields:
            self.fields["groups"].queryset = groups_council_first()
            self.fields["groups"].help_text = GROUPS_HELP


class OfficerCreationForm(CouncilGroupsFirstMixin, UserCreationForm):
    pass


class OfficerEditForm(CouncilGroupsFirstMixin, UserEditForm):
    pass


class OfficerUserViewSet(UserViewSet):
    def get_form_class(self, for_update=False):
        return OfficerEditForm if for_update else OfficerCreationForm
