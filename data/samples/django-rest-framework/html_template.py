from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
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
)

# REST framework reads the settings as it is imported, so it comes after settings.configure().
from rest_framework.decorators import api_view, renderer_classes  # noqa: E402
from rest_framework.renderers import TemplateHTMLRenderer  # noqa: E402
from rest_framework.response import Response  # noqa: E402


@api_view(["GET"])
@renderer_classes([TemplateHTMLRenderer])
def hello(request, name):
    # TemplateHTMLRenderer renders the data with the Django template language, which escapes {{ name }}.
    return Response({"name": name}, template_name="hello.html")


urlpatterns = [path("hello/<str:name>", hello)]

# Django's idiom names the WSGI callable `application`, not `app`.
application = get_wsgi_application()
