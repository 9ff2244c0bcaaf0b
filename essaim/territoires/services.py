"""Loading and searching territories. Plain functions, no HTTP."""

import gzip
import hashlib
import json
from pathlib import Path

from django.db import transaction
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from essaim.commun.normalisation import normaliser_nom

from .contours import charger_contours_livres
from .models import EPCI, AncienCode, Commune, Departement, JeuDeReference, Region

FICHIER_TERRITOIRES = Path(__file__).resolve().parent / "data" / "territoires.json.gz"
TAILLE_LOT = 2000


def _upsert(modele, objets, champs):
    modele.objects.bulk_create(
        objets,
        batch_size=TAILLE_LOT,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=champs,
    )


def _commune(row: list) -> Commune:
    code, nom, dep, reg, epci, cps, pop, type_, _parent, *point = row
    latitude, longitude, precision = point or (None, None, "")
    return Commune(
        code=code,
        nom=nom,
        nom_recherche=normaliser_nom(nom),
        departement_id=dep,
        region_id=reg,
        epci_id=epci or None,
        codes_postaux=cps,
        population=pop,
        type=type_,
        latitude=latitude,
        longitude=longitude,
        precision_coordonnees=precision,
    )


def charger_territoires(fichier: Path = FICHIER_TERRITOIRES, forcer: bool = False) -> dict:
    """Load (or update) the COG from the compact data file, then the shipped région and
    département outlines. Idempotent; each step skipped when unchanged."""
    resultat = _charger_cog(fichier, forcer)
    resultat["contours"] = charger_contours_livres(forcer=forcer)["charge"]
    return resultat


def _charger_cog(fichier: Path, forcer: bool) -> dict:
    contenu = fichier.read_bytes()
    empreinte = hashlib.sha256(contenu).hexdigest()
    deja = JeuDeReference.objects.filter(nom="territoires", empreinte=empreinte).exists()
    if deja and not forcer:
        return {"charge": False, "communes": Commune.objects.count()}
    donnees = json.loads(gzip.decompress(contenu))
    with transaction.atomic():
        _upsert(
            Region,
            [Region(code=c, nom=n, chef_lieu=cl, zone=z) for c, n, cl, z in donnees["regions"]],
            ["nom", "chef_lieu", "zone"],
        )
        _upsert(
            Departement,
            [
                Departement(code=c, nom=n, region_id=r, chef_lieu=cl, zone=z)
                for c, n, r, cl, z in donnees["departements"]
            ],
            ["nom", "region", "chef_lieu", "zone"],
        )
        _upsert(
            EPCI,
            [EPCI(code=c, nom=n, type=t, population=p) for c, n, t, p in donnees["epci"]],
            ["nom", "type", "population"],
        )
        communes = [_commune(row) for row in donnees["communes"]]
        champs = ["nom", "nom_recherche", "departement", "region", "epci", "codes_postaux", "population"]
        _upsert(Commune, communes, [*champs, "type", "latitude", "longitude", "precision_coordonnees"])
        # Parents in a second pass: arrondissements point to communes of the same file.
        arrondissements = [Commune(code=row[0], parent_id=row[8]) for row in donnees["communes"] if row[8]]
        Commune.objects.bulk_update(arrondissements, ["parent"], batch_size=TAILLE_LOT)
        AncienCode.objects.bulk_create(
            [AncienCode(code=a, commune_id=c) for a, c in donnees["anciens_codes"]],
            batch_size=TAILLE_LOT,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["commune"],
        )
        JeuDeReference.objects.update_or_create(nom="territoires", defaults={"empreinte": empreinte})
    return {"charge": True, "communes": len(communes), "source": donnees["source"]}


def rechercher_communes(requete: str, limite: int = 20) -> QuerySet[Commune]:
    """Find communes by name (accent-insensitive, saint/st folded) or by postcode or INSEE code.

    Names starting with the query rank first, then the most populated.
    """
    requete = (requete or "").strip()[:100]
    qs = Commune.objects.select_related("departement")
    if not requete:
        return qs.none()
    if requete.isdigit() or (len(requete) == 5 and requete[:2].upper() in ("2A", "2B")):
        return qs.filter(Q(codes_postaux__contains=requete) | Q(code__startswith=requete.upper())).order_by(
            "-population"
        )[:limite]
    nom = normaliser_nom(requete)
    if not nom:
        return qs.none()
    return (
        qs.filter(nom_recherche__contains=nom)
        .annotate(
            rang=Case(
                When(nom_recherche=nom, then=Value(0)),
                When(nom_recherche__startswith=nom, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("rang", "-population", "nom")[:limite]
    )


def commune_par_code(code: str) -> Commune | None:
    """Today's commune for an INSEE code, following former codes (mergers, délégués)."""
    code = (code or "").strip().upper()
    commune = Commune.objects.filter(code=code).first()
    if commune is None:
        ancien = AncienCode.objects.select_related("commune").filter(code=code).first()
        commune = ancien.commune if ancien else None
    return commune


def charger_reference(stdout=None) -> None:
    """Reference loader called by `manage.py preparer`."""
    resultat = charger_territoires()
    if stdout is not None:
        etat = "chargés" if resultat["charge"] else "déjà à jour"
        stdout.write(f"  Territoires {etat} : {resultat['communes']} communes")
        if resultat["contours"]:
            stdout.write("  Contours des régions et départements chargés")
