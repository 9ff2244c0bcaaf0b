"""The cohort dashboard of a call (its laureates' follow-up) and its XLSX export."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from essaim.appels.models import Appel
from essaim.commun.exports import reponse_export

from ..rules import suivis_gerables
from ..services import cohorte as service


@login_required
def cohorte(request, slug):
    appel = get_object_or_404(Appel, slug=slug)
    if not request.user.has_perm("accompagnement.gerer_suivi", appel):
        raise PermissionDenied
    tableau = service.tableau_cohorte(appel, service.suivis_de_l_appel(appel, suivis_gerables(request.user)))
    if request.GET.get("format") == "xlsx":
        return reponse_export(
            "xlsx", f"cohorte-{appel.slug}", service.champs_export(appel), service.lignes_export(tableau)
        )
    return render(request, "accompagnement/cohorte.html", {"appel": appel, "t": tableau})
