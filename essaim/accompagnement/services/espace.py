"""What waits for a user in "Mon espace": files assigned to them, late actions, and for staff
the région's late actions and the pages to manage."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..enums import ACTIONS_TERMINEES, NatureSuivi, StatutSuivi
from ..models import Action
from ..rules import suivis_gerables, suivis_visibles


def a_suivre(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    lignes = []
    confies = (
        suivis_visibles(user)
        .filter(Q(accompagnateur=user) | Q(responsable=user))
        .exclude(statut=StatutSuivi.CLOS)
    )
    en_retard = Action.objects.filter(echeance__lt=timezone.localdate()).exclude(statut__in=ACTIONS_TERMINEES)
    mes_retards = (
        en_retard.filter(Q(responsable=user) | Q(suivi__in=confies)).select_related("suivi").distinct()
    )
    for suivi in confies.order_by("titre")[:30]:
        lignes.append(
            {"libelle": _("Suivi confié : %(t)s") % {"t": suivi.titre}, "href": suivi.get_absolute_url()}
        )
    for action in mes_retards.order_by("echeance")[:30]:
        lignes.append(
            {
                "libelle": _("Action en retard : %(a)s (%(s)s)")
                % {"a": action.libelle, "s": action.suivi.titre},
                "href": action.suivi.get_absolute_url() + "#actions",
                "detail": _("échéance dépassée"),
            }
        )
    if user.has_perm("accompagnement.lister_suivis"):
        de_la_region = suivis_gerables(user)
        lignes.append(
            {
                "libelle": _("Actions en retard dans vos régions"),
                "href": reverse("accompagnement:liste"),
                "nombre": en_retard.filter(suivi__in=de_la_region).count(),
            }
        )
        lignes.append(
            {
                "libelle": _("Suivis des lauréats"),
                "href": reverse("accompagnement:liste") + f"?nature={NatureSuivi.LAUREAT}",
                "nombre": de_la_region.filter(nature=NatureSuivi.LAUREAT).count(),
            }
        )
        appels = (
            de_la_region.filter(nature=NatureSuivi.LAUREAT)
            .values_list("candidature__appel__slug", "candidature__appel__titre")
            .distinct()
            .order_by("candidature__appel__titre")
        )
        for slug, titre in appels[:10]:
            lignes.append(
                {
                    "libelle": _("Tableau de bord de la cohorte : %(t)s") % {"t": titre},
                    "href": reverse("accompagnement:cohorte", args=[slug]),
                }
            )
        lignes.append({"libelle": _("Orientations DLA"), "href": reverse("accompagnement:orientations")})
        lignes.append(
            {"libelle": _("Territoires accompagnés"), "href": reverse("accompagnement:territoires")}
        )
    else:
        propres = suivis_visibles(user).exclude(pk__in=confies.values("pk"))
        for suivi in propres[:10]:
            lignes.append(
                {"libelle": _("Mon suivi : %(t)s") % {"t": suivi.titre}, "href": suivi.get_absolute_url()}
            )
    return lignes
