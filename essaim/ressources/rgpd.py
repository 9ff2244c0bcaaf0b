"""Personal data held by the library: the items a person proposed (the link is set to null
when the account is deleted; the item itself is public content and stays)."""

from django.utils.translation import gettext_lazy as _

from essaim.comptes.rgpd import enregistrer

from .enums import StatutRessource


@enregistrer("ressources", titre=_("Ressources proposées"), choix={"statut": StatutRessource})
def donnees_ressources(user) -> list:
    from .models import Ressource

    return [
        {"titre": r.titre, "url": r.url, "statut": r.statut, "proposee_le": r.cree_le.isoformat()}
        for r in Ressource.objects.filter(propose_par=user).order_by("cree_le")
    ]
