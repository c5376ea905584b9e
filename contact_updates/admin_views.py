"""How many partners get each council's contact change emails: a count per council, for the
officers who look after that council's contacts (the contacts' own per-site policy). No
addresses are shown."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.template.response import TemplateResponse
from wagtail.permissions import policy_registry

from accounts.site_permissions import ANY_ACTION
from contact_updates.models import ContactUpdateSubscriber
from contacts.models import ContactPoint


def councils_for(user):
    policy = policy_registry.get_by_type(ContactPoint)
    return policy.sites_user_has_any_permission_for(user, ANY_ACTION).order_by("site_name")


def may_see_counts(user):
    return councils_for(user).exists()


def subscriber_counts(request):
    councils = list(councils_for(request.user))
    if not councils:
        raise PermissionDenied
    counts = dict(
        ContactUpdateSubscriber.objects.filter(site__in=councils)
        .values("site")
        .annotate(n=Count("pk"))
        .values_list("site", "n")
    )
    rows = [{"council": site, "subscribers": counts.get(site.pk, 0)} for site in councils]
    return TemplateResponse(request, "contact_updates/admin/counts.html", {"rows": rows})
