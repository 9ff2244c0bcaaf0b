"""Public media (logos) are served; private files never have a public URL.

Every kind of private file is created the way the application creates it, then fetched
anonymously at the place a public file with its storage name would be (``/media/<name>``),
with DEBUG off (production URL conf) and on (a URL conf serving MEDIA_ROOT as Django's
``static()`` helper does in development): refused each time. The permission-checked views
still send them to whoever may read them.
"""

import importlib
import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from essaim.annuaire.models import ImportStructures
from essaim.annuaire.tests.factories import StructureFactory
from essaim.appels.models import PieceJointe, PieceKit
from essaim.appels.tests.factories import AppelFactory, CandidatureFactory
from essaim.commun.models import DocumentGenere, StatutTravail, Travail
from essaim.comptes.tests.factories import UtilisateurFactory, administrateur, charge_de_mission

pytestmark = pytest.mark.django_db

SECRET = b"Donnees personnelles : Camille Martin, 06 12 34 56 78"


@pytest.fixture(autouse=True)
def _dossiers(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ESSAIM_PRIVE_ROOT = tmp_path / "prive"


def _piece_jointe():
    candidature = CandidatureFactory()
    piece = PieceJointe.objects.create(
        candidature=candidature,
        cle="budget",
        fichier=SimpleUploadedFile("budget.pdf", SECRET),
        nom_original="budget.pdf",
    )
    return piece.fichier, candidature.candidat, f"/appels/candidatures/{candidature.pk}/pieces/budget/"


def _piece_du_kit():
    # The kit of a call that is not published yet must not leak before its opening.
    appel = AppelFactory(publie=False)
    piece = PieceKit.objects.create(
        appel=appel, titre="Texte de l'appel", fichier=ContentFile(SECRET, "appel.pdf")
    )
    return piece.fichier, None, None


def _resultat_de_tache():
    auteur = UtilisateurFactory()
    travail = Travail.objects.create(
        nature="export", libelle="Export des participants", cree_par=auteur, statut=StatutTravail.TERMINE
    )
    travail.fichier.save("participants.csv", ContentFile(SECRET))
    return travail.fichier, auteur, f"/taches/{travail.pk}/fichier/"


def _fichier_importe():
    auteur = charge_de_mission("32")
    fiche_import = ImportStructures.objects.create(
        fichier=SimpleUploadedFile("structures.csv", b"nom;email\nX;" + SECRET),
        nom_original="structures.csv",
        cree_par=auteur,
    )
    return fiche_import.fichier, auteur, None


def _document_genere():
    # Heavy documents (reports, portraits) are only ever sent by their view.
    document = DocumentGenere.objects.create(
        generateur="essaim.conference.rapport_pdf", objet="1", version="v1", nom_fichier="r.pdf"
    )
    document.fichier.save("rapport.pdf", ContentFile(SECRET))
    return document.fichier, None, None


PRIVES = [_piece_jointe, _piece_du_kit, _resultat_de_tache, _fichier_importe, _document_genere]


@pytest.fixture
def urls_media_debug(settings):
    settings.ROOT_URLCONF = "essaim.commun.tests.urls_media_debug"
    settings.DEBUG = True


@pytest.mark.parametrize("creer", PRIVES, ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
def test_aucun_fichier_prive_sous_une_adresse_publique(client, settings, request, creer, debug):
    if debug:
        request.getfixturevalue("urls_media_debug")
    fichier, _, _ = creer()
    assert Path(fichier.path).is_relative_to(settings.ESSAIM_PRIVE_ROOT)
    assert Path(fichier.path).read_bytes().endswith(SECRET)
    assert not any(p.is_file() for p in Path(settings.MEDIA_ROOT).rglob("*"))
    for adresse in (f"/media/{fichier.name}", f"/{fichier.name}"):
        reponse = client.get(adresse)
        assert reponse.status_code == 404, adresse
        assert SECRET not in b"".join(reponse) if reponse.streaming else SECRET not in reponse.content
    # Its own URL (the admin's link) is signed and for staff only.
    reponse = client.get(fichier.url)
    assert reponse.status_code == 302 and "/comptes/login/" in reponse["Location"]


@pytest.mark.parametrize("creer", [_piece_jointe, _resultat_de_tache], ids=["piece_jointe", "resultat"])
def test_le_fichier_prive_est_envoye_a_qui_peut_le_lire(client, creer):
    fichier, proprietaire, adresse = creer()
    anonyme = client.get(adresse)
    assert anonyme.status_code == 302 and "/comptes/login/" in anonyme["Location"]
    client.force_login(UtilisateurFactory())
    assert client.get(adresse).status_code == 403
    client.force_login(proprietaire)
    reponse = client.get(adresse)
    assert reponse.status_code == 200
    assert b"".join(reponse.streaming_content).endswith(SECRET)
    assert "attachment" in reponse["Content-Disposition"] and "private" in reponse["Cache-Control"]


def test_lien_signe_de_l_administration_reserve_au_personnel(client):
    fichier, _, _ = _resultat_de_tache()
    client.force_login(UtilisateurFactory())
    assert client.get(fichier.url).status_code == 403
    client.force_login(administrateur(is_staff=True))
    reponse = client.get(fichier.url)
    assert reponse.status_code == 200 and b"".join(reponse.streaming_content).endswith(SECRET)
    falsifie = fichier.url.replace("/prive/", "/prive/x")
    assert client.get(falsifie).status_code == 404


def test_x_accel_redirect_laisse_nginx_envoyer_le_fichier(client, settings):
    settings.ESSAIM_ENVOI_FICHIERS = "x-accel-redirect"
    fichier, proprietaire, adresse = _resultat_de_tache()
    client.force_login(proprietaire)
    reponse = client.get(adresse)
    assert reponse.status_code == 200
    assert reponse["X-Accel-Redirect"] == f"/prive-interne/{fichier.name}"
    assert reponse.content == b"" and "participants" in reponse["Content-Disposition"]
    settings.ESSAIM_ENVOI_FICHIERS = "x-sendfile"
    reponse = client.get(adresse)
    assert reponse["X-Sendfile"] == fichier.path and reponse.content == b""


def _png() -> bytes:
    tampon = io.BytesIO()
    Image.new("RGB", (40, 20), "#2a7").save(tampon, "PNG")
    return tampon.getvalue()


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
def test_le_logo_public_est_servi(client, settings, debug):
    settings.DEBUG = debug
    structure = StructureFactory(nom="Recyclerie des Flandres")
    structure.logo.save("logo.png", ContentFile(_png()), save=True)
    assert Path(structure.logo.path).is_relative_to(settings.MEDIA_ROOT)
    page = client.get(structure.get_absolute_url()).content.decode()
    assert f'src="{structure.logo.url}"' in page and structure.logo.url.startswith("/media/annuaire/logos/")
    reponse = client.get(structure.logo.url)
    assert reponse.status_code == 200 and reponse["Content-Type"] == "image/png"
    assert b"".join(reponse.streaming_content) == _png()
    assert "max-age=86400" in reponse["Cache-Control"]


def test_seules_les_images_sont_servies_depuis_media(client, settings):
    oublie = Path(settings.MEDIA_ROOT) / "travaux" / "ancien-export.csv"
    oublie.parent.mkdir(parents=True)
    oublie.write_bytes(SECRET)
    assert client.get("/media/travaux/ancien-export.csv").status_code == 404
    (Path(settings.ESSAIM_PRIVE_ROOT) / "x.png").parent.mkdir(parents=True)
    (Path(settings.ESSAIM_PRIVE_ROOT) / "x.png").write_bytes(SECRET)
    client.raise_request_exception = False
    reponse = client.get("/media/../prive/x.png")  # SuspiciousFileOperation: 400
    assert reponse.status_code == 400 and SECRET not in reponse.content


def test_la_migration_deplace_les_anciens_fichiers_prives(settings):
    migration = importlib.import_module("essaim.commun.migrations.0004_deplacer_fichiers_prives")
    media, prive = Path(settings.MEDIA_ROOT), Path(settings.ESSAIM_PRIVE_ROOT)
    anciens = [
        "travaux/2026/11/rapport.pdf",
        "appels/candidatures/3/7/cv.pdf",
        "annuaire/imports/2026/11/a.csv",
    ]
    for nom in [*anciens, "annuaire/logos/recyclerie/logo.png"]:
        (media / nom).parent.mkdir(parents=True, exist_ok=True)
        (media / nom).write_bytes(SECRET)
    migration.vers_prive(None, None)
    for nom in anciens:
        assert (prive / nom).read_bytes() == SECRET and not (media / nom).exists()
    assert (media / "annuaire/logos/recyclerie/logo.png").exists()
    assert not (media / "travaux").exists() and not (media / "appels").exists()
