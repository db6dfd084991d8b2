from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
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
)


def item(request, item_id):
    # item_id is already an int: the <int:...> path converter converted it.
    return JsonResponse({"id": item_id, "name": f"Item {item_id}"})


# A segment that is not an integer does not match the pattern, so Django answers 404.
urlpatterns = [path("items/<int:item_id>", item)]

# Django's idiom names the WSGI callable `application`, not `app`.
application = get_wsgi_application()
