"""Event lists shown on pages of other apps, so those apps need not import this one."""

from django import template
from django.utils import timezone

from delivery import page_cache, site_cache
from events.models import EventPage

register = template.Library()


@register.simple_tag(takes_context=True)
def upcoming_sessions(context, course):
    """The live, upcoming events that are sessions of `course` (a training course page),
    soonest first. The page is cached no longer than until the first of them starts."""
    now = timezone.now()
    sessions = list(
        site_cache.public(EventPage.objects.live())
        .filter(training_course=course, end__gt=now)
        .order_by("start", "pk")
    )
    request = context.get("request")
    if sessions and request is not None:
        page_cache.expire_by(request, min(s.start if s.start > now else s.end for s in sessions))
    return sessions
