"""The page an admin login gets once django-axes has locked the account: styled, with a time.

axes counts the cool-off from the last failed attempt it recorded for the username and
address, so the page names that moment plus ``AXES_COOLOFF_TIME``, and the response carries it
as ``Retry-After`` (seconds) for anything that reads headers instead of pages.
"""

import math

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.contrib import admin
from django.shortcuts import render
from django.utils import timezone

from config.client_address import client_address


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    username = get_client_username(request, credentials) or ""
    last_failure = (
        AccessAttempt.objects.filter(username=username, ip_address=client_address(request))
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    ) or timezone.now()
    retry_at = last_failure + cool_off
    seconds = max(0, math.ceil((retry_at - timezone.now()).total_seconds()))
    response = render(
        request,
        "admin/lockout.html",
        {
            **admin.site.each_context(request),
            "title": "Too many failed logins",
            "username": username,
            "retry_at": retry_at,
            "minutes": max(1, math.ceil(seconds / 60)),
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
