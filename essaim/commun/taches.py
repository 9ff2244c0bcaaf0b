"""The one background-work mechanism: django-tasks (database queue, `manage.py db_worker`)
plus a ``Travail`` row that carries visible progress.

Usage::

    @tache
    def importer_fichier(travail, chemin):        # a plain function taking the Travail first
        for i, ligne in enumerate(lire(chemin)):
            ...
            travail.avancer(i, total)              # cheap: writes at most every 0.5 s
        return {"importees": n}                   # stored in travail.resultat

    travail = lancer(importer_fichier, "Import des structures", user=request.user, chemin=str(p))
    return redirect(travail)                       # /taches/<id>/ shows the progress bar

In tests (TASKS backend "immediate") the work runs synchronously.
"""

import logging
import time
import traceback

from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from .models import StatutTravail, Travail
from .statuts import depuis

logger = logging.getLogger(__name__)
_REGISTRE = {}


class Progression:
    """Throttled progress writer around a Travail row."""

    def __init__(self, travail: Travail, intervalle: float = 0.5):
        self.travail = travail
        self.intervalle = intervalle
        self._dernier = 0.0

    def avancer(self, fait: int, total: int | None = None, message: str | None = None, forcer=False):
        maintenant = time.monotonic()
        if not forcer and maintenant - self._dernier < self.intervalle:
            return
        self._dernier = maintenant
        champs = {"fait": fait}
        if total is not None:
            champs["total"] = total
        if message is not None:
            champs["message"] = message
        Travail.objects.filter(pk=self.travail.pk).update(**champs)
        for nom, valeur in champs.items():
            setattr(self.travail, nom, valeur)

    @property
    def utilisateur(self):
        """Who launched the work, whose région scope its rows are checked against (an
        anonymous user, who may act on nothing, once that account is gone)."""
        from django.contrib.auth.models import AnonymousUser

        return self.travail.cree_par or AnonymousUser()

    def __getattr__(self, nom):
        return getattr(self.travail, nom)


def tache(fonction):
    """Register a function as background work (see module docstring)."""
    _REGISTRE[f"{fonction.__module__}.{fonction.__qualname__}"] = fonction
    return fonction


@task()
def executer_travail(travail_id: int, nom_fonction: str, kwargs: dict):
    travail = Travail.objects.get(pk=travail_id)
    # Conditional moves along StatutTravail's table: a task delivered twice runs once.
    demarre = Travail.objects.filter(pk=travail_id, statut__in=depuis(StatutTravail, StatutTravail.EN_COURS))
    if not demarre.update(statut=StatutTravail.EN_COURS, debut=timezone.now()):
        logger.warning("Travail %s déjà %s : pas relancé", travail_id, travail.get_statut_display())
        return None
    en_cours = Travail.objects.filter(pk=travail_id, statut=StatutTravail.EN_COURS)
    progression = Progression(travail)
    try:
        fonction = _REGISTRE.get(nom_fonction) or import_string(nom_fonction)
        resultat = fonction(progression, **kwargs)
    except Exception as erreur:  # the error is shown to the user on the task page
        logger.exception("Travail %s en échec", travail_id)
        en_cours.update(
            statut=StatutTravail.ECHEC,
            fin=timezone.now(),
            message=f"{type(erreur).__name__} : {erreur}",
            resultat={"trace": traceback.format_exc()[-4000:]},
        )
        return None
    travail.refresh_from_db()
    en_cours.update(
        statut=StatutTravail.TERMINE,
        fin=timezone.now(),
        resultat=resultat if isinstance(resultat, dict) else {"resultat": resultat},
        fait=travail.total or travail.fait,
    )
    return None


def lancer(fonction, libelle: str, user=None, region_code: str = "", **kwargs) -> Travail:
    """Create the Travail row and enqueue the work. ``kwargs`` must be JSON-serialisable."""
    nom = f"{fonction.__module__}.{fonction.__qualname__}"
    if nom not in _REGISTRE:
        raise ValueError(f"{nom} n'est pas déclarée avec @tache")
    travail = Travail.objects.create(
        nature=nom,
        libelle=libelle,
        cree_par=user if user and user.is_authenticated else None,
        region_code=region_code,
    )
    executer_travail.enqueue(travail.pk, nom, kwargs)
    travail.refresh_from_db()
    return travail
