"""Checks of what people type into a plan: values in the indicator's unit and bounds, periods
inside the plan, a target dated after its baseline. French messages naming the field."""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from essaim.commun import indicateurs as registre

from .. import periodes
from ..enums import Mode, TypeValeur

_ESPACES = re.compile(r"[\s\u00a0\u202f]")


def lire_valeur(texte, type_valeur: str, unite: str = "", champ: str = "Valeur") -> Decimal | None:
    """A value typed the French way ("1 234,5", "45 %", "12 000 €") → Decimal, checked against
    the indicator's kind of value. ``ValidationError`` (French, naming the field) otherwise."""
    if texte is None:
        return None
    brut = str(texte) if isinstance(texte, (int, float, Decimal)) else _ESPACES.sub("", str(texte))
    if not brut:
        return None
    symbole = ""
    if brut.endswith("%"):
        symbole, brut = "%", brut[:-1]
    elif brut.endswith("€"):
        symbole, brut = "€", brut[:-1]
    if symbole == "%" and type_valeur != TypeValeur.POURCENTAGE:
        raise ValidationError(
            f"{champ} : « {texte} » est un pourcentage, or cet indicateur se mesure en {unite or 'nombre'}."
        )
    if symbole == "€" and type_valeur != TypeValeur.MONTANT:
        raise ValidationError(
            f"{champ} : « {texte} » est un montant en euros, "
            f"or cet indicateur se mesure en {unite or 'nombre'}."
        )
    try:
        valeur = Decimal(brut.replace(",", "."))
    except InvalidOperation:
        raise ValidationError(f"{champ} : « {texte} » n'est pas un nombre.") from None
    if not valeur.is_finite():
        raise ValidationError(f"{champ} : « {texte} » n'est pas un nombre.")
    verifier_valeur(valeur, type_valeur, unite, champ)
    return valeur


def verifier_valeur(valeur: Decimal, type_valeur: str, unite: str = "", champ: str = "Valeur") -> None:
    from ..models import VALEUR_MAX

    affiche = format(valeur, "f").replace(".", ",")
    if abs(valeur) > VALEUR_MAX:
        raise ValidationError(f"{champ} : {affiche} est invraisemblable (au plus 999 999 999 999).")
    if type_valeur == TypeValeur.POURCENTAGE and not (0 <= valeur <= 100):
        raise ValidationError(f"{champ} : {affiche} % est hors des bornes d'un pourcentage (de 0 à 100).")
    if type_valeur == TypeValeur.NOMBRE:
        if valeur != valeur.to_integral_value():
            raise ValidationError(f"{champ} : {affiche} n'est pas un nombre entier de {unite or 'unités'}.")
        if valeur < 0:
            raise ValidationError(
                f"{champ} : {affiche} est négatif ; un nombre de {unite or 'unités'} ne l'est pas."
            )
    if type_valeur == TypeValeur.MONTANT and valeur < 0:
        raise ValidationError(f"{champ} : un montant ne peut pas être négatif ({affiche} €).")
    if Decimal(valeur).as_tuple().exponent < -2:
        raise ValidationError(f"{champ} : {affiche} a plus de deux décimales.")


def verifier_periode(indicateur, periode: str) -> str:
    """The period label, normalised, once checked against the frequency and the plan's years."""
    plan = indicateur.plan if indicateur.plan_id else indicateur.objectif.plan
    try:
        annee, _partie = periodes.analyser(periode, indicateur.frequence)
    except periodes.PeriodeInvalide as erreur:
        raise ValidationError(f"Période : {erreur}") from None
    if not plan.annee_debut <= annee <= plan.annee_fin:
        raise ValidationError(
            f"Période : « {periode} » est hors du plan, qui couvre {plan.annee_debut} à {plan.annee_fin}."
        )
    return periodes.normaliser(periode)


def erreurs_indicateur(indicateur) -> None:
    """Model-level checks of an indicator (``Indicateur.clean``), every error by field."""
    erreurs: dict[str, list[str]] = {}
    if (
        indicateur.date_reference
        and indicateur.date_cible
        and indicateur.date_cible <= indicateur.date_reference
    ):
        erreurs["date_cible"] = [
            f"Date de la cible : le {indicateur.date_cible:%d/%m/%Y} ne vient pas après la date de la "
            f"référence ({indicateur.date_reference:%d/%m/%Y})."
        ]
    for champ, libelle in (("reference", "Valeur de référence"), ("cible", "Cible")):
        valeur = getattr(indicateur, champ)
        if valeur is not None:
            try:
                verifier_valeur(Decimal(valeur), indicateur.type_valeur, indicateur.unite, libelle)
            except ValidationError as erreur:
                erreurs[champ] = erreur.messages
    if indicateur.mode == Mode.AUTOMATIQUE:
        try:
            _verifier_calcul(indicateur)
        except registre.CalculInconnu as erreur:
            erreurs["calcul"] = [f"Calcul : {erreur}"]
        except registre.ParametresInvalides as erreur:
            erreurs["parametres"] = [f"Paramètres : {m}" for ms in erreur.erreurs.values() for m in ms]
    elif indicateur.calcul:
        erreurs["calcul"] = ["Calcul : un indicateur saisi à la main n'a pas de calcul."]
    if indicateur.objectif_id and indicateur.code:
        from ..models import Indicateur

        autres = Indicateur.objects.filter(
            objectif__priorite__plan=indicateur.objectif.plan, code=indicateur.code
        )
        if autres.exclude(pk=indicateur.pk).exists():
            erreurs["code"] = [
                f"Code : « {indicateur.code} » est déjà celui d'un autre indicateur de ce plan."
            ]
    if erreurs:
        raise ValidationError(erreurs)


def _verifier_calcul(indicateur):
    """The computation exists and its non-period parameters are given (the period comes from
    each measure)."""
    calcul = registre.obtenir(indicateur.calcul)
    if registre.REGION in calcul.parametres and not (indicateur.parametres or {}).get("region"):
        raise registre.ParametresInvalides(
            {"region": [f"Le calcul « {calcul.libelle} » demande une région."]}
        )
    return calcul
