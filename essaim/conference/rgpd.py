"""Personal data held by the conference module (registrations, synthesis sheets filed)."""

from django.utils.translation import gettext_lazy as _

from essaim.comptes.rgpd import enregistrer

from .enums import StatutInscription


@enregistrer("conference", titre=_("Conférences"), choix={"statut": StatutInscription})
def donnees_conference(user) -> dict:
    from .models import FicheSynthese, Inscription

    inscriptions = Inscription.objects.filter(utilisateur=user) | Inscription.objects.filter(
        email__iexact=user.email
    )
    return {
        "inscriptions_ateliers": [
            {
                "atelier": i.atelier.intitule,
                "prenom": i.prenom,
                "nom": i.nom,
                "email": i.email,
                "structure": i.organisation,
                "statut": i.statut,
                "present": i.present,
                "consentement_le": i.consenti_le.isoformat() if i.consenti_le else None,
                "conserve_jusqu_au": i.conserver_jusqu_au.isoformat(),
            }
            for i in inscriptions.select_related("atelier").distinct()
        ],
        "ateliers_organises": list(user.ateliers_conference.values_list("intitule", flat=True)),
        "fiches_de_synthese_deposees": list(
            FicheSynthese.objects.filter(auteur=user).values_list("atelier__intitule", flat=True)
        ),
    }
