import os
from pathlib import Path

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import models
from django.urls import path

settings.configure(
    # As deployed (Django's deployment checklist), with startproject's middleware and their apps.
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost", "testserver"],
    SECRET_KEY="change-me",
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        "rest_framework",
    ],
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [Path(__file__).parent / "templates"],
            "APP_DIRS": True,
        }
    ],
    DATABASES={
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            # libpq's environment names the server, database and user.
            "NAME": os.environ.get("PGDATABASE", ""),
            "HOST": os.environ.get("PGHOST", ""),
            "USER": os.environ.get("PGUSER", ""),
            # Persistent connections, checked before reuse, instead of one per request.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
        }
    },
)
# Load the installed apps now: a model can be declared only after that.
django.setup()

# REST framework reads the settings as it is imported, so it comes after settings.configure().
from rest_framework.decorators import api_view, renderer_classes  # noqa: E402
from rest_framework.renderers import TemplateHTMLRenderer  # noqa: E402
from rest_framework.response import Response  # noqa: E402


class Fortune(models.Model):
    message = models.CharField(max_length=2048)

    class Meta:
        # The table exists already (no migrations), and this single file is no installed app.
        db_table = "fortune"
        managed = False
        app_label = "fortunes"


@api_view(["GET"])
@renderer_classes([TemplateHTMLRenderer])
def fortunes(request):
    rows = [*Fortune.objects.all(), Fortune(id=0, message="A fortune added at request time.")]
    rows.sort(key=lambda fortune: fortune.message)
    # The Django template language escapes the messages, some of which hold markup.
    return Response({"fortunes": rows}, template_name="fortunes.html")


urlpatterns = [path("fortunes", fortunes)]

# Django's idiom names the WSGI callable `application`, not `app`.
application = get_wsgi_application()
