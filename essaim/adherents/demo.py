"""Demo members of CRESS Hauts-de-France: a few direct members and a network with its members,
drawn from the demo directory, for the current and the previous year. Idempotent."""

import datetime

from django.db import transaction
from django.utils import timezone

from essaim.annuaire.models import Structure

from .enums import ModeAdhesion, StatutAdhesion
from .models import Adhesion, Reseau


def charger(stdout=None):
    structures = list(Structure.objects.filter(est_demo=True, region_id="32").order_by("source_id")[:40])
    if len(structures) < 20 or Reseau.objects.filter(structure__est_demo=True).exists():
        return
    annee = timezone.localdate().year
    with transaction.atomic():
        tete = structures[0]
        reseau = Reseau.objects.create(
            structure=tete,
            region_id="32",
            description="Réseau régional de ressourceries et recycleries (fictif, démonstration).",
        )
        membres_reseau = structures[1:9]
        reseau.membres.set(membres_reseau)
        directs = structures[9:25]
        for an in (annee - 1, annee):
            Adhesion.objects.create(
                structure=tete,
                region_id="32",
                annee=an,
                statut=StatutAdhesion.A_JOUR,
                debut=datetime.date(an, 1, 1),
                fin=datetime.date(an, 12, 31),
                badge_public=True,
            )
            for i, structure in enumerate(membres_reseau):
                Adhesion.objects.create(
                    structure=structure,
                    region_id="32",
                    annee=an,
                    mode=ModeAdhesion.RESEAU,
                    reseau=reseau,
                    statut=StatutAdhesion.A_JOUR,
                    debut=datetime.date(an, 1, 1),
                    fin=datetime.date(an, 12, 31),
                    badge_public=i % 2 == 0,
                )
            for i, structure in enumerate(directs):
                Adhesion.objects.create(
                    structure=structure,
                    region_id="32",
                    annee=an,
                    statut=StatutAdhesion.EN_ATTENTE if an == annee and i % 5 == 4 else StatutAdhesion.A_JOUR,
                    debut=datetime.date(an, 1 + i % 6, 1),
                    fin=datetime.date(an, 12, 31),
                    badge_public=i % 3 != 0,
                )
    if stdout:
        stdout.write(
            f"    Adhérents : {Adhesion.objects.filter(annee=annee).count()} adhésions {annee}, 1 réseau"
        )
