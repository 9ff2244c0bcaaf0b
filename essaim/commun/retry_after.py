"""Every 429 tells the client when to come back (``Retry-After``, RFC 9110 §10.2.3).

Views that know their window set the header themselves (the API's throttles, the directory's
report form); this middleware adds a default to any other 429 (django-allauth's login limits).
"""

from django.conf import settings


class RetryAfterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reponse = self.get_response(request)
        if reponse.status_code == 429 and not reponse.has_header("Retry-After"):
            reponse["Retry-After"] = str(getattr(settings, "ESSAIM_RETRY_AFTER_DEFAUT", 60))
        return reponse
