from django import template

from pages import spam

register = template.Library()


@register.simple_tag
def feedback_stamp():
    """The signed render time for the feedback forms (pages/spam.py). No database query."""
    return spam.render_stamp()
