"""Liveness and readiness for load balancers and orchestrators: plain Django views, outside
the API's rate limits, answering in JSON."""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def health(request):
    """The process is up and answering."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request):
    """The database answers: the instance can serve."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means not ready; say which
        return JsonResponse({"status": "unavailable", "database": type(error).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
