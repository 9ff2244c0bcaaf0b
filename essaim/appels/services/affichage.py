"""Answers shown as a French reader expects them (labels of choices, commune names, dates)."""

import datetime
import re

from django.utils import formats

from ..enums import TypeQuestion
from .formulaire import normaliser_question


def valeur_lisible(question: dict, valeur, communes: dict | None = None) -> str:
    """An answer as a French reader expects it (labels of choices, commune names, dates)."""
    from essaim.territoires.models import Commune

    if valeur in (None, "", []):
        return ""
    type_ = question["type"]
    libelles = dict(question.get("choix") or [])
    if type_ == TypeQuestion.CHOIX:
        return libelles.get(valeur, str(valeur))
    if type_ == TypeQuestion.CHOIX_MULTIPLE:
        return " ; ".join(libelles.get(v, str(v)) for v in valeur)
    if type_ == TypeQuestion.COMMUNE:
        if communes is not None:  # names looked up once for a whole export
            return communes.get(valeur, str(valeur))
        commune = Commune.objects.filter(code=valeur).first()
        return commune.libelle if commune else str(valeur)
    if type_ == TypeQuestion.DATE:
        try:
            return datetime.date.fromisoformat(valeur).strftime("%d/%m/%Y")
        except ValueError:
            return str(valeur)
    if type_ == TypeQuestion.MOIS_OU_DATE:
        if re.fullmatch(r"\d{4}-\d{2}", str(valeur)):
            annee, mois = str(valeur).split("-")
            return f"{mois}/{annee}"
        try:
            return datetime.date.fromisoformat(valeur).strftime("%d/%m/%Y")
        except ValueError:
            return str(valeur)
    if type_ == TypeQuestion.NOMBRE:
        return formats.number_format(valeur, use_l10n=True, force_grouping=True)
    if type_ == TypeQuestion.STRUCTURES:
        return " ; ".join(v.get("nom", "") if isinstance(v, dict) else str(v) for v in valeur)
    return str(valeur)


def reponses_lisibles(candidature) -> list[dict]:
    """Each question of the call with the applicant's answer, in the form's order."""
    reponses = candidature.reponses or {}
    lignes = []
    for brute in candidature.appel.formulaire or []:
        question = normaliser_question(brute)
        valeur = reponses.get(question["cle"])
        lignes.append(
            {
                "question": question,
                "valeur": valeur,
                "texte": valeur_lisible(question, valeur),
                "est_fichier": question["type"] == TypeQuestion.FICHIER,
                "est_long": question["type"] == TypeQuestion.TEXTE_LONG,
            }
        )
    return lignes


def libelles_communes(questions: list[dict], reponses: list[dict]) -> dict:
    """Commune names of every commune answer, in one query."""
    from essaim.territoires.models import Commune

    cles = [q["cle"] for q in questions if q["type"] == TypeQuestion.COMMUNE]
    codes = {r.get(cle) for r in reponses for cle in cles if r.get(cle)}
    return {c.code: c.libelle for c in Commune.objects.filter(code__in=codes)} if codes else {}
