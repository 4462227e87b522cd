import os

from django.core.wsgi import get_wsgi_application

from config.request_body import ReadChunkedBodies

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = ReadChunkedBodies(get_wsgi_application())
