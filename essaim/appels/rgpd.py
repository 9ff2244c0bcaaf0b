"""The applicant's personal data in this app, for the account's data export page."""

from django.utils.translation import gettext_lazy as _

from essaim.comptes.rgpd import enregistrer

from .enums import Avis, Decision, StatutCandidature, TypeCandidat


@enregistrer(
    "candidatures",
    titre=_("Candidatures aux appels"),
    choix={"statut": StatutCandidature, "decision": Decision, "type_candidat": TypeCandidat},
)
def candidatures(user) -> list:
    # Deleting the account deletes the applications (candidat FK cascades) and their files.
    return [
        {
            "appel": c.appel.titre,
            "structure": c.nom_structure,
            "type_candidat": c.type_candidat,
            "statut": c.statut,
            "decision": c.decision,
            "message_decision": c.message_decision,
            "reponses": c.reponses,
            "pieces_jointes": [p.nom_original for p in c.pieces.all()],
            "deposee_le": c.deposee_le.isoformat() if c.deposee_le else None,
        }
        for c in user.candidatures.select_related("appel").prefetch_related("pieces")
    ]


@enregistrer("evaluations_appels", titre=_("Avis donnés en comité"), choix={"avis": Avis})
def evaluations(user) -> list:
    return [
        {"candidature": e.candidature_id, "avis": e.avis, "note": e.note, "commentaire": e.commentaire}
        for e in user.evaluations_appels.all()
    ]
