"""Small builders for strategic-plan tests (no factory_boy needed: a plan is a tree)."""

import datetime
from decimal import Decimal

from essaim.territoires.models import Region

from ..enums import Mode, NaturePriorite, TypeObjectif
from ..models import Indicateur, Objectif, Plan, Priorite


def plan(slug="plan-test", region="28", public=True, annee_debut=2024, annee_fin=2026, **champs) -> Plan:
    return Plan.objects.create(
        slug=slug,
        region=Region.objects.get(code=region),
        titre=champs.pop("titre", f"Plan {slug}"),
        annee_debut=annee_debut,
        annee_fin=annee_fin,
        public=public,
        **champs,
    )


def priorite(p: Plan, titre="Fédérer les réseaux", ordre=1, nature=NaturePriorite.PRIORITE) -> Priorite:
    return Priorite.objects.create(plan=p, titre=titre, ordre=ordre, nature=nature)


def objectif(pr: Priorite, titre="Rassembler les réseaux", responsable=None, **champs) -> Objectif:
    return Objectif.objects.create(
        priorite=pr,
        titre=titre,
        responsable=responsable,
        type=champs.pop("type", TypeObjectif.QUANTITATIF),
        **champs,
    )


def indicateur(o: Objectif, code="reseaux", **champs) -> Indicateur:
    valeurs = {
        "libelle": "Réseaux adhérents",
        "unite": "réseaux",
        "reference": Decimal(10),
        "date_reference": datetime.date(2023, 12, 31),
        "cible": Decimal(20),
        "date_cible": datetime.date(2026, 12, 31),
        **champs,
    }
    return Indicateur.objects.create(objectif=o, code=code, **valeurs)


def automatique(o: Objectif, code="fiches", calcul="annuaire-fiches-publiees", region="28", **champs):
    return indicateur(
        o,
        code=code,
        mode=Mode.AUTOMATIQUE,
        calcul=calcul,
        parametres={"region": region},
        unite="fiches",
        **champs,
    )


def arbre_simple(region="28", public=True, responsable=None, slug="plan-test"):
    p = plan(slug=slug, region=region, public=public)
    o = objectif(priorite(p), responsable=responsable)
    return p, o, indicateur(o)
