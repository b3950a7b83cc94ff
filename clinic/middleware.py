"""Middleware of the clinic's own."""

import codecs

from django.http import HttpResponseBadRequest
from django.template import loader

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _is_utf8(charset: str) -> bool:
    try:
        return codecs.lookup(charset).name == "utf-8"
    except LookupError:
        return False


class Utf8FormsMiddleware:
    """Refuse form posts that declare a charset other than UTF-8, with a 400.

    Django refuses them too, but only when the form is read, and its 400 page reads the
    form again (for the CSRF token) and so fails with a 500. This runs before anything reads
    the form. A UTF-8 alias (`utf8`) is accepted and read as UTF-8.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        content_type = request.content_type or ""
        charset = request.content_params.get("charset")
        if charset and content_type in FORM_TYPES:
            if not _is_utf8(charset):
                body = loader.get_template("400.html").render()
                return HttpResponseBadRequest(body)
            request.encoding = "utf-8"
        return self.get_response(request)
