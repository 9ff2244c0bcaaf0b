"""Several SIRENE vintages side by side: which ones are imported, which one is published (staff
choose), the vintage of a given date, deletion when a vintage is replaced."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from essaim.commun.statuts import depuis, transition_permise

from ..enums import StatutMillesime
from ..models import Agregat, Etablissement, Millesime, PublicationMillesime, TotalTerritoire, UniteLegale

TERMINES = [StatutMillesime.PUBLIE, StatutMillesime.ARCHIVE]


class MillesimeInvalide(ValueError):
    """A vintage reference that does not parse or was not imported (French message)."""


def millesime_publie() -> Millesime | None:
    return Millesime.objects.filter(statut=StatutMillesime.PUBLIE).order_by("-fin").first()


def millesimes_importes() -> list[Millesime]:
    """The vintages of the series, oldest first: every finished import of the same kind (real or
    synthetic demo data) as the published one."""
    publie = millesime_publie()
    demo = publie.demo if publie else False
    return list(
        Millesime.objects.filter(statut__in=TERMINES, demo=demo, date_stock__isnull=False).order_by(
            "date_stock", "fin"
        )
    )


def etat_millesimes() -> str:
    """Changes whenever a vintage is imported, replaced or published (part of cache keys)."""
    lignes = Millesime.objects.filter(statut__in=TERMINES).order_by("pk").values_list("pk", "statut", "fin")
    return ",".join(f"{pk}.{statut}.{fin and fin.timestamp()}" for pk, statut, fin in lignes)


def millesime_a_la_date(valeur: str) -> Millesime:
    """The finished vintage whose stock date is ``valeur`` (AAAA-MM-JJ)."""
    try:
        jour = date.fromisoformat((valeur or "").strip())
    except ValueError:
        raise MillesimeInvalide(
            f"Millésime invalide : « {valeur[:30]} » (forme attendue : AAAA-MM-JJ, ex. 2025-01-01)."
        ) from None
    publie = millesime_publie()
    candidats = Millesime.objects.filter(statut__in=TERMINES, date_stock=jour).order_by("-fin")
    trouve = sorted(candidats, key=lambda m: publie is None or m.demo != publie.demo)[:1]
    if not trouve:
        dates = ", ".join(m.date_stock.isoformat() for m in millesimes_importes()) or "aucun"
        raise MillesimeInvalide(
            f"Aucun millésime importé au {jour:%d/%m/%Y} (millésimes disponibles : {dates})."
        )
    return trouve[0]


def publier(millesime: Millesime, par=None) -> Millesime:
    """Make ``millesime`` the published vintage (the previous one is archived, kept), along
    StatutMillesime's table, and log who did it."""
    if millesime.statut == StatutMillesime.PUBLIE:
        return millesime
    # Staff publish a finished vintage only (an import in progress publishes itself at its end).
    if millesime.statut not in TERMINES or not transition_permise(
        StatutMillesime, millesime.statut, StatutMillesime.PUBLIE
    ):
        raise MillesimeInvalide(f"Le millésime n° {millesime.pk} n'est pas terminé : il ne peut être publié.")
    with transaction.atomic():
        precedent = millesime_publie()
        archivables = depuis(StatutMillesime, StatutMillesime.ARCHIVE) & {StatutMillesime.PUBLIE}
        Millesime.objects.filter(statut__in=archivables).exclude(pk=millesime.pk).update(
            statut=StatutMillesime.ARCHIVE
        )
        # ``fin`` is part of the cache keys of pages and API: a new stamp makes them fresh.
        Millesime.objects.filter(pk=millesime.pk).update(statut=StatutMillesime.PUBLIE, fin=timezone.now())
        noter_publication(millesime, precedent, par)
    millesime.refresh_from_db()
    return millesime


def noter_publication(millesime: Millesime, precedent: Millesime | None, par=None) -> PublicationMillesime:
    utilisateur = par if getattr(par, "is_authenticated", False) else None
    return PublicationMillesime.objects.create(millesime=millesime, precedent=precedent, par=utilisateur)


def supprimer_millesime(millesime: Millesime):
    """Delete a vintage and its rows (one DELETE per table)."""
    for modele in (Etablissement, UniteLegale, Agregat, TotalTerritoire):
        modele.objects.filter(millesime=millesime).delete()
    millesime.delete()
