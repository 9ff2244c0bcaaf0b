"""Personal data held by the clubs: contact people of member structures and registrations to
sessions. Export on the "mes données" page; deletion with the account (foreign keys cascade);
retention: contacts are deleted when the structure leaves the club, registrations
``CONSERVATION_MOIS`` months after the session (``manage.py clubs_purger_inscriptions``)."""

from django.utils.translation import gettext_lazy as _

from essaim.commun.inscriptions import StatutInscription
from essaim.comptes.rgpd import enregistrer


@enregistrer("clubs", titre=_("Clubs Busin'ESS"), choix={"statut": StatutInscription})
def donnees_clubs(user) -> dict:
    from .models import Annonce, Contact, InscriptionRencontre

    inscriptions = InscriptionRencontre.objects.filter(
        utilisateur=user
    ) | InscriptionRencontre.objects.filter(email__iexact=user.email)
    contacts = Contact.objects.filter(utilisateur=user) | Contact.objects.filter(email__iexact=user.email)
    return {
        "contacts_de_clubs": [
            {
                "club": c.membre.club.nom,
                "structure": c.membre.structure.nom,
                "prenom": c.prenom,
                "nom": c.nom,
                "email": c.email,
                "fonction": c.fonction,
            }
            for c in contacts.select_related("membre__club", "membre__structure").distinct()
        ],
        "inscriptions_rencontres": [
            {
                "rencontre": i.rencontre.titre,
                "club": i.rencontre.club.nom,
                "prenom": i.prenom,
                "nom": i.nom,
                "email": i.email,
                "structure": i.organisation,
                "statut": i.statut,
                "present": i.present,
                "consentement_le": i.consenti_le.isoformat() if i.consenti_le else None,
                "conserve_jusqu_au": i.conserver_jusqu_au.isoformat(),
            }
            for i in inscriptions.select_related("rencontre__club").distinct()
        ],
        "annonces_publiees": list(Annonce.objects.filter(auteur=user).values_list("titre", flat=True)),
    }
