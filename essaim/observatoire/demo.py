"""Demo data: a synthetic SIRENE import for Hauts-de-France (two vintages, so the evolution
shows), clearly labelled as synthetic in its source. Idempotent and instant when present."""

import tempfile
from datetime import date
from pathlib import Path

from essaim.territoires.models import Commune

from .enums import StatutMillesime
from .generateur import generer_stocks
from .models import Millesime
from .services.import_sirene import ImportSirene

SOURCE_DEMO = "Données synthétiques de démonstration (générées par Essaim, ce ne sont pas des chiffres INSEE)"
VINTAGES = [(date(2024, 12, 31), 1, 9_000, 18_000), (date(2025, 11, 1), 2, 9_500, 19_000)]


def charger(stdout=None):
    if Millesime.objects.filter(demo=True, statut=StatutMillesime.PUBLIE).exists():
        return
    if Millesime.objects.filter(demo=False).exclude(statut=StatutMillesime.ECHEC).exists():
        return  # real figures are there: never hide them behind synthetic ones
    communes = list(
        Commune.objects.filter(region_id="32", parent__isnull=True).values_list(
            "code", "codes_postaux", "nom"
        )
    )
    if not communes:
        return
    communes = [(code, (cps or "").split(" ")[0], nom) for code, cps, nom in communes]
    with tempfile.TemporaryDirectory() as dossier:
        for date_stock, graine, n_ul, n_etab in VINTAGES:
            sous_dossier = Path(dossier) / str(graine)
            ul, et = generer_stocks(sous_dossier, n_ul, n_etab, communes, part_ess=0.6, graine=graine)
            rapport = ImportSirene(
                ul, et, regions=["32"], date_stock=date_stock, source=SOURCE_DEMO, demo=True
            ).executer()
            if stdout:
                stdout.write(
                    f"    millésime de démonstration du {date_stock:%d/%m/%Y} : "
                    f"{rapport.etab_gardes} établissements"
                )
