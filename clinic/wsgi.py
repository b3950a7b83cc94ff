import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")

application = get_wsgi_application()
# Django's modules, settings and URLs live as long as the process: moved out of the garbage
# collector's sight, the full collections that every few dozen requests walked all of them
# (pauses of 60-80 ms on the longer pages) walk only what the requests made. Before fork
# (gunicorn's preload_app), it also keeps the workers' copies of those pages shared.
gc.freeze()
