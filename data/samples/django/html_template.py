from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.shortcuts import render
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
        }
    ],
)


def hello(request, name):
    # The Django template language escapes {{ name }} automatically.
    return render(request, "hello.html", {"name": name})


urlpatterns = [path("hello/<str:name>", hello)]

# Django's idiom names the WSGI callable `application`, not `app`.
application = get_wsgi_application()
