"""Labels other apps show about the clubs ("Mon espace"), kept here so that they live in this
app's translation catalogue."""

from django.utils.translation import gettext_lazy as _

DEMANDES_A_TRAITER = _("Demandes d'adhésion à traiter : %(club)s")
ADHERENTS_ET_RESEAUX = _("Adhérents de la CRESS et réseaux")
BLOC_ANIMATION = _("Clubs Busin'ESS et adhérents")
RENCONTRE = _("Rencontre : %(titre)s")
MES_ADHESIONS = _("Adhésion de mes structures à la CRESS (badge)")
BLOC_MES_CLUBS = _("Mes clubs et rencontres")
TOUS_LES_CLUBS = _("Tous les clubs")
