"""Page-number pagination of the API lists that refuses what it used to ignore."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class PaginationStricte(PageNumberPagination):
    """An empty or repeated ``page`` is a 400 (DRF silently served page 1); a page that is
    not a number or beyond the end stays DRF's 404."""

    def paginate_queryset(self, queryset, request, view=None):
        valeurs = request.query_params.getlist(self.page_query_param)
        if len(valeurs) > 1 or valeurs == [""]:
            raise ValidationError({self.page_query_param: ["Un seul numéro de page, entier à partir de 1."]})
        return super().paginate_queryset(queryset, request, view)
