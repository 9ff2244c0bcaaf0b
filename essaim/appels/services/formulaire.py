"""The configurable application form: question definitions and the Django form built from them.

A call's ``formulaire`` is a JSON list of questions::

    {"cle": "titre", "libelle": "Titre de l'atelier", "type": "texte", "obligatoire": true,
     "choix": [["val", "Libellé"], ...], "aide": "…"}

Optional keys: ``min``/``max`` (nombre), ``extensions`` and ``taille_max_mo`` (fichier).

Answers are stored in ``Candidature.reponses`` (cle → JSON value):
texte/texte_long/choix/url/email → str; choix_multiple → list of str; date → "YYYY-MM-DD";
mois_ou_date → "YYYY-MM" or "YYYY-MM-DD"; nombre → int or float; commune → INSEE code;
fichier → original file name (the file itself is a ``PieceJointe``);
structures → list of {"nom": str, "structure_id": int | None} (matched against the directory
when it knows the name or SIRET). Empty answers are not stored.
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from essaim.territoires.forms import CommuneField

from ..enums import TypeQuestion
from .champs import (  # noqa: F401 — re-exported: the form machinery's public names
    EXTENSIONS_PAR_DEFAUT,
    TAILLE_MAX_MO_PAR_DEFAUT,
    FichierField,
    MoisOuDateField,
    StructuresField,
    _modele_structure,
    resoudre_structures,
)

CLE_VALIDE = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
CLES_RESERVEES = {"type_candidat", "nom_structure", "action"}
TYPES_A_CHOIX = {TypeQuestion.CHOIX, TypeQuestion.CHOIX_MULTIPLE}


# --- Question definitions -------------------------------------------------------------


def normaliser_question(question: dict) -> dict:
    """A question with every key present, choices as [value, label] pairs."""
    choix = []
    for element in question.get("choix") or []:
        if isinstance(element, list | tuple) and len(element) >= 2:
            choix.append([str(element[0]), str(element[1])])
        elif isinstance(element, list | tuple) and len(element) == 1:
            choix.append([str(element[0]), str(element[0])])
        elif element not in (None, ""):
            choix.append([str(element), str(element)])
    resultat = {
        "cle": str(question.get("cle") or "").strip(),
        "libelle": str(question.get("libelle") or "").strip(),
        "type": str(question.get("type") or TypeQuestion.TEXTE),
        "obligatoire": bool(question.get("obligatoire", False)),
        "choix": choix,
        "aide": str(question.get("aide") or "").strip(),
    }
    for cle_optionnelle in ("min", "max", "extensions", "taille_max_mo"):
        if question.get(cle_optionnelle) not in (None, "", []):
            resultat[cle_optionnelle] = question[cle_optionnelle]
    return resultat


def valider_formulaire(questions) -> list[dict]:
    """Check a list of question definitions; raise a French ValidationError naming each fault."""
    if not isinstance(questions, list):
        raise ValidationError(_("Le formulaire doit être une liste de questions."))
    erreurs, vues, propres = [], set(), []
    for numero, brute in enumerate(questions, start=1):
        if not isinstance(brute, dict):
            erreurs.append(_("Question %(n)s : ce n'est pas un objet JSON.") % {"n": numero})
            continue
        question = normaliser_question(brute)
        cle, type_ = question["cle"], question["type"]
        nom = question["libelle"] or cle or str(numero)
        contexte = {"n": numero, "nom": nom, "cle": cle, "type": type_}
        if not CLE_VALIDE.match(cle):
            erreurs.append(
                _(
                    "Question %(n)s (« %(nom)s ») : clé « %(cle)s » invalide ; utilisez des minuscules "
                    "sans accent, chiffres et « _ », en commençant par une lettre."
                )
                % contexte
            )
        elif cle in CLES_RESERVEES:
            erreurs.append(_("Question %(n)s : la clé « %(cle)s » est réservée.") % contexte)
        elif cle in vues:
            erreurs.append(_("Question %(n)s : la clé « %(cle)s » est déjà utilisée.") % contexte)
        vues.add(cle)
        if not question["libelle"]:
            erreurs.append(_("Question %(n)s (« %(cle)s ») : le libellé est obligatoire.") % contexte)
        if type_ not in TypeQuestion.values:
            erreurs.append(
                _("Question %(n)s (« %(nom)s ») : type « %(type)s » inconnu (types possibles : %(types)s).")
                % {**contexte, "types": ", ".join(TypeQuestion.values)}
            )
        elif type_ in TYPES_A_CHOIX and not question["choix"]:
            erreurs.append(_("Question %(n)s (« %(nom)s ») : indiquez au moins un choix.") % contexte)
        propres.append(question)
    if erreurs:
        raise ValidationError(erreurs)
    return propres


# --- Fields ----------------------------------------------------------------------------


def champ_pour(question: dict, *, fichier_existant: str = "") -> forms.Field:
    """The form field for one question definition."""
    type_ = question["type"]
    # Help texts are printed unescaped by the shared field template: escape what staff typed.
    commun = {
        "label": question["libelle"],
        "help_text": escape(question["aide"]),
        "required": question["obligatoire"],
    }
    choix = [tuple(c) for c in question["choix"]]
    if type_ == TypeQuestion.TEXTE_LONG:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), max_length=10000, **commun)
    if type_ == TypeQuestion.CHOIX:
        widget = forms.RadioSelect if len(choix) <= 6 else forms.Select
        if widget is forms.Select:
            choix = [("", _("— Choisir —")), *choix]
        return forms.ChoiceField(choices=choix, widget=widget, **commun)
    if type_ == TypeQuestion.CHOIX_MULTIPLE:
        return forms.MultipleChoiceField(choices=choix, widget=forms.CheckboxSelectMultiple, **commun)
    if type_ == TypeQuestion.DATE:
        return forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            input_formats=["%Y-%m-%d", "%d/%m/%Y"],
            **commun,
        )
    if type_ == TypeQuestion.MOIS_OU_DATE:
        commun["help_text"] = commun["help_text"] or _(
            "Une date (05/12/2023) ou seulement un mois (12/2023)."
        )
        return MoisOuDateField(max_length=10, **commun)
    if type_ == TypeQuestion.NOMBRE:
        bornes = {
            k: Decimal(str(question[c]))
            for k, c in (("min_value", "min"), ("max_value", "max"))
            if c in question
        }
        return forms.DecimalField(localize=True, max_digits=15, decimal_places=4, **bornes, **commun)
    if type_ == TypeQuestion.COMMUNE:
        return CommuneField(**commun)
    if type_ == TypeQuestion.URL:
        return forms.URLField(assume_scheme="https", max_length=500, **commun)
    if type_ == TypeQuestion.EMAIL:
        return forms.EmailField(**commun)
    if type_ == TypeQuestion.FICHIER:
        if fichier_existant:
            commun["required"] = False
            commun["help_text"] = " ".join(
                filter(
                    None,
                    [
                        commun["help_text"],
                        _("Fichier déposé : %(nom)s. Déposez-en un autre pour le remplacer.")
                        % {"nom": escape(fichier_existant)},
                    ],
                )
            )
        champ = FichierField(
            extensions=question.get("extensions"),
            taille_max_mo=question.get("taille_max_mo") or TAILLE_MAX_MO_PAR_DEFAUT,
            **commun,
        )
        contraintes = _("Formats acceptés : %(formats)s ; %(max)s Mo maximum.") % {
            "formats": ", ".join(champ.extensions),
            "max": f"{champ.taille_max_mo:g}".replace(".", ","),
        }
        champ.help_text = " ".join(filter(None, [str(champ.help_text), contraintes]))
        return champ
    if type_ == TypeQuestion.STRUCTURES:
        commun["help_text"] = commun["help_text"] or _(
            "Une structure par ligne : nom tel qu'il figure dans l'annuaire, numéro SIRET ou nom libre."
        )
        return StructuresField(**commun)
    return forms.CharField(max_length=500, **commun)


def vers_json(question: dict, valeur):
    """A cleaned value as stored in ``Candidature.reponses`` (None = nothing to store)."""
    type_ = question["type"]
    if valeur in (None, "", [], ()):
        return None
    if type_ == TypeQuestion.DATE:
        return valeur.isoformat()
    if type_ == TypeQuestion.NOMBRE:
        return int(valeur) if valeur == valeur.to_integral_value() else float(valeur)
    if type_ == TypeQuestion.COMMUNE:
        return valeur.code
    if type_ == TypeQuestion.CHOIX_MULTIPLE:
        return list(valeur)
    if type_ == TypeQuestion.FICHIER:
        return None  # stored as a PieceJointe by the service
    return valeur


# --- The application form --------------------------------------------------------------


class CandidatureFormBase(forms.Form):
    """Fixed questions of every call, followed by the call's own questions (``questions``)."""

    questions: list[dict] = []

    type_candidat = forms.ChoiceField(label=gettext_lazy("Vous candidatez en tant que"))
    nom_structure = forms.CharField(
        label=gettext_lazy("Structure candidate"),
        max_length=250,
        help_text=gettext_lazy("Le nom de l'organisation qui porte la candidature."),
    )

    def __init__(self, *args, appel, candidat=None, brouillon=False, fichiers_existants=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.appel = appel
        self.brouillon = brouillon
        self.fields["type_candidat"].choices = [("", _("— Choisir —")), *appel.choix_types_candidats]
        structures = _structures_gerees(candidat)
        if structures is not None and structures.exists():
            # Managers of a directory record may attach it; others type the name only.
            self.fields["structure"] = forms.ModelChoiceField(
                queryset=structures,
                required=False,
                label=_("Votre structure dans l'annuaire"),
                help_text=_("Facultatif : rattache la candidature à la fiche de l'annuaire que vous gérez."),
            )
            self.order_fields(["type_candidat", "structure", "nom_structure"])
        fichiers_existants = fichiers_existants or {}
        for question in self.questions:
            self.fields[question["cle"]] = champ_pour(
                question, fichier_existant=fichiers_existants.get(question["cle"], "")
            )
        if brouillon:
            # A draft keeps whatever is there; formats are still checked, presence is not.
            for champ in self.fields.values():
                champ.required = False

    def clean(self):
        donnees = super().clean()
        if donnees.get("structure") and not donnees.get("nom_structure"):
            donnees["nom_structure"] = str(donnees["structure"])
            self.errors.pop("nom_structure", None)
        return donnees

    def reponses(self) -> dict:
        resultat = {}
        for question in self.questions:
            valeur = vers_json(question, self.cleaned_data.get(question["cle"]))
            if valeur is not None:
                resultat[question["cle"]] = valeur
        return resultat

    def fichiers(self) -> dict:
        return {
            q["cle"]: self.cleaned_data[q["cle"]]
            for q in self.questions
            if q["type"] == TypeQuestion.FICHIER and self.cleaned_data.get(q["cle"])
        }


def _structures_gerees(candidat):
    modele = _modele_structure()
    if modele is None or candidat is None or not candidat.is_authenticated:
        return None
    try:
        return modele.objects.filter(gestionnaires=candidat).order_by("nom")
    except Exception:  # the directory's schema is not ours
        return None


def formulaire_candidature(appel) -> type[CandidatureFormBase]:
    """The form class of a call, built from its ``formulaire`` definition."""
    questions = [
        normaliser_question(q) for q in appel.formulaire or [] if isinstance(q, dict) and q.get("cle")
    ]
    return type("CandidatureForm", (CandidatureFormBase,), {"questions": questions})


def initial_depuis(candidature) -> dict:
    """Initial values of the form from a saved application."""
    initial = {
        "type_candidat": candidature.type_candidat,
        "nom_structure": candidature.nom_structure,
        "structure": candidature.structure_id,
    }
    for cle, valeur in (candidature.reponses or {}).items():
        initial[cle] = valeur
    return initial
