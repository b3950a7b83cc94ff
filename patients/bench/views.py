from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import engines

# The reference page: a session, its user and a one-line template, nothing else.
BARE_TEMPLATE = engines["django"].from_string("<p>{{ user.get_short_name }}</p>\n")


@login_required
def bare(request):
    return HttpResponse(BARE_TEMPLATE.render({}, request))
