"""Personal data the directory holds about a person (shown on their "mes données" page).

Deletion: Gestion and Revendication cascade with the account; reports and pending edits keep
the content but lose the author (SET_NULL)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from essaim.comptes.rgpd import enregistrer

from .enums import MotifSignalement, RoleGestion, StatutDemande


@enregistrer(
    "annuaire",
    titre=_("Annuaire"),
    choix={"statut": StatutDemande, "role": RoleGestion, "motif": MotifSignalement},
)
def donnees_annuaire(user) -> dict:
    from .models import Gestion, ModificationEnAttente, Revendication, Signalement

    return {
        "fiches_gerees": [
            {"structure": g.structure.nom, "role": g.role, "depuis_le": g.depuis_le.isoformat()}
            for g in Gestion.objects.filter(utilisateur=user).select_related("structure")
        ],
        "demandes_de_gestion": [
            {
                "structure": r.structure.nom,
                "fonction": r.fonction,
                "message": r.message,
                "statut": r.statut,
                "le": r.cree_le.isoformat(),
            }
            for r in Revendication.objects.filter(demandeur=user).select_related("structure")
        ],
        "signalements": [
            {
                "structure": s.structure.nom,
                "motif": s.motif,
                "commentaire": s.commentaire,
                "email": s.email,
                "le": s.cree_le.isoformat(),
            }
            for s in Signalement.objects.filter(Q(auteur=user) | Q(email__iexact=user.email)).select_related(
                "structure"
            )
        ],
        "modifications_proposees": [
            {
                "structure": m.structure.nom,
                "donnees": m.donnees,
                "statut": m.statut,
                "le": m.cree_le.isoformat(),
            }
            for m in ModificationEnAttente.objects.filter(auteur=user).select_related("structure")
        ],
    }
