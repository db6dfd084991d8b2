import sys

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

# A single-file project: the settings a startproject layout keeps in settings.py.
settings.configure(
    DEBUG=True,
    SECRET_KEY="change-me",
    ROOT_URLCONF=__name__,
)


def index(request):
    return HttpResponse("Hello, World!", content_type="text/plain")


urlpatterns = [path("", index)]

# Django's idiom names the WSGI callable `application`, not `app`.
application = get_wsgi_application()

if __name__ == "__main__":
    # python hello_world.py runserver
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
