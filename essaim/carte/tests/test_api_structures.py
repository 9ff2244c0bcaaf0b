"""Contract of /api/v1/structures/: field names, pagination, filters, errors, caching, limits."""

import pytest
from rest_framework.throttling import AnonRateThrottle

from essaim.annuaire.enums import StatutStructure

from .factories import structure

pytestmark = pytest.mark.django_db

CHAMPS_LISTE = {
    "id",
    "nom",
    "sigle",
    "url",
    "famille",
    "themes",
    "transitions",
    "agrements",
    "commune",
    "commune_nom",
    "code_postal",
    "epci",
    "departement",
    "region",
    "latitude",
    "longitude",
    "site_web",
    "modifie_le",
}


@pytest.fixture
def trois(vocabulaires):
    return [
        structure(
            "Atelier Vélo Solidaire", themes=["mobilite"], famille="association", transitions=["sociale"]
        ),
        structure(
            "Coopérative Énergie Citoyenne", themes=["energie"], famille="cooperative", agrements=["SCIC"]
        ),
        structure(
            "Recyclerie du Marais",
            commune="75056",
            latitude=48.86,
            longitude=2.36,
            themes=["seconde-vie-produits"],
            famille="association",
        ),
    ]


def test_la_liste_est_paginee_avec_count_next_previous_results(client, trois):
    page1 = client.get("/api/v1/structures/?page_size=2").json()
    assert set(page1) == {"count", "next", "previous", "results"}
    assert page1["count"] == 3 and page1["previous"] is None
    assert [r["nom"] for r in page1["results"]] == ["Atelier Vélo Solidaire", "Coopérative Énergie Citoyenne"]
    assert "page=2" in page1["next"] and "page_size=2" in page1["next"]
    page2 = client.get(page1["next"]).json()
    assert [r["nom"] for r in page2["results"]] == ["Recyclerie du Marais"]
    assert page2["next"] is None and "page=1" in page2["previous"]


def test_les_champs_publies_ont_des_noms_stables(client, trois):
    resultat = client.get("/api/v1/structures/?q=cooperative").json()["results"][0]
    assert set(resultat) == CHAMPS_LISTE
    assert resultat["famille"] == "cooperative"
    assert resultat["themes"] == ["energie"] and resultat["agrements"] == ["SCIC"]
    assert resultat["commune"] == "59350" and resultat["commune_nom"] == "Lille"
    assert resultat["departement"] == "59" and resultat["region"] == "32"
    assert resultat["url"].endswith("/annuaire/cooperative-energie-citoyenne/")


def test_le_detail_ajoute_description_et_identifiants(client, trois):
    s = trois[1]
    s.siret = "35600000000048"
    s.naf = "35.11Z"
    s.description = "<p>Production d'électricité renouvelable.</p>"
    s.save()
    detail = client.get(f"/api/v1/structures/{s.pk}/").json()
    assert set(detail) == CHAMPS_LISTE | {
        "description",
        "siren",
        "siret",
        "rna",
        "categorie_juridique",
        "naf",
        "naf_libelle",
    }
    assert detail["siren"] == "356000000" and "électricité" in detail["description"]
    assert (detail["naf"], detail["naf_libelle"]) == ("35.11Z", "Production d'électricité")


def test_une_structure_non_publiee_n_existe_pas_dans_l_api(client, vocabulaires):
    brouillon = structure("Brouillon secret", statut=StatutStructure.BROUILLON)
    assert client.get(f"/api/v1/structures/{brouillon.pk}/").status_code == 404
    assert client.get("/api/v1/structures/").json()["count"] == 0


def test_les_filtres_se_combinent_et_ou_a_l_interieur_d_un_filtre(client, trois):
    def noms(qs):
        return sorted(r["nom"] for r in client.get(f"/api/v1/structures/?{qs}").json()["results"])

    assert noms("famille=association") == ["Atelier Vélo Solidaire", "Recyclerie du Marais"]
    assert noms("famille=association&departement=59") == ["Atelier Vélo Solidaire"]
    assert noms("theme=energie&theme=mobilite") == ["Atelier Vélo Solidaire", "Coopérative Énergie Citoyenne"]
    assert noms("theme=energie,mobilite&famille=cooperative") == ["Coopérative Énergie Citoyenne"]
    assert noms("theme=economie-circulaire") == ["Recyclerie du Marais"]  # parent theme includes children
    assert noms("region=11") == ["Recyclerie du Marais"]
    assert noms("agrement=scic") == ["Coopérative Énergie Citoyenne"]
    assert noms("commune=75056&q=recyclerie") == ["Recyclerie du Marais"]
    assert noms("epci=200093201&transition=sociale") == ["Atelier Vélo Solidaire"]


def test_un_code_valide_que_personne_ne_porte_donne_un_resultat_vide(client, trois):
    reponse = client.get("/api/v1/structures/?theme=numerique-responsable")
    assert reponse.status_code == 200 and reponse.json()["count"] == 0


@pytest.mark.parametrize(
    "requete, champ, extrait",
    [
        ("page=-1", "page", "entre 1 et"),
        ("page=abc", "page", "Nombre entier attendu"),
        ("page_size=100000", "page_size", "entre 1 et 200"),
        ("theme=licorne", "theme", "Valeur inconnue : « licorne »"),
        ("famille=club", "famille", "Valeur inconnue"),
        ("region=99", "region", "Valeur inconnue"),
        ("q=" + "a" * 5000, "q", "Recherche trop longue : 5000 caractères"),
    ],
)
def test_une_entree_invalide_donne_400_et_une_erreur_json_en_francais(client, trois, requete, champ, extrait):
    reponse = client.get(f"/api/v1/structures/?{requete}")
    assert reponse.status_code == 400
    corps = reponse.json()
    assert corps["detail"] == "Paramètres invalides."
    assert extrait in " ".join(corps["erreurs"][champ])


def test_une_page_au_dela_de_la_fin_est_vide_mais_honnete(client, trois):
    corps = client.get("/api/v1/structures/?page=40").json()
    assert corps["count"] == 3 and corps["results"] == [] and corps["next"] is None


def test_les_facettes_comptent_par_valeur_pour_les_filtres_donnes(client, trois):
    tout = client.get("/api/v1/structures/facettes/").json()
    assert tout["count"] == 3
    assert {f["valeur"]: f["count"] for f in tout["facettes"]["famille"]} == {
        "association": 2,
        "cooperative": 1,
    }
    lille = client.get("/api/v1/structures/facettes/?departement=59").json()
    assert lille["count"] == 2
    assert {f["valeur"]: f["count"] for f in lille["facettes"]["theme"]} == {"energie": 1, "mobilite": 1}
    combine = client.get("/api/v1/structures/facettes/?departement=59&famille=association").json()
    assert combine["count"] == 1
    assert combine["facettes"]["transition"] == [
        {"valeur": "sociale", "libelle": "Transition sociale", "count": 1}
    ]
    avec_liste = client.get("/api/v1/structures/?facettes=1&q=recyclerie").json()
    assert avec_liste["facettes"]["region"] == [{"valeur": "11", "libelle": "Île-de-France", "count": 1}]


def test_etag_et_304_puis_nouvelle_version_apres_modification(client, trois):
    premiere = client.get("/api/v1/structures/")
    etag = premiere["ETag"]
    assert premiere["Last-Modified"]
    revalidation = client.get("/api/v1/structures/", HTTP_IF_NONE_MATCH=etag)
    assert revalidation.status_code == 304 and revalidation.content == b""
    trois[0].nom = "Atelier Vélo Solidaire et Joyeux"
    trois[0].save()
    apres = client.get("/api/v1/structures/", HTTP_IF_NONE_MATCH=etag)
    assert apres.status_code == 200 and apres["ETag"] != etag
    assert apres.json()["results"][0]["nom"] == "Atelier Vélo Solidaire et Joyeux"


def test_au_dela_du_quota_anonyme_429_avec_retry_after(client, trois, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/min"})
    codes = [client.get("/api/v1/structures/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    bloquee = client.get("/api/v1/carte/?bbox=-5,41,10,52&zoom=5")
    assert bloquee.status_code == 429
    assert 0 < int(bloquee["Retry-After"]) <= 60
    assert "detail" in bloquee.json()


def test_cors_ouvert_en_lecture_sur_l_api(client, trois):
    reponse = client.get("/api/v1/structures/", HTTP_ORIGIN="https://collectivite.example")
    assert reponse["Access-Control-Allow-Origin"] == "*"


def test_le_schema_openapi_documente_les_routes_et_les_champs(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    assert {
        "/api/v1/structures/",
        "/api/v1/structures/{id}/",
        "/api/v1/structures/facettes/",
        "/api/v1/carte/",
    } <= set(schema["paths"])
    proprietes = schema["components"]["schemas"]["Structure"]["properties"]
    assert set(proprietes) >= CHAMPS_LISTE
    parametres = {p["name"] for p in schema["paths"]["/api/v1/carte/"]["get"]["parameters"]}
    assert {"bbox", "zoom", "q", "theme", "famille", "region"} <= parametres


def test_la_documentation_humaine_de_l_api_s_affiche(client):
    reponse = client.get("/api/v1/docs/")
    assert "swagger-ui-bundle.js" in reponse.content.decode()
    # The page's script (served locally, CSP-compatible) loads the OpenAPI schema.
    assert "/api/v1/schema/" in client.get("/api/v1/docs/?script=").content.decode()
