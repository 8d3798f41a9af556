"""``/healthz``: may this process take traffic? For load balancers and uptime checks.

It answers 200 when the database answers a query and the cache keeps a value,
and 503 otherwise, with which check failed (never why: error texts can name
hosts and users). Never cached, so a proxy cannot answer for a dead process.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    key, token = "healthz:probe", uuid.uuid4().hex
    cache.set(key, token, 10)
    if cache.get(key) != token:
        raise RuntimeError("the cache did not keep a value")


CHECKS = {"database": check_database, "cache": check_cache}


@never_cache
@require_safe
def healthz(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("Health check failed: %s", name)
            results[name] = "unavailable"
        else:
            results[name] = "ok"
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": results},
        status=200 if healthy else 503,
    )
