"""Choices of the directory."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.commun.statuts import declarer_transitions


class StatutStructure(models.TextChoices):
    BROUILLON = "brouillon", _("Brouillon")
    EN_ATTENTE = "en_attente", _("En attente de modération")
    PUBLIEE = "publiee", _("Publiée")
    ARCHIVEE = "archivee", _("Archivée")


# Submit, approve (also a published record flagged for control, or an archived one staff
# restores), send back to draft, archive (also again, when a report closes an archived record).
_S = StatutStructure
declarer_transitions(
    StatutStructure,
    {
        _S.BROUILLON: {_S.EN_ATTENTE, _S.PUBLIEE, _S.ARCHIVEE},
        _S.EN_ATTENTE: {_S.PUBLIEE, _S.BROUILLON, _S.ARCHIVEE},
        _S.PUBLIEE: {_S.PUBLIEE, _S.BROUILLON, _S.ARCHIVEE},
        _S.ARCHIVEE: {_S.PUBLIEE, _S.BROUILLON, _S.ARCHIVEE},
    },
)


class EtatGeocodage(models.TextChoices):
    A_GEOCODER = "a_geocoder", _("À géocoder")
    GEOCODE = "geocode", _("Géocodé")
    ECHEC = "echec", _("Échec du géocodage")


class EtatEnrichissement(models.TextChoices):
    A_ENRICHIR = "a_enrichir", _("À enrichir")
    ENRICHI = "enrichi", _("Enrichi")
    SANS_OBJET = "sans_objet", _("Sans objet")


class RoleGestion(models.TextChoices):
    RESPONSABLE = "responsable", _("Responsable de la fiche")
    EDITEUR = "editeur", _("Éditeur")


class StatutDemande(models.TextChoices):
    EN_ATTENTE = "en_attente", _("En attente")
    APPROUVEE = "approuvee", _("Approuvée")
    REJETEE = "rejetee", _("Rejetée")


# A request (edit, claim, report) is decided once; a decided request is final.
declarer_transitions(
    StatutDemande, {StatutDemande.EN_ATTENTE: {StatutDemande.APPROUVEE, StatutDemande.REJETEE}}
)


class MotifSignalement(models.TextChoices):
    FERMEE = "fermee", _("La structure a fermé")
    ERRONEE = "erronee", _("Information erronée")
    PAS_ESS = "pas_ess", _("Ne relève pas de l'ESS")
    DOUBLON = "doublon", _("Fiche en double")
    AUTRE = "autre", _("Autre")


class ModeModeration(models.TextChoices):
    A_PRIORI = "a_priori", _("Pré-modération (publication après validation)")
    A_POSTERIORI = "a_posteriori", _("Post-modération (publication immédiate, contrôle ensuite)")


class TrancheEffectifs(models.TextChoices):
    """INSEE ``trancheEffectifs`` codes (SIRENE)."""

    NN = "NN", _("Non employeuse")
    T00 = "00", _("0 salarié")
    T01 = "01", _("1 ou 2 salariés")
    T02 = "02", _("3 à 5 salariés")
    T03 = "03", _("6 à 9 salariés")
    T11 = "11", _("10 à 19 salariés")
    T12 = "12", _("20 à 49 salariés")
    T21 = "21", _("50 à 99 salariés")
    T22 = "22", _("100 à 199 salariés")
    T31 = "31", _("200 à 249 salariés")
    T32 = "32", _("250 à 499 salariés")
    T41 = "41", _("500 à 999 salariés")
    T42 = "42", _("1 000 à 1 999 salariés")
    T51 = "51", _("2 000 à 4 999 salariés")
    T52 = "52", _("5 000 à 9 999 salariés")
    T53 = "53", _("10 000 salariés et plus")
