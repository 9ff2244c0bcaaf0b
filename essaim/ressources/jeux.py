"""The library's open dataset (``opendata.registre``): published items, CSV/XLSX/JSON with
their Table Schema, listed in the catalogue."""

from django.conf import settings
from django.db.models import Max

from essaim.commun.exports import Champ
from essaim.opendata.registre import Declinaison, JeuDeDonnees, enregistrer

from .services import recherche

CHAMPS = [
    Champ("slug", "Identifiant", "Identifiant stable de la ressource (adresse de sa page)."),
    Champ("titre", "Titre", "Titre de la ressource."),
    Champ(
        "type",
        "Type",
        "outil, guide, etude, formation, plateforme, texte_juridique, dispositif, podcast, "
        "projet_inspirant ou kit.",
    ),
    Champ("url", "Adresse", "URL de la ressource chez son éditeur."),
    Champ("editeur", "Éditeur", "Structure ou organisme qui publie la ressource."),
    Champ("editeur_structure", "Fiche de l'éditeur", "Identifiant de la fiche de l'éditeur dans l'annuaire."),
    Champ("description", "Description", "Présentation (HTML simple)."),
    Champ("transitions", "Transitions", "Codes des transitions, séparés par « | »."),
    Champ("themes", "Thèmes", "Codes des thèmes de transition, séparés par « | »."),
    Champ("echelle", "Échelle", "commune, epci, departement, region ou france."),
    Champ("territoire", "Territoire", "Code INSEE (commune, département, région), SIREN (EPCI) ou FR."),
    Champ("region", "Région", "Code INSEE de la région de rattachement."),
    Champ("date", "Date", "Date de publication de la ressource.", "date"),
    Champ("licence", "Licence", "Licence de la ressource, si connue."),
    Champ("langue", "Langue", "Code ISO 639-1."),
    Champ("etat_lien", "État du lien", "non_verifie, valide, mort ou injoignable."),
    Champ("lien_mort_depuis", "Lien mort depuis", "Date à laquelle le lien a cessé de répondre.", "datetime"),
    Champ(
        "conferences", "Conférences", "Éditions de la conférence régionale qui la citent, séparées par « | »."
    ),
    Champ("page", "Page", "Adresse de la page de la ressource dans la bibliothèque."),
    Champ("modifie_le", "Modifiée le", "Date de dernière modification.", "datetime"),
]


def _lignes(parametres):
    site = settings.SITE_URL.rstrip("/")
    filtres = recherche.lire_filtres(parametres)
    qs = (
        recherche.filtrer(filtres)
        .select_related("editeur_structure", "departement", "epci", "commune", "region")
        .prefetch_related("transitions", "themes", "conferences")
        .order_by("titre", "pk")
    )
    for r in qs.iterator(chunk_size=500):
        territoire = r.territoire
        yield {
            "slug": r.slug,
            "titre": r.titre,
            "type": r.type,
            "url": r.url,
            "editeur": r.editeur,
            "editeur_structure": r.editeur_structure.slug if r.editeur_structure_id else "",
            "description": r.description,
            "transitions": [t.code for t in r.transitions.all()],
            "themes": [t.code for t in r.themes.all()],
            "echelle": r.echelle,
            "territoire": "FR" if territoire is None else territoire.code,
            "region": r.region_id,
            "date": r.date,
            "licence": r.licence,
            "langue": r.langue,
            "etat_lien": r.etat_lien,
            "lien_mort_depuis": r.lien_mort_depuis,
            "conferences": [c.slug for c in r.conferences.all()],
            "page": f"{site}{r.get_absolute_url()}",
            "modifie_le": r.modifie_le,
        }


def _mise_a_jour():
    from .models import Ressource

    return Ressource.objects.publiees().aggregate(m=Max("modifie_le"))["m"]


def _regions():
    from essaim.territoires.models import Region

    from .models import Ressource

    codes = Ressource.objects.publiees().values("region_id").distinct()
    return list(Region.objects.filter(code__in=codes).order_by("code").values_list("code", "nom"))


def _declinaisons():
    for code, nom in _regions():
        yield Declinaison(cle=code, titre=nom, parametres={"region": code}, region=code)


def _couverture():
    # The library is the current state of its items: its coverage ends at the last update.
    derniere = _mise_a_jour()
    return None, derniere.date() if derniere else None


def _version():
    from .models import Ressource

    return str(Ressource.objects.publiees().count())


def _valider(parametres):
    # Raises recherche.FiltresInvalides (carte's), which the download view turns into a 400.
    return recherche.lire_filtres(parametres)


RESSOURCES = enregistrer(
    JeuDeDonnees(
        slug="ressources",
        titre="Bibliothèque de ressources pour les transitions de l'ESS",
        description=(
            "Outils, guides, études, textes juridiques, dispositifs de financement ou d'accompagnement, "
            "podcasts et projets inspirants publiés dans la bibliothèque : type, éditeur, transitions et "
            "thèmes, territoire, état du lien, conférences qui les citent."
        ),
        champs=CHAMPS,
        lignes=_lignes,
        mise_a_jour=_mise_a_jour,
        formats=("csv", "xlsx", "json"),
        mots_cles=("économie sociale et solidaire", "ESS", "ressources", "transition écologique"),
        valider=_valider,
        themes=("SOCI", "ECON", "ENVI"),
        frequence="CONT",
        declinaisons=_declinaisons,
        couverture_temporelle=_couverture,
        regions=lambda: [code for code, _nom in _regions()],
        version=_version,
    )
)
