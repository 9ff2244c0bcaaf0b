"""Import of workshops from a CSV/XLSX file with the columns of the shared data set, through
the one import engine (essaim.commun.imports)."""

import datetime
import difflib
import hashlib
import re

from django.core.exceptions import ValidationError

from essaim.commun.bornes import PARTICIPANTS_MAX
from essaim.commun.imports import Colonne, Importeur, Resultat, entier_jusqu_a
from essaim.commun.normalisation import normaliser_nom
from essaim.commun.permissions import dans_le_perimetre
from essaim.territoires.models import Commune, Departement

from ..enums import Format, PrecisionDate, Transition
from ..models import Atelier, Conference
from .editions import bornes_edition

_SYNONYMES_TRANSITIONS = {
    "ecologique": Transition.ECOLOGIQUE,
    "ecologie": Transition.ECOLOGIQUE,
    "environnementale": Transition.ECOLOGIQUE,
    "ecologique et environnementale": Transition.ECOLOGIQUE,
    "sociale": Transition.SOCIALE,
    "social": Transition.SOCIALE,
    "economique": Transition.ECONOMIQUE,
    "economie": Transition.ECONOMIQUE,
    "organisationnelle": Transition.ORGANISATIONNELLE,
    "organisation": Transition.ORGANISATIONNELLE,
}
_TOUTES = {"4 transitions", "toutes", "les 4 transitions", "toutes les transitions", "4"}
_FORMATS = {
    "presentiel": Format.PRESENTIEL,
    "sur place": Format.PRESENTIEL,
    "visio": Format.VISIO,
    "visioconference": Format.VISIO,
    "distanciel": Format.VISIO,
    "en ligne": Format.VISIO,
}


def separer(valeur: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;|/\n]", valeur or "") if p.strip()]


def lire_transitions(valeur: str) -> list[str]:
    """'organisationnelle;sociale', 'Transition écologique', '4 transitions' -> keys."""
    if normaliser_nom(valeur) in _TOUTES:
        return [t.value for t in Transition]
    resultat = []
    for morceau in re.split(r"[;,|/]", valeur):
        cle = normaliser_nom(morceau)
        cle = re.sub(r"^transitions? ", "", cle).strip()
        if not cle:
            continue
        if cle in _TOUTES:
            return [t.value for t in Transition]
        if cle not in _SYNONYMES_TRANSITIONS:
            proche = difflib.get_close_matches(cle, list(_SYNONYMES_TRANSITIONS), n=1, cutoff=0.5)
            suggestion = (
                f" Vouliez-vous dire « {_SYNONYMES_TRANSITIONS[proche[0]].value} » ?" if proche else ""
            )
            raise ValidationError(
                f"Transition inconnue « {morceau.strip()} » : valeurs possibles "
                f"{', '.join(t.value for t in Transition)}.{suggestion}"
            )
        transition = _SYNONYMES_TRANSITIONS[cle].value
        if transition not in resultat:
            resultat.append(transition)
    return resultat


def lire_date(valeur: str) -> tuple[datetime.date, str]:
    """'2023-04-06', '06/04/2023' (a day) or '2023-12', '12/2023' (a month only)."""
    valeur = valeur.strip()
    formats = [
        ("%Y-%m-%d", PrecisionDate.JOUR),
        ("%d/%m/%Y", PrecisionDate.JOUR),
        ("%Y-%m", PrecisionDate.MOIS),
        ("%m/%Y", PrecisionDate.MOIS),
    ]
    for motif, precision in formats:
        try:
            return datetime.datetime.strptime(valeur, motif).date(), precision.value
        except ValueError:
            continue
    raise ValidationError(
        f"Date « {valeur} » illisible : attendu AAAA-MM-JJ (ou JJ/MM/AAAA), ou AAAA-MM pour un mois seul."
    )


def lire_format(valeur: str) -> str:
    cle = normaliser_nom(valeur)
    if cle not in _FORMATS:
        raise ValidationError(f"Format « {valeur} » inconnu : attendu « presentiel » ou « visio ».")
    return _FORMATS[cle].value


def trouver_departement(valeur: str, conference: Conference) -> Departement:
    code = valeur.strip().upper()
    if code.isdigit() and len(code) == 1:
        code = "0" + code
    departement = Departement.objects.filter(code=code).first()
    if departement is None:
        departement = Departement.objects.filter(nom__iexact=valeur.strip()).first()
    if departement is None:
        candidats = {f"{d.code} ({d.nom})": d for d in Departement.objects.filter(region=conference.region)}
        proche = difflib.get_close_matches(valeur, list(candidats), n=1, cutoff=0.0)
        suggestion = f" Le plus proche dans la région : {proche[0]}." if proche else ""
        raise ValidationError({"departement": f"Département « {valeur} » inconnu.{suggestion}"})
    return departement


def trouver_commune(nom: str, departement: Departement | None, conference: Conference) -> Commune:
    valeur = nom.strip()
    if re.fullmatch(r"\d[\dAB]\d{3}", valeur.upper()):
        commune = Commune.objects.filter(code=valeur.upper()).first()
        if commune:
            return commune
    cle = normaliser_nom(valeur)
    qs = Commune.objects.filter(type="commune").select_related("departement")
    perimetre = qs.filter(departement=departement) if departement else qs.filter(region=conference.region)
    trouvees = list(perimetre.filter(nom_recherche=cle))
    if len(trouvees) == 1:
        return trouvees[0]
    if len(trouvees) > 1:
        liste = ", ".join(f"{c.nom} ({c.departement_id})" for c in trouvees[:5])
        raise ValidationError(
            {"departement": f"Commune « {valeur} » ambiguë ({liste}) : précisez le département."}
        )
    noms = dict(perimetre.values_list("nom_recherche", "nom"))
    proche = difflib.get_close_matches(cle, list(noms), n=1, cutoff=0.6)
    ou = f"le département {departement.code}" if departement else f"la région {conference.region.nom}"
    suggestion = f" Vouliez-vous dire « {noms[proche[0]]} » ?" if proche else ""
    raise ValidationError({"commune": f"Commune « {valeur} » introuvable dans {ou}.{suggestion}"})


def cle_atelier(organisateurs: list[str], intitule: str, date, commune: str, format_: str) -> str:
    """Stable identity of a workshop across imports (idempotence) and within a file (duplicates)."""
    parties = [
        "|".join(sorted(normaliser_nom(o) for o in organisateurs)),
        normaliser_nom(intitule),
        date.isoformat() if date else "",
        normaliser_nom(commune or ""),
        format_ or "",
    ]
    return hashlib.sha1("#".join(parties).encode()).hexdigest()


class ImporteurAteliers(Importeur):
    colonnes = [
        Colonne(
            "organisateurs",
            "organisateurs",
            obligatoire=True,
            alias=("organisateur", "structure organisatrice", "structures organisatrices", "structures"),
        ),
        Colonne("intitule", "intitule", obligatoire=True, alias=("intitulé", "titre", "atelier")),
        Colonne("transitions", "transitions", alias=("transition",), nettoyer=lire_transitions),
        Colonne("date", "date", nettoyer=lire_date),
        Colonne("commune", "commune", alias=("lieu", "ville")),
        Colonne("departement", "departement", alias=("département", "dept", "dep")),
        Colonne("format", "format", nettoyer=lire_format),
        Colonne(
            "participants",
            "participants",
            alias=("nombre de participants", "nb participants"),
            nettoyer=entier_jusqu_a(PARTICIPANTS_MAX),
        ),
    ]

    def __init__(self, conference: Conference, utilisateur=None):
        """``utilisateur``: whose région scope each row is checked against (the person who
        uploaded the file); ``None`` only for the command line, run by the operator."""
        self.conference = conference
        self.utilisateur = utilisateur

    def cle_unicite(self, donnees):
        date = donnees.get("date")
        return cle_atelier(
            separer(donnees.get("organisateurs") or ""),
            donnees.get("intitule") or "",
            date[0] if date else None,
            (donnees.get("commune") or "") + "/" + (donnees.get("departement") or ""),
            donnees.get("format") or "",
        )

    def valider(self, donnees, ligne):
        date = donnees.get("date")
        if date:
            debut, fin = bornes_edition(self.conference)
            jour, precision = date
            hors = jour > fin or (
                jour < debut if precision == PrecisionDate.JOUR else jour < debut.replace(day=1)
            )
            if hors:
                raise ValidationError(
                    {
                        "date": (
                            f"Date {jour.isoformat() if precision == 'jour' else jour.strftime('%Y-%m')} "
                            "en dehors de "
                            f"l'édition (du {debut.strftime('%d/%m/%Y')} au {fin.strftime('%d/%m/%Y')})."
                        )
                    }
                )
        departement = None
        if donnees.get("departement"):
            departement = trouver_departement(donnees["departement"], self.conference)
        commune = None
        if donnees.get("commune"):
            commune = trouver_commune(donnees["commune"], departement, self.conference)
        if self.utilisateur is not None:
            for cle, territoire in (("commune", commune), ("departement", departement)):
                if territoire is not None and not dans_le_perimetre(self.utilisateur, territoire.region_code):
                    raison = (
                        f"Ligne {ligne} : « {donnees[cle]} » ({territoire}) est hors de vos régions ; "
                        "ligne ignorée."
                    )
                    raise ValidationError({cle: raison})
        donnees["_departement"] = departement
        donnees["_commune"] = commune
        donnees["_cle"] = self.cle_unicite(donnees)
        return donnees

    def enregistrer(self, donnees, ligne):
        date, precision = donnees.get("date") or (None, PrecisionDate.JOUR.value)
        champs = {
            "intitule": donnees["intitule"],
            "organisateurs_libres": "\n".join(separer(donnees["organisateurs"])),
            "transitions": donnees.get("transitions") or [],
            "date": date,
            "precision_date": precision,
            "commune": donnees["_commune"],
            "departement": donnees["_departement"] if not donnees["_commune"] else None,
            "format": donnees.get("format") or "",
            "participants_declares": donnees.get("participants"),
        }
        atelier = Atelier.objects.filter(conference=self.conference, cle_import=donnees["_cle"]).first()
        if atelier is None:
            Atelier.objects.create(conference=self.conference, cle_import=donnees["_cle"], **champs)
            return Resultat.CREEE
        differents = {k: v for k, v in champs.items() if getattr(atelier, k) != v}
        if not differents:
            return Resultat.INCHANGEE
        for nom, valeur in differents.items():
            setattr(atelier, nom, valeur)
        atelier.save()
        return Resultat.MODIFIEE


def importer_ateliers(conference: Conference, tableau, dry_run=False, progression=None, utilisateur=None):
    return ImporteurAteliers(conference, utilisateur=utilisateur).importer(
        tableau, dry_run=dry_run, progression=progression
    )


def deduire_edition(tableau) -> tuple[str | None, int | None]:
    """The région and year most of the file's rows point to (to create a missing edition)."""
    from collections import Counter

    importeur = ImporteurAteliers(conference=None)
    correspondance = importeur.correspondance_auto(tableau.entetes)
    annees, departements = Counter(), Counter()
    for _numero, ligne in tableau.lignes():
        date = ligne.get(correspondance.get("date", ""), "")
        if re.match(r"^\d{4}", date):
            annees[int(date[:4])] += 1
        elif re.match(r"^\d{1,2}/(\d{1,2}/)?\d{4}$", date):
            annees[int(date[-4:])] += 1
        code = ligne.get(correspondance.get("departement", ""), "").strip().upper().zfill(2)
        if code:
            departements[code] += 1
    regions = Counter()
    for code, nombre in departements.items():
        region = Departement.objects.filter(code=code).values_list("region_id", flat=True).first()
        if region:
            regions[region] += nombre
    return (
        regions.most_common(1)[0][0] if regions else None,
        annees.most_common(1)[0][0] if annees else None,
    )
