"""/annuaire/ searches with the carte service: same results, ranking and counts as the API."""

import re
from html import unescape

import pytest

from essaim.commun.lots import lot

from ..enums import StatutStructure
from ..models import Agrement, Theme, Transition
from .factories import StructureFactory

pytestmark = pytest.mark.django_db

ASSOCIATION, COOPERATIVE = "9220", "5458"  # catégories juridiques


def _fiche(nom, commune="59350", cj=ASSOCIATION, themes=(), transitions=(), agrements=(), **champs):
    s = StructureFactory(nom=nom, commune=commune, categorie_juridique=cj, **champs)
    s.themes.add(*Theme.objects.filter(code__in=themes))
    s.transitions.add(*Transition.objects.filter(code__in=transitions))
    s.agrements.add(*Agrement.objects.filter(code__in=agrements))
    return s


@pytest.fixture
def jeu(db):
    with lot():  # each record indexed once, when the batch ends
        return [
            _fiche(
                "Recyclerie de Lille",
                themes=["seconde-vie-produits"],
                transitions=["ecologique"],
                description="<p>Réemploi &amp; réparation d'objets du quotidien.</p>",
            ),
            _fiche("Atelier Vélo Solidaire", themes=["mobilite"], transitions=["sociale"], sigle="AVS"),
            _fiche("Vélo-école d'Amiens", commune="80021", themes=["mobilite"]),
            _fiche("Cyclo Paris", commune="75056", themes=["mobilite"]),
            _fiche("Énergie Citoyenne des Flandres", cj=COOPERATIVE, themes=["energie"], agrements=["SCIC"]),
            _fiche("Épicerie cachée", themes=["mobilite"], statut=StatutStructure.EN_ATTENTE),
        ]


def _noms(reponse) -> list[str]:
    noms = re.findall(r'<h2><a href="/annuaire/[^"]+/">([^<]+)</a>', reponse.content.decode())
    return [unescape(n) for n in noms]


def _api(client, requete: str) -> dict:
    reponse = client.get(f"/api/v1/structures/?{requete}&page_size=20")
    assert reponse.status_code == 200, reponse.content
    return reponse.json()


def test_une_faute_de_frappe_trouve_la_fiche(client, jeu):
    reponse = client.get("/annuaire/?q=recylerie")
    assert reponse.status_code == 200
    assert _noms(reponse) == ["Recyclerie de Lille"]
    assert "1 structure" in reponse.content.decode()
    assert "classement par pertinence pour « recylerie »" in reponse.content.decode()


def test_accents_et_majuscules_ignores_dans_nom_description_et_commune(client, jeu):
    assert _noms(client.get("/annuaire/?q=ENERGIE+citoyenne")) == ["Énergie Citoyenne des Flandres"]
    assert _noms(client.get("/annuaire/?q=reemploi")) == ["Recyclerie de Lille"]
    assert _noms(client.get("/annuaire/?q=R%C3%89PARATION")) == ["Recyclerie de Lille"]
    assert _noms(client.get("/annuaire/?q=amiens")) == ["Vélo-école d'Amiens"]
    assert _noms(client.get("/annuaire/?q=avs")) == ["Atelier Vélo Solidaire"]  # acronym


def test_seules_les_fiches_publiees_sont_cherchees(client, jeu):
    contenu = client.get("/annuaire/?q=epicerie").content.decode()
    assert "Épicerie cachée" not in contenu and "0 structure" in contenu


def test_theme_et_region_se_combinent(client, jeu):
    reponse = client.get("/annuaire/?theme=mobilite&region=32")
    assert sorted(_noms(reponse)) == ["Atelier Vélo Solidaire", "Vélo-école d'Amiens"]
    assert "2 structures" in reponse.content.decode()
    # OR inside a filter, AND between filters; a parent theme includes its sub-themes.
    reponse = client.get("/annuaire/?theme=mobilite&theme=economie-circulaire&departement=59")
    assert sorted(_noms(reponse)) == ["Atelier Vélo Solidaire", "Recyclerie de Lille"]
    reponse = client.get("/annuaire/?famille=cooperative&agrement=SCIC")
    assert _noms(reponse) == ["Énergie Citoyenne des Flandres"]
    assert _noms(client.get("/annuaire/?transition=sociale")) == ["Atelier Vélo Solidaire"]


def test_les_comptes_des_facettes_sont_dans_le_texte_des_options(client, jeu):
    contenu = unescape(client.get("/annuaire/?theme=mobilite").content.decode())
    assert re.search(r'<label for="f-famille-association">Association \(3\)</label>', contenu)
    assert re.search(r'<label for="f-famille-cooperative">Coopérative \(0\)</label>', contenu)
    assert re.search(r'<label for="f-transition-sociale">Transition sociale \(1\)</label>', contenu)
    assert '<input type="checkbox" id="f-theme-mobilite" name="theme" value="mobilite" checked>' in contenu
    assert re.search(r'<option value="32">Hauts-de-France \(2\)</option>', contenu)
    assert re.search(r'<option value="11">Île-de-France \(1\)</option>', contenu)
    assert re.search(r'<option value="80">80 — Somme \(1\)</option>', contenu)
    # Accessible form: labelled search box, each group of options in a fieldset with a legend.
    assert '<label for="filtre-q">Rechercher</label>' in contenu
    for legende in ("Famille de l'ESS", "Transitions", "Thèmes", "Statuts et agréments", "Territoire"):
        assert f"<legend>{legende}</legend>" in contenu


@pytest.mark.parametrize(
    "requete",
    [
        "",
        "q=velo",
        "q=recylerie",
        "theme=mobilite",
        "theme=mobilite&region=32",
        "famille=association&transition=sociale,ecologique",
        "q=solidaire&departement=59",
        "commune=80021",
    ],
)
def test_memes_resultats_classement_et_compte_que_l_api(client, jeu, requete):
    api = _api(client, requete)
    reponse = client.get(f"/annuaire/?{requete}")
    assert reponse.status_code == 200
    assert reponse.context["total"] == api["count"]
    assert _noms(reponse) == [r["nom"] for r in api["results"]]


def test_classement_par_pertinence_avec_une_recherche(client, jeu):
    with lot():
        _fiche("Ressourcerie", description="On y répare aussi des vélos.")
    noms = _noms(client.get("/annuaire/?q=velo"))
    assert noms[-1] == "Ressourcerie"  # a word of the description ranks after a word of the name
    assert set(noms) == {"Atelier Vélo Solidaire", "Vélo-école d'Amiens", "Ressourcerie"}


@pytest.mark.parametrize(
    ("requete", "message"),
    [
        ("theme=inexistant", "Thème : Valeur inconnue : « inexistant »."),
        ("famille=coop&region=32", "Famille de l'ESS : Valeur inconnue : « coop »."),
        ("region=99", "Région : Valeur inconnue : « 99 »."),
        ("q=" + "a" * 201, "Recherche : Recherche trop longue : 201 caractères (au plus 200)."),
        ("page=deux", "Page : Nombre entier attendu, reçu « deux »."),
        ("page=9", "Page : La page « 9 » n'existe pas : il y a 1 page(s)."),
    ],
)
def test_une_valeur_invalide_donne_un_message_en_francais(client, jeu, requete, message):
    reponse = client.get(f"/annuaire/?{requete}")
    assert reponse.status_code == 400
    contenu = unescape(reponse.content.decode())
    assert "Certains critères de recherche ne sont pas valides" in contenu and message in contenu
    assert 'role="alert"' in contenu and _noms(reponse) == []
    if not requete.startswith("page"):
        assert client.get(f"/api/v1/structures/?{requete}").status_code == 400  # as the API
    # The map reads its query string with the same code: same message, same status.
    carte = client.get(f"/carte/?{requete}")
    assert carte.status_code == 400 and message in unescape(carte.content.decode())


def test_la_pagination_garde_les_filtres(client, jeu):
    with lot():
        for i in range(22):
            _fiche(f"Vélo {i:02d}", themes=["mobilite"])
    reponse = client.get("/annuaire/?theme=mobilite&region=32")
    contenu = unescape(reponse.content.decode())
    assert "24 structures" in contenu and "Page 1 sur 2" in contenu
    suivante = re.search(r'<a href="(\?[^"]+)" rel="next">', contenu).group(1)
    assert "theme=mobilite" in suivante and "region=32" in suivante and "page=2" in suivante
    page2 = client.get(f"/annuaire/{suivante}")
    noms = _noms(page2)
    assert len(noms) == 4 and "Cyclo Paris" not in noms
    assert noms == [r["nom"] for r in _api(client, "theme=mobilite&region=32&page=2")["results"]]
    assert '<ol class="liste-structures" start="21">' in page2.content.decode()


def test_liens_vers_la_carte_et_les_exports_avec_les_memes_filtres(client, jeu):
    contenu = unescape(client.get("/annuaire/?q=v%C3%A9lo&theme=mobilite&region=32").content.decode())
    requete = "q=v%C3%A9lo&theme=mobilite&region=32"
    assert f'<a href="/carte/?{requete}">Voir sur la carte</a>' in contenu
    for format in ("csv", "xlsx", "json", "geojson"):
        assert f'href="/opendata/structures.{format}?{requete}"' in contenu
    export = client.get(f"/opendata/structures.csv?{requete}")
    lignes = b"".join(export.streaming_content if export.streaming else [export.content]).decode()
    assert "Atelier Vélo Solidaire" in lignes and "Cyclo Paris" not in lignes and "Recyclerie" not in lignes


def test_une_commune_saisie_par_son_nom(client, jeu):
    reponse = client.get("/annuaire/?commune=Amiens")
    assert _noms(reponse) == ["Vélo-école d'Amiens"]
    assert 'href="/carte/?commune=80021"' in reponse.content.decode()


def test_le_nombre_de_requetes_ne_depend_pas_du_nombre_de_fiches(client, jeu, django_assert_max_num_queries):
    with lot():
        for i in range(30):
            _fiche(f"Vélo {i:02d}", themes=["mobilite"], agrements=["ESUS"])
    with django_assert_max_num_queries(25):
        reponse = client.get("/annuaire/?q=velo&theme=mobilite&region=32")
    assert len(_noms(reponse)) == 20
