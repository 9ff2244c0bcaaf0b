"""python manage.py import_sirene --unites-legales FILE --etablissements FILE [--regions 32,28] ..."""

import sys
import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from essaim.observatoire.enums import Perimetre
from essaim.observatoire.services.import_sirene import ImportSirene
from essaim.observatoire.services.lecture import ErreurSirene
from essaim.observatoire.services.rapport import duree as _duree
from essaim.observatoire.services.rapport import message_progression


class Command(BaseCommand):
    help = (
        "Importe les stocks SIRENE de l'INSEE (CSV, CSV dans un ZIP ou Parquet) et ajoute un millésime "
        "à l'observatoire (publié s'il est le plus récent ; les autres restent interrogeables). "
        "Relancer la même commande reprend un import interrompu."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unites-legales", required=True, help="StockUniteLegale (CSV, ZIP ou Parquet)")
        parser.add_argument(
            "--etablissements", required=True, help="StockEtablissement (CSV, ZIP ou Parquet)"
        )
        parser.add_argument("--regions", default="", help="codes INSEE des régions, séparés par des virgules")
        parser.add_argument("--perimetre", default=Perimetre.FLAG, choices=Perimetre.values)
        parser.add_argument(
            "--date", default="", help="date du stock (AAAA-MM-JJ), sinon lue dans le fichier"
        )
        parser.add_argument(
            "--remplacer",
            action="store_true",
            help="remplace le millésime de la même date déjà importé (supprimé quand le nouveau est prêt)",
        )
        parser.add_argument("--dry-run", action="store_true", help="lit et compte sans rien enregistrer")
        parser.add_argument(
            "--limite-lignes",
            type=int,
            default=None,
            help="s'arrête proprement après ce nombre de lignes lues ; relancer la même commande reprend",
        )

    def handle(self, *args, **o):
        try:
            date_stock = date.fromisoformat(o["date"]) if o["date"] else None
        except ValueError as erreur:
            raise CommandError(f"Date invalide : « {o['date']} » (attendu AAAA-MM-JJ).") from erreur
        interactif = sys.stdout.isatty()
        dernier = {"t": 0.0}

        def progression(phase, lignes, debit, reste):
            texte = message_progression(phase, lignes, debit, reste)
            if interactif:
                self.stdout.write("\r" + texte.ljust(90), ending="")
                self.stdout.flush()
            elif time.monotonic() - dernier["t"] >= 10:  # logs: one line every 10 s
                dernier["t"] = time.monotonic()
                self.stdout.write(texte)

        importeur = ImportSirene(
            o["unites_legales"],
            o["etablissements"],
            perimetre=o["perimetre"],
            regions=o["regions"].split(",") if o["regions"] else [],
            dry_run=o["dry_run"],
            date_stock=date_stock,
            progression=progression,
            limite_lignes=o["limite_lignes"],
            remplacer=o["remplacer"],
        )
        try:
            rapport = importeur.executer()
        except ErreurSirene as erreur:
            raise CommandError(str(erreur)) from erreur
        if interactif:
            self.stdout.write("")
        messages = {
            "deja_importe": "Ces fichiers sont déjà importés (millésime n° {m}) : rien n'a changé.",
            "simulation": "Simulation (--dry-run) : rien n'a été enregistré.",
            "importe": "Millésime n° {m} publié ; les précédents sont conservés (séries, comparaison).",
            "importe_non_publie": "Millésime n° {m} importé, non publié : plus ancien que le millésime "
            "publié (publiable depuis /observatoire/millesimes/).",
            "suspendu": "Arrêt après --limite-lignes : relancez la même commande pour reprendre.",
        }
        self.stdout.write(rapport.resume())
        debit = rapport.etab_lues / rapport.duree if rapport.duree else 0
        self.stdout.write(
            f"Durée : {_duree(rapport.duree)} ({debit:,.0f} établissements/s).".replace(",", "\u202f")
        )
        self.stdout.write(self.style.SUCCESS(messages[rapport.statut].format(m=rapport.millesime_id)))
