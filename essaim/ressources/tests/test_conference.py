"""The library grows with each conference: validated sheets and the consolidation become
items, deduplicated, linked to their workshops and edition; the report links to them."""

import pytest

from essaim.conference.enums import StatutFiche
from essaim.conference.enums import Transition as TransitionConf
from essaim.conference.models import FicheSynthese, ProjetInspirant
from essaim.conference.models import Ressource as RessourceFiche
from essaim.conference.services.syntheses import valider
from essaim.conference.tests.factories import AtelierFactory, ConferenceFactory

from ..enums import StatutRessource, TypeRessource
from ..models import Ressource
from ..services.conference import lire_ligne

pytestmark = pytest.mark.django_db


def _fiche(atelier, ressources=(), projets=()):
    fiche = FicheSynthese.objects.create(atelier=atelier, participants=12, statut=StatutFiche.DEPOSEE)
    for titre, lien in ressources:
        RessourceFiche.objects.create(fiche=fiche, titre=titre, lien=lien)
    for nom, lien in projets:
        ProjetInspirant.objects.create(fiche=fiche, nom=nom, territoire="Calais", lien=lien)
    return fiche


def test_une_ressource_citee_par_deux_fiches_validees_n_apparait_qu_une_fois(
    vocabulaires, staff_hdf, django_capture_on_commit_callbacks
):
    conference = ConferenceFactory()
    premier = AtelierFactory(conference=conference, transitions=[TransitionConf.ECOLOGIQUE.value])
    second = AtelierFactory(conference=conference, transitions=[TransitionConf.SOCIALE.value])
    fiche1 = _fiche(
        premier,
        ressources=[("UDES : calculateur carbone", "https://www.udes.fr/mesure-de-limpact-environnemental")],
        projets=[("Élevage de vers à l'ESAT Terres d'Opale", "")],
    )
    fiche2 = _fiche(
        second,
        ressources=[("Calculateur carbone de l'UDES", "http://udes.fr/mesure-de-limpact-environnemental/")],
    )
    with django_capture_on_commit_callbacks(execute=True):
        # A filed sheet is not yet validated: nothing enters the library.
        fiche1.save()
    assert not Ressource.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        valider(fiche1, staff_hdf)
    with django_capture_on_commit_callbacks(execute=True):
        valider(fiche2, staff_hdf)
        valider(fiche2, staff_hdf)  # saved again: still one item
    calculateur = Ressource.objects.get(url_normalisee="udes.fr/mesure-de-limpact-environnemental")
    assert Ressource.objects.count() == 2
    assert (calculateur.titre, calculateur.editeur) == ("Calculateur carbone", "UDES")
    assert calculateur.statut == StatutRessource.PUBLIEE and calculateur.region_id == "32"
    assert set(calculateur.ateliers.all()) == {premier, second}
    assert list(calculateur.conferences.all()) == [conference]
    assert set(calculateur.transitions.values_list("code", flat=True)) == {"ecologique", "sociale"}
    projet = Ressource.objects.get(type=TypeRessource.PROJET_INSPIRANT)
    assert projet.titre == "Élevage de vers à l'ESAT Terres d'Opale" and projet.url == ""


def test_consolidation_et_enjeux_puis_lien_depuis_le_rapport(
    client, vocabulaires, django_capture_on_commit_callbacks
):
    conference = ConferenceFactory()
    transition = conference.transitions.get(transition=TransitionConf.ECONOMIQUE)
    transition.outils = (
        "- Guide France Active « Je parle avec mon banquier »\n- Plateforme https://www.appelaprojets.org/"
    )
    transition.medias = "Podcast « Qui font bouger l'éco » : Humafin', Lille"
    with django_capture_on_commit_callbacks(execute=True):
        transition.save()
        conference.enjeux.create(
            numero=1, titre="Cadre légal", exemples="Loi AGEC https://www.ecologie.gouv.fr/x"
        )
    types = dict(Ressource.objects.values_list("titre", "type"))
    assert types == {
        "Guide France Active « Je parle avec mon banquier »": TypeRessource.GUIDE,
        "Plateforme": TypeRessource.PLATEFORME,
        "Podcast « Qui font bouger l'éco » : Humafin', Lille": TypeRessource.PODCAST,
        "Loi AGEC": TypeRessource.TEXTE_JURIDIQUE,
    }
    page = client.get(f"/conferences/{conference.slug}/rapport/").content.decode()
    assert "Les ressources de la conférence dans la bibliothèque" in page
    assert f'href="/ressources/?conference={conference.slug}"' in page
    liste = client.get(f"/ressources/?conference={conference.slug}").content.decode()
    assert "4 ressources" in liste and conference.titre in liste


@pytest.mark.parametrize(
    ("ligne", "attendu"),
    [
        (
            "- UDES : calculateur carbone https://www.udes.fr/x",
            ("Calculateur carbone", "UDES", "https://www.udes.fr/x"),
        ),
        (
            "Guide TEDDA <https://www.tedda.eu/fr/ressources/>",
            ("Guide TEDDA", "", "https://www.tedda.eu/fr/ressources/"),
        ),
        (
            "• Institut Godin : www.institutgodin.com.",
            ("Institut Godin", "", "https://www.institutgodin.com"),
        ),
        ("   ", None),
    ],
)
def test_lecture_d_une_ligne_de_consolidation(ligne, attendu):
    lue = lire_ligne(ligne)
    assert (lue and (lue["titre"], lue["editeur"], lue["url"])) == attendu
