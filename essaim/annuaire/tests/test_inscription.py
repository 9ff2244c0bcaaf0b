"""Self-registration: search, existing matches, prefill from the API, geocoding, moderation."""

import pytest
from django.core import mail

from ..enums import EtatEnrichissement, EtatGeocodage, ModeModeration, StatutStructure
from ..models import ReglageRegion, Structure
from ..providers.faux import transport_enregistre
from .factories import StructureFactory

pytestmark = pytest.mark.django_db

FICHE = {
    "nom": "Recyclerie des Flandres",
    "siret": "842 156 374 00014",
    "lieu_adresse": "12 rue de la Gare",
    "lieu_code_postal": "59190",
    "lieu_commune": "Hazebrouck (59295)",
    "themes": ["seconde-vie-produits"],
    "transitions": ["ecologique"],
    "agrements": ["SIAE-ACI"],
    "description": "<p>Réemploi <script>alert('x')</script></p>",
    "site_web": "recyclerie-flandres.fr",
}


def test_inscription_exige_un_compte(client):
    reponse = client.get("/annuaire/inscription/")
    assert reponse.status_code == 302 and "/comptes/login/" in reponse["Location"]


def test_recherche_propose_les_fiches_existantes_pour_eviter_un_doublon(client, proprietaire, structure):
    structure.siret = "84215637400014"
    structure.save()
    client.force_login(proprietaire)
    contenu = client.get("/annuaire/inscription/", {"recherche": "84215637400014"}).content.decode()
    assert "Fiches déjà présentes" in contenu and "Recyclerie de Lille" in contenu
    assert "demander à gérer la fiche" in contenu
    contenu = client.get("/annuaire/inscription/", {"recherche": "recyclerie lille"}).content.decode()
    assert "Recyclerie de Lille" in contenu


def _noms_proposes(client, recherche):
    contenu = client.get("/annuaire/inscription/", {"recherche": recherche}).content.decode()
    assert "Fiches déjà présentes" in contenu
    return contenu


def test_recherche_ne_propose_ni_brouillons_ni_fiches_en_attente_d_autrui(
    client, proprietaire, autre_proprietaire, staff_hdf, staff_normandie
):
    """Regression: any logged-in user saw drafts and pending records of every région."""
    StructureFactory(nom="Ressourcerie Publiée", commune="80021")
    StructureFactory(
        nom="Ressourcerie Brouillon", statut=StatutStructure.BROUILLON, gestionnaires=[autre_proprietaire]
    )
    StructureFactory(nom="Ressourcerie Attente", statut=StatutStructure.EN_ATTENTE, commune="80021")
    StructureFactory(
        nom="Ressourcerie Mienne", statut=StatutStructure.BROUILLON, gestionnaires=[proprietaire]
    )
    StructureFactory(nom="Ressourcerie Archivée", statut=StatutStructure.ARCHIVEE)

    client.force_login(proprietaire)
    contenu = _noms_proposes(client, "ressourcerie")
    assert "Ressourcerie Publiée" in contenu and "Ressourcerie Mienne" in contenu
    assert "Ressourcerie Brouillon" not in contenu and "Ressourcerie Attente" not in contenu
    assert "Ressourcerie Archivée" not in contenu

    # The région's staff see every non-archived record of their région…
    client.force_login(staff_hdf)
    contenu = _noms_proposes(client, "ressourcerie")
    for nom in ("Publiée", "Brouillon", "Attente", "Mienne"):
        assert f"Ressourcerie {nom}" in contenu
    assert "Ressourcerie Archivée" not in contenu
    # … and another région's staff only the published ones.
    client.force_login(staff_normandie)
    contenu = _noms_proposes(client, "ressourcerie")
    assert "Ressourcerie Publiée" in contenu
    for nom in ("Brouillon", "Attente", "Mienne", "Archivée"):
        assert f"Ressourcerie {nom}" not in contenu
    # Same rule for a SIRET search.
    Structure.objects.filter(nom="Ressourcerie Attente").update(siret="84215637400014", siren="842156374")
    client.force_login(proprietaire)
    contenu = _noms_proposes(client, "842 156 374 00014")
    assert "Ressourcerie Attente" not in contenu and "Aucune fiche existante ne correspond" in contenu


def test_recherche_montre_les_entreprises_du_repertoire(client, proprietaire):
    client.force_login(proprietaire)
    with transport_enregistre() as faux:
        contenu = client.get(
            "/annuaire/inscription/", {"recherche": "recyclerie des flandres"}
        ).content.decode()
    assert "RECYCLERIE DES FLANDRES" in contenu and "SIRET 84215637400014" in contenu
    assert "?siret=84215637400014" in contenu
    assert faux.appels[0][1]["q"] == "recyclerie des flandres"


def test_recherche_hors_ligne_permet_de_continuer(client, proprietaire):
    client.force_login(proprietaire)
    contenu = client.get("/annuaire/inscription/", {"recherche": "84215637400014"}).content.decode()
    assert "momentanément injoignable" in contenu
    assert "/annuaire/inscription/fiche/?siret=84215637400014" in contenu


def test_formulaire_pre_rempli_depuis_l_api(client, proprietaire):
    client.force_login(proprietaire)
    with transport_enregistre():
        reponse = client.get("/annuaire/inscription/fiche/", {"siret": "84215637400014"})
    contenu = reponse.content.decode()
    assert "pré-remplie avec les données du répertoire" in contenu
    assert 'value="Recyclerie Des Flandres"' in contenu
    assert 'value="W593012345"' in contenu and 'value="9220"' in contenu and 'value="38.32Z"' in contenu
    assert "Hazebrouck (59295)" in contenu


def test_inscription_complete_geocode_et_soumet_a_la_moderation(client, proprietaire):
    client.force_login(proprietaire)
    with transport_enregistre():
        reponse = client.post("/annuaire/inscription/fiche/", FICHE, follow=True)
    contenu = reponse.content.decode()
    assert "transmise à l&#x27;équipe de la CRESS pour modération" in contenu
    structure = Structure.objects.get(nom="Recyclerie des Flandres")
    assert structure.statut == StatutStructure.EN_ATTENTE
    assert structure.siret == "84215637400014" and structure.siren == "842156374"
    assert structure.est_gere_par(proprietaire)
    assert structure.famille == "association"  # derived from the API's legal category 9220
    assert structure.etat_enrichissement == EtatEnrichissement.ENRICHI
    assert structure.provenance["categorie_juridique"]["source"] == "recherche-entreprises"
    assert "alert" not in structure.description
    lieu = structure.lieux.get()
    assert lieu.etat_geocodage == EtatGeocodage.GEOCODE and lieu.latitude == pytest.approx(50.7238, abs=1e-3)
    assert structure.region_code == "32" and structure.commune_id == "59295"
    assert structure.latitude == pytest.approx(50.7238, abs=1e-3)
    assert list(structure.themes.values_list("code", flat=True)) == ["seconde-vie-produits"]


def test_inscription_hors_ligne_repli_sur_la_commune_et_drapeaux(client, proprietaire):
    client.force_login(proprietaire)
    client.post("/annuaire/inscription/fiche/", FICHE)
    structure = Structure.objects.get(nom="Recyclerie des Flandres")
    lieu = structure.lieux.get()
    assert lieu.etat_geocodage == EtatGeocodage.A_GEOCODER
    assert lieu.latitude == pytest.approx(50.724, abs=0.01) and lieu.longitude == pytest.approx(
        2.539, abs=0.01
    )
    assert structure.etat_enrichissement == EtatEnrichissement.A_ENRICHIR


def test_commande_de_reprise_geocode_et_enrichit_plus_tard(client, proprietaire):
    from django.core.management import call_command

    client.force_login(proprietaire)
    client.post("/annuaire/inscription/fiche/", {**FICHE, "description": ""})
    with transport_enregistre():
        call_command("reessayer_services")
    structure = Structure.objects.get(nom="Recyclerie des Flandres")
    assert structure.lieux.get().etat_geocodage == EtatGeocodage.GEOCODE
    assert structure.etat_enrichissement == EtatEnrichissement.ENRICHI
    assert structure.rna == "W593012345"


@pytest.mark.parametrize(
    ("champ", "valeur", "message"),
    [
        ("siret", "84215637400015", "Le SIRET « 84215637400015 » est invalide (clé de contrôle incorrecte)."),
        ("siret", "1234", "n&#x27;est pas un SIRET : 14 chiffres attendus (4 saisis)."),
        ("rna", "X12", "n&#x27;est pas un numéro RNA"),
        ("lieu_code_postal", "75001", "Le code postal 75001 ne correspond pas à Hazebrouck"),
        ("lieu_code_postal", "5919", "n&#x27;est pas un code postal français"),
        ("site_web", "pas une url", "Saisissez une URL valide."),
        ("email_public", "contact@", "Saisissez une adresse e-mail valide."),
        ("lieu_commune", "Zzzzville", "Zzzzville"),
    ],
)
def test_mauvaises_saisies_erreurs_precises_et_rien_d_enregistre(
    client, proprietaire, champ, valeur, message
):
    client.force_login(proprietaire)
    reponse = client.post("/annuaire/inscription/fiche/", {**FICHE, champ: valeur})
    contenu = reponse.content.decode()
    assert message in contenu
    assert 'value="Recyclerie des Flandres"' in contenu  # the input is kept
    assert not Structure.objects.filter(nom="Recyclerie des Flandres").exists()


def test_siret_de_la_poste_valide_par_la_somme_des_chiffres(client, proprietaire):
    client.force_login(proprietaire)
    # 35600000000048 is La Poste's head office (Luhn-valid); 35600000012346 is a post office
    # whose digit sum (30) is a multiple of 5 although its Luhn checksum fails.
    client.post("/annuaire/inscription/fiche/", {**FICHE, "siret": "35600000012346"})
    assert Structure.objects.filter(siret="35600000012346").exists()
    reponse = client.post(
        "/annuaire/inscription/fiche/", {**FICHE, "nom": "Autre", "siret": "35600000012345"}
    )
    assert "est invalide" in reponse.content.decode()


def test_logo_faux_ou_trop_lourd_refuse_vrai_logo_redimensionne(client, proprietaire):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    client.force_login(proprietaire)
    faux = SimpleUploadedFile("logo.png", b"<?php echo 'pas une image'; ?>", content_type="image/png")
    reponse = client.post("/annuaire/inscription/fiche/", {**FICHE, "logo": faux})
    assert "Transférez une image valide" in reponse.content.decode()
    lourd = SimpleUploadedFile("gros.png", b"\x89PNG" + b"0" * (6 * 1024 * 1024), content_type="image/png")
    reponse = client.post("/annuaire/inscription/fiche/", {**FICHE, "logo": lourd})
    assert "L&#x27;image « gros.png » pèse 6144 Ko : 5 Mo au maximum." in reponse.content.decode()
    assert not Structure.objects.exists()
    tampon = io.BytesIO()
    Image.new("RGB", (2000, 1000), "green").save(tampon, "JPEG")
    vrai = SimpleUploadedFile("logo.jpg", tampon.getvalue(), content_type="image/jpeg")
    client.post("/annuaire/inscription/fiche/", {**FICHE, "logo": vrai})
    structure = Structure.objects.get()
    with Image.open(structure.logo.path) as image:
        assert image.size == (600, 300)


def test_region_en_post_moderation_publie_immediatement(client, proprietaire, hdf):
    ReglageRegion.objects.create(region=hdf, mode_moderation=ModeModeration.A_POSTERIORI)
    client.force_login(proprietaire)
    client.post("/annuaire/inscription/fiche/", FICHE)
    structure = Structure.objects.get(nom="Recyclerie des Flandres")
    assert structure.statut == StatutStructure.PUBLIEE and structure.a_controler
    assert "Recyclerie des Flandres" in client.get("/annuaire/").content.decode()


def test_fiche_en_attente_visible_de_son_auteur_avec_son_statut(client, proprietaire):
    fiche = StructureFactory(nom="Ma fiche", statut=StatutStructure.EN_ATTENTE, gestionnaires=[proprietaire])
    client.force_login(proprietaire)
    contenu = client.get(fiche.get_absolute_url()).content.decode()
    assert "En attente de modération" in contenu
    assert mail.outbox == []


def test_nouvelle_fiche_signalee_au_staff_de_la_region_seulement(
    client, proprietaire, staff_hdf, staff_normandie
):
    client.force_login(proprietaire)
    client.post("/annuaire/inscription/fiche/", FICHE)
    assert [m.to for m in mail.outbox] == [[staff_hdf.email]]
    assert mail.outbox[0].subject == "[À modérer] Recyclerie des Flandres"
    assert "une nouvelle fiche à modérer" in mail.outbox[0].body
