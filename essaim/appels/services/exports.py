"""Rows of the applications export: fixed columns, then one column per question of the call."""

from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.commun.exports import Champ

from ..enums import TypeCandidat, TypeQuestion
from .affichage import libelles_communes, valeur_lisible
from .candidatures import synthese_evaluations
from .formulaire import normaliser_question


def _questions(appel):
    return [normaliser_question(q) for q in appel.formulaire or [] if isinstance(q, dict) and q.get("cle")]


def champs_export(appel) -> list[Champ]:
    fixes = [
        Champ("numero", _("N°"), type="integer"),
        Champ("intitule", _("Intitulé")),
        Champ("structure", _("Structure candidate")),
        Champ("type_candidat", _("Type de candidat")),
        Champ("candidat", _("Personne candidate")),
        Champ("email", _("E-mail")),
        Champ("statut", _("Statut")),
        Champ("decision", _("Décision")),
        Champ("deposee_le", _("Déposée le"), type="datetime"),
        Champ("evaluations", _("Évaluations"), type="integer"),
        Champ("favorables", _("Avis favorables"), type="integer"),
        Champ("reserves", _("Avis réservés"), type="integer"),
        Champ("defavorables", _("Avis défavorables"), type="integer"),
        Champ("note_moyenne", _("Note moyenne /5"), type="number"),
    ]
    return fixes + [Champ(f"q_{q['cle']}", q["libelle"]) for q in _questions(appel)]


def lignes_export(appel, candidatures):
    questions = _questions(appel)
    candidatures = list(candidatures)  # one call's applications: hundreds at most
    communes = libelles_communes(questions, [c.reponses or {} for c in candidatures])
    for c in candidatures:
        synthese = synthese_evaluations(c)
        ligne = {
            "numero": c.pk,
            "intitule": str(c.intitule),
            "structure": c.nom_structure,
            "type_candidat": str(TypeCandidat(c.type_candidat).label) if c.type_candidat else "",
            "candidat": c.candidat.get_full_name() or c.candidat.email,
            "email": c.candidat.email,
            "statut": str(c.get_statut_display()),
            "decision": appel.libelle_decision(c.decision),
            "deposee_le": timezone.localtime(c.deposee_le).replace(tzinfo=None) if c.deposee_le else None,
            "evaluations": synthese["nombre"],
            "favorables": synthese["favorables"],
            "reserves": synthese["reserves"],
            "defavorables": synthese["defavorables"],
            "note_moyenne": synthese["moyenne"],
        }
        for q in questions:
            valeur = (c.reponses or {}).get(q["cle"])
            # Numbers stay numbers, so spreadsheets can sum them.
            ligne[f"q_{q['cle']}"] = (
                valeur if q["type"] == TypeQuestion.NOMBRE else valeur_lisible(q, valeur, communes)
            )
        yield ligne
