"""Routes of this app under /api/v1/ (see essaim/api_urls.py)."""

urlpatterns = []
