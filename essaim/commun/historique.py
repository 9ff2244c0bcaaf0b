"""Reading an object's history (django-simple-history) for people: who, when, why, and each
changed field as "before → after" in words. One reader for every app; an app gives the fields
to leave out and, where a stored value needs more than the generic rules, its own wording."""

import datetime
from collections.abc import Callable

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from .dates import date_longue

TYPES = {"+": "Création", "~": "Modification", "-": "Suppression"}


def libelle(modele, champ: str) -> str:
    try:
        return str(modele._meta.get_field(champ).verbose_name).capitalize()
    except FieldDoesNotExist:
        return champ


def valeur_lisible(modele, champ: str, valeur) -> str:
    """A stored value in words: labels of choices and related objects (many-to-many rows as
    simple-history stores them), local dates, Oui/Non, "—" when empty."""
    try:
        champ_modele = modele._meta.get_field(champ)
    except FieldDoesNotExist:
        champ_modele = None
    if champ_modele is not None and champ_modele.many_to_many:
        cle = champ_modele.related_model._meta.model_name
        ids = [ligne.get(cle) for ligne in valeur or []]
        return ", ".join(str(o) for o in champ_modele.related_model.objects.filter(pk__in=ids)) or "—"
    if valeur in (None, "", {}, []):
        return "—"
    if isinstance(valeur, bool):
        return _("Oui") if valeur else _("Non")
    if isinstance(valeur, datetime.date):
        return date_longue(valeur, avec_heure=True)
    if champ_modele is None:
        return str(valeur)
    if champ_modele.choices:
        return str(dict(champ_modele.flatchoices).get(valeur, valeur))
    if champ_modele.many_to_one:
        objet = champ_modele.related_model.objects.filter(pk=valeur).first()
        return str(objet) if objet is not None else str(valeur)
    return str(valeur)


def entrees(
    objet,
    ignores: set[str] = frozenset(),
    valeur: Callable[[str, object], str | None] | None = None,
    limite: int = 100,
) -> list[dict]:
    """Newest first: {enregistrement, date, auteur, type, raison, changements[{libelle, avant,
    apres}]}. ``valeur(champ, v)`` may word a value itself (None: the generic rules)."""
    modele = type(objet)

    def en_mots(champ, v):
        propre = valeur(champ, v) if valeur else None
        return propre if propre is not None else valeur_lisible(modele, champ, v)

    versions = list(
        objet.history.select_related("history_user").order_by("-history_date", "-history_id")[: limite + 1]
    )
    resultat = []
    for i, version in enumerate(versions[:limite]):
        precedente = versions[i + 1] if i + 1 < len(versions) else None
        changements = []
        if precedente is not None:
            for c in version.diff_against(precedente).changes:
                if c.field not in ignores:
                    changements.append(
                        {
                            "libelle": libelle(modele, c.field),
                            "avant": en_mots(c.field, c.old),
                            "apres": en_mots(c.field, c.new),
                        }
                    )
        # The oldest entry kept is the creation, whatever simple-history recorded first.
        premiere = precedente is None and i == len(versions) - 1
        resultat.append(
            {
                "enregistrement": version,
                "date": version.history_date,
                "auteur": version.history_user,
                "type": "Création" if premiere else TYPES.get(version.history_type, version.history_type),
                "raison": version.history_change_reason or "",
                "changements": changements,
            }
        )
    return resultat
