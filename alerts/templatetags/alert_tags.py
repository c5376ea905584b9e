from django import template

from alerts.showing import alerts_for

register = template.Library()


@register.simple_tag(takes_context=True)
def current_alerts(context):
    """The alerts this page shows now, looked up once per request."""
    request = context.get("request")
    if request is None:
        return []
    if not hasattr(request, "_current_alerts"):
        request._current_alerts = alerts_for(request, context.get("page"))
    return request._current_alerts
