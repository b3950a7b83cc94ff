"""`{% link "patients:reader" pk=assignment.pk %}`: `{% url %}` without its `reverse`.

For the links of the pages every patient opens (the menu, the reader): each process
reverses a URL name once (`clinic.lib.urls`). Only for paths whose arguments are numbers
(`<int:pk>`) or that have none; `{% url %}` for the rest.
"""

from django import template

from clinic.lib.urls import link as _link

register = template.Library()


@register.simple_tag
def link(viewname, **numbers):
    return _link(viewname, **numbers)
