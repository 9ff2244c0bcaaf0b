"""Registry of named computations: the figures the site can compute by itself (published
directory records of a région, workshops of a conference, applications received...), used by
the automatic indicators of strategic plans (``essaim.pilotage``) and by anyone who needs a
figure by its stable code. ``commun`` imports no app: each app declares its own computations.

How to declare one — in ``essaim/<app>/indicateurs.py`` (found automatically when the site
starts, by ``autodiscover_modules("indicateurs")`` in ``CommunConfig.ready``)::

    from essaim.commun.indicateurs import REGION, PERIODE, calcul

    @calcul(
        "annuaire-fiches-publiees",              # stable code: never renamed once used
        libelle="Fiches publiées dans l'annuaire",
        unite="fiches",
        parametres=(REGION,),                    # what the figure depends on
        description="Fiches au statut publié dont la région est celle choisie.",
    )
    def fiches_publiees(*, region, debut=None, fin=None):
        from .models import Structure            # import models inside: keeps start-up light
        return Structure.objects.publiees().filter(region_id=region).count()

The function is always called with keyword arguments ``region`` (INSEE code of the région, or
None), ``debut`` and ``fin`` (dates bounding the period, or None); it returns a number (int,
float or Decimal). A *stock* figure (records published) is the value at the time of the call and
ignores the period; a *flow* figure (applications received) counts what happened between
``debut`` and ``fin`` inclusive. ``parametres`` lists the ones that must be given: ``REGION``,
``PERIODE`` (both dates).

How to use one::

    from essaim.commun import indicateurs

    indicateurs.calculs()                            # every computation, sorted by code
    indicateurs.obtenir("annuaire-fiches-publiees")  # one, or CalculInconnu
    indicateurs.calculer("annuaire-fiches-publiees", region="28")
    indicateurs.calculer("appels-candidatures-recues", region="11",
                         debut=date(2025, 1, 1), fin=date(2025, 12, 31))

Errors are French and name the parameter (``ParametresInvalides.erreurs``: name → messages).
Keeping a computed value over time (snapshots that never move when data change) is the
caller's business: ``pilotage`` stores one per indicator and period with its computation date.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.module_loading import autodiscover_modules

REGION = "region"
PERIODE = "periode"
PARAMETRES_CONNUS = (REGION, PERIODE)
LIBELLES_PARAMETRES = {REGION: "Région", PERIODE: "Période"}


class CalculInconnu(LookupError):
    pass


class ParametresInvalides(ValueError):
    def __init__(self, erreurs: dict[str, list[str]]):
        super().__init__("; ".join(f"{k} : {' '.join(v)}" for k, v in erreurs.items()))
        self.erreurs = erreurs


@dataclass(frozen=True)
class Calcul:
    code: str
    libelle: str
    unite: str
    fonction: Callable = field(compare=False, repr=False)
    parametres: tuple[str, ...] = (REGION,)
    description: str = ""
    module: str = ""

    @property
    def app(self) -> str:
        """The app label that declared it (``essaim.annuaire.indicateurs`` → ``annuaire``)."""
        parties = self.module.split(".")
        return parties[1] if len(parties) > 2 else self.module

    @property
    def depend_de_la_periode(self) -> bool:
        return PERIODE in self.parametres


_REGISTRE: dict[str, Calcul] = {}


def enregistrer(objet: Calcul) -> Calcul:
    inconnus = set(objet.parametres) - set(PARAMETRES_CONNUS)
    if inconnus:
        raise ValueError(f"Calcul {objet.code} : paramètres inconnus {sorted(inconnus)}")
    deja = _REGISTRE.get(objet.code)
    if deja is not None and deja.module != objet.module:
        raise ValueError(f"Calcul {objet.code} déjà déclaré par {deja.module}")
    _REGISTRE[objet.code] = objet
    return objet


def calcul(code: str, *, libelle: str, unite: str, parametres=(REGION,), description: str = ""):
    """Decorator declaring ``fonction`` as the computation ``code`` (see the module docstring)."""

    def decorer(fonction):
        enregistrer(
            Calcul(
                code=code,
                libelle=str(libelle),
                unite=str(unite),
                fonction=fonction,
                parametres=tuple(parametres),
                description=str(description),
                module=fonction.__module__,
            )
        )
        return fonction

    return decorer


def decouvrir() -> None:
    """Import every app's ``indicateurs`` module (called once by ``CommunConfig.ready``)."""
    autodiscover_modules("indicateurs")


def calculs() -> list[Calcul]:
    return sorted(_REGISTRE.values(), key=lambda c: c.code)


def choix() -> list[tuple[str, str]]:
    """(code, label) pairs for a form's select."""
    return [(c.code, f"{c.libelle} ({c.code})") for c in calculs()]


def obtenir(code: str) -> Calcul:
    try:
        return _REGISTRE[code]
    except KeyError:
        raise CalculInconnu(f"Calcul inconnu : « {code} ».") from None


def verifier(code: str, *, region=None, debut=None, fin=None) -> Calcul:
    """The computation, once its parameters are checked (``ParametresInvalides`` otherwise)."""
    objet = obtenir(code)
    erreurs: dict[str, list[str]] = {}
    if REGION in objet.parametres and not region:
        erreurs[REGION] = [f"Le calcul « {objet.libelle} » demande une région."]
    if PERIODE in objet.parametres:
        if not isinstance(debut, datetime.date) or not isinstance(fin, datetime.date):
            erreurs[PERIODE] = [f"Le calcul « {objet.libelle} » demande une période (début et fin)."]
        elif fin < debut:
            erreurs[PERIODE] = [
                f"La fin de la période ({fin:%d/%m/%Y}) précède son début ({debut:%d/%m/%Y})."
            ]
    if erreurs:
        raise ParametresInvalides(erreurs)
    return objet


def calculer(code: str, *, region=None, debut=None, fin=None):
    """The value of computation ``code`` now, for these parameters."""
    objet = verifier(code, region=region, debut=debut, fin=fin)
    return objet.fonction(region=region, debut=debut, fin=fin)


def dans_la_periode(champ: str, debut, fin, *, horodatage: bool = True) -> dict:
    """Filter keyword arguments restricting ``champ`` to [debut, fin] (a DateTimeField when
    ``horodatage``, compared by its date; else a DateField)."""
    cle = f"{champ}__date" if horodatage else champ
    filtres = {}
    if debut:
        filtres[f"{cle}__gte"] = debut
    if fin:
        filtres[f"{cle}__lte"] = fin
    return filtres
