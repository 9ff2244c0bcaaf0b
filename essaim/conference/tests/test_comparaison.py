"""A région's editions side by side: API, comparison page, report section, single edition."""

import datetime
import json

import pytest
from django.core.management import call_command

from essaim.commun.tests.partage import donnees_du_module
from essaim.conference.enums import StatutFiche, StatutInscription
from essaim.conference.models import FicheSynthese, Inscription, ProjetInspirant
from essaim.conference.services.chiffres import chiffres_cles
from essaim.territoires.models import Region

from .factories import AtelierFactory, ConferenceFactory

pytestmark = pytest.mark.django_db


def _inscrire(atelier, n, presents):
    for i in range(n):
        Inscription.objects.create(
            atelier=atelier,
            prenom="Camille",
            nom=f"Test {i}",
            email=f"p{i}-{atelier.pk}@exemple.fr",
            statut=StatutInscription.CONFIRMEE,
            present=i < presents,
            conserver_jusqu_au=datetime.date(2030, 1, 1),
        )


def _construire():
    e2024 = ConferenceFactory(annee=2024, slug="hdf-2024", titre="Conférence 2024")
    a1 = AtelierFactory(
        conference=e2024,
        organisateurs_libres="Chair'ESS\nAPES",
        participants_declares=20,
        transitions=["sociale"],
    )
    AtelierFactory(
        conference=e2024,
        organisateurs_libres="URSCOP",
        participants_declares=None,
        date=datetime.date(2024, 9, 5),
        transitions=["ecologique", "sociale"],
    )
    fiche = FicheSynthese.objects.create(atelier=a1, participants=22, statut=StatutFiche.VALIDEE)
    ProjetInspirant.objects.create(fiche=fiche, nom="Recyclerie du Val")
    e2025 = ConferenceFactory(annee=2025, slug="hdf-2025", titre="Conférence 2025")
    b1 = AtelierFactory(
        conference=e2025, organisateurs_libres="CHAIR'ESS\nCollectif Nouveau", participants_declares=15
    )
    fiche = FicheSynthese.objects.create(atelier=b1, participants=None, statut=StatutFiche.DEPOSEE)
    ProjetInspirant.objects.create(fiche=fiche, nom="recyclerie du val")
    _inscrire(b1, 4, presents=3)
    # Not published: never compared in public.
    brouillon = ConferenceFactory(annee=2026, slug="hdf-2026", publiee=False)
    AtelierFactory(conference=brouillon, organisateurs_libres="Secret")
    # Normandie: a single edition.
    seule = ConferenceFactory(annee=2025, slug="normandie-2025", region=Region.objects.get(code="28"))
    AtelierFactory(conference=seule, organisateurs_libres="CRESS Normandie")
    return {"2024": e2024, "2025": e2025, "seule": seule}


@pytest.fixture(scope="module")
def editions(django_db_setup, django_db_blocker):
    yield from donnees_du_module(django_db_blocker, _construire)


def test_l_api_donne_les_chiffres_de_chaque_edition_avec_les_cles_du_rapport(client, editions, capsys):
    reponse = client.get("/api/v1/conferences/chiffres/", {"region": "32"})
    assert reponse.status_code == 200
    donnees = reponse.json()
    assert donnees["region"] == {"code": "32", "nom": "Hauts-de-France"}
    assert donnees["une_seule_edition"] is False
    assert [e["edition"] for e in donnees["editions"]] == ["hdf-2024", "hdf-2025"]
    for edition in donnees["editions"]:
        call_command("conference_report", edition["edition"], "--format", "json")
        rapport = json.loads(capsys.readouterr().out)
        assert {k: edition[k] for k in rapport} == rapport
    premiere, seconde = donnees["editions"]
    assert premiere["participants"] == 22  # the synthesis sheet wins over the declared count
    assert premiere["participants_detail"] == {"participants_declares": 22, "inscrits": 0, "emarges": 0}
    assert premiere["organisateurs_nouveaux"] is None and premiere["part_organisateurs_nouveaux"] is None
    assert seconde["participants_detail"] == {"participants_declares": 15, "inscrits": 4, "emarges": 3}
    # Chair'ESS came back (any case); "Collectif Nouveau" is the only newcomer of the two.
    assert seconde["organisateurs"] == 2
    assert (seconde["organisateurs_nouveaux"], seconde["part_organisateurs_nouveaux"]) == (1, 0.5)
    assert seconde["url"].endswith("/conferences/hdf-2025/")


def test_une_region_a_une_seule_edition_le_dit(client, editions):
    donnees = client.get("/api/v1/conferences/chiffres/", {"region": "28"}).json()
    assert donnees["une_seule_edition"] is True
    assert "Une seule édition" in donnees["message"]
    html = client.get("/conferences/editions/28/").content.decode()
    assert "Une seule édition publiée en Normandie (2025)" in html


@pytest.mark.parametrize(
    ("parametres", "message"),
    [({}, "Paramètre « region » manquant"), ({"region": "99"}, "Région inconnue : « 99 »")],
)
def test_une_region_absente_ou_inconnue_donne_400(client, editions, parametres, message):
    reponse = client.get("/api/v1/conferences/chiffres/", parametres)
    assert reponse.status_code == 400 and message in reponse.json()["erreur"]


def test_la_page_de_comparaison_met_les_editions_cote_a_cote(client, editions):
    reponse = client.get("/conferences/editions/32/")
    assert reponse.status_code == 200
    html = reponse.content.decode()
    assert "Conférence 2024" in html and "Conférence 2025" in html and "hdf-2026" not in html
    assert '<th scope="col">2024</th><th scope="col">2025</th>' in html
    assert "Organisateurs nouveaux dans l'édition" in html and "1 (50 %)" in html
    assert "Recyclerie du Val (2024, 2025)" in html  # a project cited in both editions' syntheses
    assert "Chair&#x27;ESS (2024, 2025)" in html or "Chair'ESS (2024, 2025)" in html
    assert html.count('role="img"') == 2  # two charts, each followed by its table
    assert "Ateliers par édition (tableau des données)" in html
    assert client.get("/conferences/editions/99/").status_code == 404
    assert client.get("/conferences/editions/11/").status_code == 404  # no edition there


def test_le_rapport_de_la_derniere_edition_a_sa_section_au_fil_des_editions(client, editions):
    html = client.get("/conferences/hdf-2025/rapport/").content.decode()
    assert "7. Au fil des éditions" in html
    assert "En 2025, 1 atelier contre 2 en 2024" in html
    assert "/conferences/editions/32/" in html
    assert "Au fil des éditions" not in client.get("/conferences/hdf-2024/rapport/").content.decode()
    assert chiffres_cles(editions["2025"])["ateliers"] == 1


def test_la_demonstration_a_deux_editions_a_comparer_en_hauts_de_france(client, editions):
    from essaim.conference import demo

    demo.charger()
    demo.charger()  # idempotent
    donnees = client.get("/api/v1/conferences/chiffres/", {"region": "32"}).json()
    par_slug = {e["edition"]: e for e in donnees["editions"]}
    anterieure = par_slug[demo.SLUG_ANTERIEURE]
    assert "(démonstration)" in anterieure["titre"] and anterieure["ateliers"] == 7
    assert par_slug[demo.SLUG]["ateliers"] == 36
    assert [e["annee"] for e in donnees["editions"]] == sorted(e["annee"] for e in donnees["editions"])


def test_le_docx_de_la_derniere_edition_a_aussi_la_section(editions):
    import io

    from docx import Document

    from essaim.conference.services.rapport import rapport_docx

    document = Document(io.BytesIO(rapport_docx(editions["2025"])))
    titres = [p.text for p in document.paragraphs]
    assert "7. Au fil des éditions" in titres
    tableau = document.tables[-1]
    assert [c.text for c in tableau.rows[0].cells] == ["Indicateur", "2024", "2025"]
    assert [c.text for c in tableau.rows[-1].cells] == ["Organisateurs nouveaux", "première édition", "1"]
