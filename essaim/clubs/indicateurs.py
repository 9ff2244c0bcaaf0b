"""Named computations of the clubs (see commun/indicateurs.py), for the pilotage indicators.
Those of the CRESS membership (adherents, federated networks) are in adherents/indicateurs.py."""

from essaim.commun.indicateurs import PERIODE, REGION, calcul


def _rencontres(region, debut, fin):
    from .enums import StatutRencontre
    from .models import Rencontre

    return Rencontre.objects.filter(club__region_id=region, date__gte=debut, date__lte=fin).exclude(
        statut=StatutRencontre.ANNULEE
    )


@calcul(
    "clubs-rencontres",
    libelle="Rencontres des clubs Busin'ESS",
    unite="rencontres",
    parametres=(REGION, PERIODE),
    description="Rencontres (hors annulées) des clubs de la région dont la date est dans la période.",
)
def rencontres(*, region, debut, fin):
    return _rencontres(region, debut, fin).count()


@calcul(
    "clubs-participants",
    libelle="Participants aux rencontres des clubs Busin'ESS",
    unite="participants",
    parametres=(REGION, PERIODE),
    description="Nombre déclaré par l'animateur·rice, sinon présents émargés, des rencontres de la période.",
)
def participants(*, region, debut, fin):
    return sum(r.nombre_participants() or 0 for r in _rencontres(region, debut, fin))


@calcul(
    "clubs-structures-membres",
    libelle="Structures membres des clubs Busin'ESS",
    unite="structures",
    parametres=(REGION,),
    description="Structures distinctes membres d'au moins un club actif de la région, à ce jour.",
)
def structures_membres(*, region, debut=None, fin=None):
    from .enums import StatutClub, StatutMembre
    from .models import Membre

    return (
        Membre.objects.filter(
            club__region_id=region, club__statut=StatutClub.ACTIF, statut=StatutMembre.ACCEPTEE
        )
        .values("structure")
        .distinct()
        .count()
    )
