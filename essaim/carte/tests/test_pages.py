"""The /carte/ page, its list alternative, the embed route's headers, and the generator."""

import pytest
from django.db import connection

from essaim.annuaire.models import Structure
from essaim.carte.models import PointCarte

from .factories import structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def deux(vocabulaires):
    structure("Recyclerie de l'Épinette", themes=["seconde-vie-produits"], famille="association")
    structure("Vélo Solidaire", commune="75056", latitude=48.85, longitude=2.35, famille="cooperative")


def test_la_carte_montre_le_compte_la_liste_et_les_filtres_avec_leurs_comptes(client, deux):
    html = client.get("/carte/").content.decode()
    assert "2 structures trouvées" in html
    assert "Recyclerie de l&#x27;Épinette" in html and "Vélo Solidaire" in html
    assert 'data-facette="famille:association">(1)' in html
    assert 'id="carte"' in html and "vendor/leaflet/leaflet.js" in html
    assert "<script>" not in html and 'style="' not in html  # strict CSP: no inline code


def test_les_filtres_de_l_url_sont_appliques_a_la_liste(client, deux):
    html = client.get("/carte/?famille=cooperative").content.decode()
    assert "1 structure trouvée" in html and "Vélo Solidaire" in html and "Épinette" not in html
    assert 'value="cooperative" checked' in html


def test_un_nom_de_commune_saisi_est_reconnu(client, deux):
    html = client.get("/carte/?commune=Paris").content.decode()
    assert "1 structure trouvée" in html and 'value="Paris (75056)"' in html


def test_des_filtres_invalides_sont_expliques(client, deux):
    reponse = client.get("/carte/?theme=licorne")
    assert reponse.status_code == 400
    assert "Valeur inconnue : « licorne »" in reponse.content.decode()


def test_htmx_ne_recoit_que_les_resultats(client, deux):
    html = client.get("/carte/?q=velo", HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<div id="resultats"')
    assert "1 structure trouvée" in html and "carte/embed/?q=velo" in html


def test_seule_la_route_embed_peut_etre_encadree(client, deux):
    carte = client.get("/carte/")
    assert carte["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'self'" in carte["Content-Security-Policy"]
    embed = client.get("/carte/embed/?famille=cooperative")
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert "script-src 'self'" in embed["Content-Security-Policy"]
    html = embed.content.decode()
    assert "Vélo Solidaire" in html and "Épinette" not in html
    assert "famille=cooperative" in html


def test_le_generateur_de_code_d_integration_reprend_les_filtres(client, deux):
    html = client.get("/carte/?theme=seconde-vie-produits").content.decode()
    assert "&lt;iframe src=&quot;http://127.0.0.1:8000/carte/embed/?theme=seconde-vie-produits&quot;" in html


def _schema_annuaire() -> list:
    """Indexes and foreign keys of the directory's tables (the bulk load drops and restores them)."""
    from django.db import connection

    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename LIKE 'annuaire_structure%%' "
                "UNION ALL SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid::regclass::text LIKE 'annuaire_structure%%' ORDER BY 1, 2"
            )
        else:
            c.execute(
                "SELECT name, sql FROM sqlite_master WHERE tbl_name LIKE 'annuaire_structure%' ORDER BY 1"
            )
        return c.fetchall()


def test_generer_structures_reparties_selon_la_population(vocabulaires):
    from django.core.management import call_command

    schema = _schema_annuaire()
    assert len(schema) > 20
    call_command("generer_structures", "--nombre", "400", "--seed", "3")
    assert _schema_annuaire() == schema
    assert Structure.objects.filter(source="synthetique").count() == 400
    assert PointCarte.objects.count() == 400
    par_commune = {}
    for code in PointCarte.objects.values_list("commune", flat=True):
        par_commune[code] = par_commune.get(code, 0) + 1
    assert par_commune.get("75056", 0) + sum(v for k, v in par_commune.items() if k.startswith("751")) >= 3
    assert all(p.latitude and p.longitude for p in PointCarte.objects.all()[:50])
    call_command("generer_structures", "--nombre", "0", "--supprimer")
    assert not Structure.objects.filter(source="synthetique").exists()
    assert PointCarte.objects.count() == 0


def test_generer_structures_avec_une_commune_sans_longitude(vocabulaires):
    # Regression: a commune with a latitude but no longitude (a few in the COG) crashed the
    # generation (gauss of None); it gets a synthetic position instead.
    from essaim.carte.services import generation
    from essaim.territoires.models import Commune

    Commune.objects.filter(code="75056").update(longitude=None)
    assert generation.generer(300, graine=3) == 300
    paris = Structure.objects.filter(source="synthetique", commune_id="75056")
    assert paris.exists() and not paris.filter(longitude__isnull=True).exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="ids réservés par sqlite_sequence")
def test_la_generation_reserve_ses_ids_avant_ses_transactions_courtes(vocabulaires):
    # Regression: the generation's batches commit one by one on SQLite; a record created
    # meanwhile took an id of the range and the next batch failed (UNIQUE constraint).
    from essaim.carte.services import generation

    avant = Structure.objects.order_by("-id").values_list("id", flat=True).first() or 0
    premier = generation._reserver_ids(connection.cursor(), Structure._meta.db_table, 50)
    pendant = Structure.objects.create(nom="Créée pendant la génération")
    assert premier == avant + 1 and pendant.id > premier + 49


def test_les_territoires_choisis_restent_dans_les_listes_de_la_carte(client, deux):
    from essaim.territoires.models import Commune

    epci = Commune.objects.get(code="59350").epci
    html = client.get(f"/carte/?epci={epci.code}").content.decode()
    # A shared link with only an EPCI keeps it selected, though no région narrows the list.
    assert f'<option value="{epci.code}" selected>{epci.nom}</option>' in html
    assert "Recyclerie de l&#x27;Épinette" in html and "Vélo Solidaire" not in html
    html = client.get("/carte/?region=32").content.decode()
    assert '<option value="59">59 — Nord' in html and "75 — Paris" not in html


def test_la_liste_de_la_carte_montre_les_libelles_des_themes(client, deux):
    """Regression: the list showed theme codes (`seconde-vie-produits`)."""
    html = client.get("/carte/").content.decode()
    assert '<li class="badge">Seconde vie des produits (réparation, réemploi, recyclerie)</li>' in html
    assert '<li class="badge">seconde-vie-produits</li>' not in html


def _etendue(html: str):
    import json
    import re

    return json.loads(
        re.search(r'<script id="carte-etendue" type="application/json">(.*?)</script>', html).group(1)
    )


def test_la_premiere_vue_du_personnel_cadre_ses_regions(client, deux):
    from essaim.comptes.enums import Role
    from essaim.conference.tests.factories import utilisateur

    (sud, ouest), (nord, est) = _etendue(client.get("/carte/").content.decode())
    assert 48 < sud < 49 and 1.9 < ouest < 2.5 and nord > 50.5  # the records shown, for a visitor
    client.force_login(utilisateur(Role.CHARGE_MISSION, regions=["28"]))
    html = client.get("/carte/").content.decode()
    (sud, ouest), (nord, est) = _etendue(html)
    assert 48 < sud < 48.3 and -2 < ouest < -1.7 and 50 < nord < 50.2 and 1.7 < est < 1.9  # Normandie
    assert "2 structures trouvées" in html  # every région's records are still listed
    # A territory chosen in the filters wins over the staff member's régions.
    (sud, _o), _ne = _etendue(client.get("/carte/?departement=59").content.decode())
    assert sud > 49.9
