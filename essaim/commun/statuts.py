"""The one mechanism for status changes.

Each status enum carries its transition table as ``Enum.transitions`` (current status →
the statuses it may go to; a status absent from the table is final), declared beside the
enum with ``declarer_transitions``. ``changer_statut`` is the only way services move an
object along it: it refuses a move the table does not list, sets the other fields of the
decision, and saves once with the author and reason in the history.
"""

from django.db import models


class TransitionInterdite(Exception):
    """The table of the object's status enum does not allow this move."""


def declarer_transitions(enum: type[models.TextChoices], table: dict) -> None:
    inconnus = {*table, *(c for cibles in table.values() for c in cibles)} - set(enum)
    if inconnus:
        raise ValueError(f"{enum.__name__} : statuts inconnus {sorted(inconnus)}")
    enum.transitions = {enum(de): frozenset(enum(c) for c in cibles) for de, cibles in table.items()}


def transition_permise(enum: type[models.TextChoices], de, vers) -> bool:
    return enum(vers) in enum.transitions.get(enum(de), frozenset())


def depuis(enum: type[models.TextChoices], vers) -> frozenset:
    """The statuses that may move to ``vers``: for conditional bulk updates
    (``qs.filter(statut__in=depuis(Enum, cible)).update(statut=cible)``), where several
    processes may race and only a row still in an allowed status must move."""
    cible = enum(vers)
    return frozenset(de for de, cibles in enum.transitions.items() if cible in cibles)


def changer_statut(objet, cible: models.TextChoices, *, par=None, raison: str | None = None, **champs):
    """Move ``objet.statut`` to ``cible`` (a member of the status enum), set ``champs``, save."""
    enum = type(cible)
    actuel = objet.statut
    if not transition_permise(enum, actuel, cible):
        raise TransitionInterdite(f"{type(objet).__name__} : « {actuel} » ne peut pas devenir « {cible} ».")
    objet.statut = cible
    for nom, valeur in champs.items():
        setattr(objet, nom, valeur)
    if par is not None and getattr(par, "is_authenticated", False):
        objet._history_user = par
    if raison:
        objet._change_reason = raison
    objet.save()
    return objet
