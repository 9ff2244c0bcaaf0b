"""Reading an item's history (django-simple-history): author, date, reason, changed fields."""

from django.core.exceptions import FieldDoesNotExist

from ..models import Ressource

IGNORES = {
    "version",
    "publiee_le",
    "a_controler",
    "url_normalisee",
    "cle_sans_url",
    "anciennes_cles",
    "lien_detail",
}
TYPES = {"+": "Création", "~": "Modification", "-": "Suppression"}


def _libelle(champ):
    try:
        return str(Ressource._meta.get_field(champ).verbose_name).capitalize()
    except FieldDoesNotExist:
        return champ


def _valeur(champ, valeur):
    if valeur in (None, "", [], {}):
        return "—"
    try:
        champ_modele = Ressource._meta.get_field(champ)
    except FieldDoesNotExist:
        return str(valeur)
    if champ_modele.many_to_many:
        cle = champ_modele.related_model._meta.model_name
        ids = [ligne.get(cle) for ligne in valeur or []]
        return ", ".join(str(o) for o in champ_modele.related_model.objects.filter(pk__in=ids)) or "—"
    if champ_modele.choices:
        return str(dict(champ_modele.flatchoices).get(valeur, valeur))
    if champ_modele.many_to_one:
        objet = champ_modele.related_model.objects.filter(pk=valeur).first()
        return str(objet) if objet is not None else str(valeur)
    return str(valeur)


def entrees(ressource: Ressource, limite: int = 100) -> list[dict]:
    """Newest first: {date, auteur, type, raison, changements[{libelle, avant, apres}]}."""
    versions = list(
        ressource.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limite + 1
        ]
    )
    resultat = []
    for i, version in enumerate(versions[:limite]):
        precedente = versions[i + 1] if i + 1 < len(versions) else None
        changements = []
        if precedente is not None:
            for c in version.diff_against(precedente).changes:
                if c.field not in IGNORES:
                    changements.append(
                        {
                            "libelle": _libelle(c.field),
                            "avant": _valeur(c.field, c.old),
                            "apres": _valeur(c.field, c.new),
                        }
                    )
        resultat.append(
            {
                "date": version.history_date,
                "auteur": version.history_user,
                "type": TYPES.get(version.history_type, version.history_type),
                "raison": version.history_change_reason or "",
                "changements": changements,
            }
        )
    return resultat
