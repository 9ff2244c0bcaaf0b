"""Test data of the follow-up module: a call asking for figures, retained applications."""

import datetime

from essaim.appels.enums import Decision
from essaim.appels.services.candidatures import decider
from essaim.appels.tests.factories import AppelFactory, CandidatureFactory

FORMULAIRE_PROJETS = [
    {"cle": "nom_projet", "libelle": "Nom du projet", "type": "texte", "obligatoire": True},
    {
        "cle": "emplois",
        "libelle": "Emplois créés à 3 ans (ETP)",
        "type": "nombre",
        "obligatoire": True,
        "min": 0,
    },
    {
        "cle": "chiffre_affaires",
        "libelle": "Chiffre d'affaires à 3 ans (€)",
        "type": "nombre",
        "obligatoire": False,
    },
    {"cle": "beneficiaires", "libelle": "Bénéficiaires par an", "type": "nombre", "obligatoire": False},
]


def appel_a_projets(**kwargs):
    return AppelFactory(formulaire=[dict(q) for q in FORMULAIRE_PROJETS], **kwargs)


def laureat(appel, *, nom="Projet", emplois=4, chiffre_affaires=100000, beneficiaires=None, **kwargs):
    """A retained application of ``appel`` (its follow-up file opened by the decision)."""
    reponses = {"nom_projet": nom, "emplois": emplois, "chiffre_affaires": chiffre_affaires}
    if beneficiaires is not None:
        reponses["beneficiaires"] = beneficiaires
    candidature = CandidatureFactory(appel=appel, reponses=reponses, **kwargs)
    decider(candidature, decision=Decision.RETENUE, notifier=False)
    return candidature


def jours(n):
    return datetime.date.today() + datetime.timedelta(days=n)
