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
    # The browsable API (what a browser asking for HTML gets) renders rest_framework's templates.
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}],
)

# REST framework reads the settings as it is imported, so it comes after settings.configure().
from rest_framework import serializers  # noqa: E402
from rest_framework.decorators import api_view  # noqa: E402
from rest_framework.response import Response  # noqa: E402


class ItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


@api_view(["GET"])
def item(request, item_id):
    # item_id is already an int: Django's <int:...> path converter converted it.
    serializer = ItemSerializer({"id": item_id, "name": f"Item {item_id}"})
    # Content negotiation picks JSONRenderer for API clients.
    return Response(serializer.data)


# A segment that is not an integer does not match the pattern, so Django answers 404.
urlpatterns = [path("items/<int:item_id>", item)]

# Django's idiom names the WSGI callable `application`, not `app`.
application = get_wsgi_application()
