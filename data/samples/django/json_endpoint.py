import sys

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import path

settings.configure(
    DEBUG=True,
    SECRET_KEY="change-me",
    ROOT_URLCONF=__name__,
)


def item(request, item_id):
    # item_id is already an int: the <int:...> path converter converted it.
    return JsonResponse({"id": item_id, "name": f"Item {item_id}"})


# A segment that is not an integer does not match the pattern, so Django answers 404.
urlpatterns = [path("items/<int:item_id>", item)]

# Django's idiom names the WSGI callable `application`, not `app`.
application = get_wsgi_application()

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
