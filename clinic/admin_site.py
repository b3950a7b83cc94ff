"""The admin site: Django's, with its sidebar of every model drawn once a minute per reader.

Django's admin lists every model the user may see in a sidebar on every page: it checked
each model's permissions, reversed two URLs per model and drew about eighty template
nodes, some 15,500 function calls (a seventh of the leaflet list). The sidebar depends on
the language, the script prefix, the user's permissions, the app and model the page belongs
to (marked as current) and, for a few "Add" links, on what is in the database (the one
clinic contact). It is drawn once per such key and minute in each process
(`templates/admin/nav_sidebar.html`): a change of permissions shows at once, an "Add" link
that the database took away within a minute (the page behind it refuses in the meantime).
"""

import hashlib
import time

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from clinic.lib.urls import link

SIDEBAR_SECONDS = 60


class ClinicAdminSite(admin.AdminSite):
    def get_app_list(self, request, app_label=None):
        """Made when a page shows it: not on a page whose sidebar was drawn already."""
        return SimpleLazyObject(
            lambda: super(ClinicAdminSite, self).get_app_list(request, app_label)
        )

    def each_context(self, request):
        context = super().each_context(request)
        context["nav_sidebar_key"] = nav_sidebar_key(request, index=link(f"{self.name}:index"))
        return context


def nav_sidebar_key(request, *, index: str) -> str:
    """Everything the sidebar of `request`'s page depends on, but the database."""
    user = request.user
    if user.is_active and user.is_superuser:
        permissions = "superuser"
    else:
        # The admin's own checks loaded them (cached on the user for the request).
        listed = "\n".join(sorted(user.get_all_permissions()))
        permissions = hashlib.blake2b(listed.encode(), digest_size=16).hexdigest()
    # The app and model in the path, as the sidebar compares it (trailing slash included).
    rest = request.path.removeprefix(index) if request.path.startswith(index) else ""
    parts = rest.split("/", 2)
    section = "/".join(parts[:2]) + ("/" if len(parts) > 2 else "")
    minute = int(time.time() // SIDEBAR_SECONDS)
    return f"{get_language()}|{index}|{permissions}|{section}|{minute}"


class ClinicAdminConfig(AdminConfig):
    default_site = "clinic.admin_site.ClinicAdminSite"
