"""Propose → moderate → publish, through HTTP; bad input: duplicate URL, dead link, conflict."""

import pytest
from django.core import mail

from essaim.annuaire.enums import ModeModeration
from essaim.annuaire.models import ReglageRegion

from ..enums import EtatLien, StatutRessource
from ..models import Ressource
from ..providers.faux import liens_enregistres
from .factories import RessourceFactory

pytestmark = pytest.mark.django_db


def _formulaire(**autres):
    return {
        "type": "guide",
        "titre": "Guide de la mutualisation entre associations",
        "url": "https://www.exemple-assos.fr/guides/mutualisation/",
        "editeur_libre": "Le Mouvement associatif Hauts-de-France",
        "description": "<p>Mutualiser des <strong>locaux</strong>.</p><script>alert(1)</script>",
        "transitions": ["organisationnelle"],
        "echelle": "region",
        "region": "32",
        "langue": "fr",
        **autres,
    }


def _transitions(donnees):
    from essaim.annuaire.models import Transition

    donnees["transitions"] = [t.pk for t in Transition.objects.filter(code__in=donnees["transitions"])]
    return donnees


def test_proposer_moderer_publier_puis_trouver(client, vocabulaires, proposant, staff_hdf, staff_normandie):
    client.force_login(proposant)
    reponse = client.post("/ressources/proposer/", _transitions(_formulaire()), follow=True)
    assert "relira avant publication" in reponse.content.decode()
    ressource = Ressource.objects.get()
    assert ressource.statut == StatutRessource.EN_ATTENTE
    assert ressource.propose_par == proposant
    assert "<script>" not in ressource.description and "<strong>locaux</strong>" in ressource.description
    assert ressource.url_normalisee == "exemple-assos.fr/guides/mutualisation"
    # Offline: the background check could not reach the site; nothing is flagged dead.
    assert ressource.etat_lien == EtatLien.INJOIGNABLE
    assert [m.to for m in mail.outbox] == [["camille@cress-hdf.fr"]]
    assert "Guide de la mutualisation" in mail.outbox[0].subject
    # Not public yet.
    client.logout()
    assert client.get(f"/ressources/{ressource.slug}/").status_code == 404
    assert "Guide de la mutualisation" not in client.get("/ressources/?q=mutualisation").content.decode()
    # Staff of another région cannot publish it; staff of Hauts-de-France can.
    client.force_login(staff_normandie)
    assert "Guide de la mutualisation" not in client.get("/ressources/moderation/").content.decode()
    client.force_login(staff_hdf)
    assert "Guide de la mutualisation" in client.get("/ressources/moderation/").content.decode()
    reponse = client.post(
        f"/ressources/{ressource.slug}/decision/", {"action": "approuver", "suivant": "file"}, follow=True
    )
    assert "décision enregistrée" in reponse.content.decode()
    ressource.refresh_from_db()
    assert ressource.statut == StatutRessource.PUBLIEE and ressource.publiee_le
    assert mail.outbox[-1].to == ["gaelle@recyclerie-lille.fr"] and "publiée" in mail.outbox[-1].subject
    assert ressource.history.first().history_user == staff_hdf
    client.logout()
    page = client.get("/ressources/?q=MUTUALISATION+associations").content.decode()
    assert "Guide de la mutualisation entre associations" in page and "1 ressource" in page


def test_url_deja_dans_la_bibliotheque_dit_laquelle_et_garde_la_saisie(client, vocabulaires, proposant):
    existante = RessourceFactory(
        titre="Calculateur carbone", url="https://www.udes.fr/mesure-de-limpact-environnemental"
    )
    client.force_login(proposant)
    donnees = _transitions(_formulaire(url="http://udes.fr/mesure-de-limpact-environnemental/?utm_source=x"))
    page = client.post("/ressources/proposer/", donnees).content.decode()
    assert "Déjà dans la bibliothèque : « Calculateur carbone »" in page
    assert f'href="{existante.get_absolute_url()}"' in page
    assert 'value="Guide de la mutualisation entre associations"' in page  # nothing lost
    assert Ressource.objects.count() == 1


def test_sans_url_le_titre_et_l_editeur_dedoublonnent(client, vocabulaires, proposant):
    RessourceFactory(titre="Guides IRIAE HDF", url="", editeur_libre="IRIAE")
    client.force_login(proposant)
    donnees = _transitions(_formulaire(url="", titre="guides iriae hdf", editeur_libre="Iriae"))
    page = client.post("/ressources/proposer/", donnees).content.decode()
    assert "Déjà dans la bibliothèque : « Guides IRIAE HDF »" in page
    assert Ressource.objects.count() == 1


def test_lien_mort_message_clair_puis_proposer_quand_meme(client, vocabulaires, proposant):
    client.force_login(proposant)
    assert "Proposer quand même" not in client.get("/ressources/proposer/").content.decode()
    donnees = _transitions(_formulaire(url="https://www.exemple-disparu.fr/guide"))
    with liens_enregistres() as faux:
        page = client.post("/ressources/proposer/", donnees).content.decode()
        assert faux.appels == ["https://www.exemple-disparu.fr/guide"]
    assert "Ce lien ne mène à aucune page : Page introuvable (erreur 410)" in page
    assert 'type="checkbox" name="lien_mort_accepte"' in page
    assert 'value="https://www.exemple-disparu.fr/guide"' in page
    assert not Ressource.objects.exists()
    with liens_enregistres():
        client.post("/ressources/proposer/", {**donnees, "lien_mort_accepte": "on"})
    ressource = Ressource.objects.get()
    assert ressource.etat_lien == EtatLien.MORT and ressource.lien_mort_depuis is not None


def test_region_en_post_moderation_publie_et_signale_a_controler(client, vocabulaires, proposant, staff_hdf):
    ReglageRegion.objects.create(region_id="32", mode_moderation=ModeModeration.A_POSTERIORI)
    client.force_login(proposant)
    client.post("/ressources/proposer/", _transitions(_formulaire()))
    ressource = Ressource.objects.get()
    assert ressource.est_publiee and ressource.a_controler
    client.force_login(staff_hdf)
    assert ressource.titre in client.get("/ressources/moderation/").content.decode()


def test_champs_requis_selon_l_echelle(client, vocabulaires, proposant):
    client.force_login(proposant)
    donnees = _transitions(_formulaire(echelle="commune", editeur_libre=""))
    page = client.post("/ressources/proposer/", donnees).content.decode()
    assert "Indiquez la commune concernée." in page
    assert "Indiquez l&#x27;éditeur" in page
    donnees.update(echelle="commune", commune_saisie="59350", editeur_libre="Ville de Lille")
    client.post("/ressources/proposer/", donnees)
    ressource = Ressource.objects.get()
    assert (ressource.commune_id, ressource.departement_id, ressource.region_id) == ("59350", "59", "32")


def test_renvoi_motive_puis_correction_et_nouvelle_soumission(client, vocabulaires, proposant, staff_hdf):
    ressource = RessourceFactory(statut=StatutRessource.EN_ATTENTE, propose_par=proposant)
    client.force_login(staff_hdf)
    page = client.post(f"/ressources/{ressource.slug}/decision/", {"action": "rejeter"}, follow=True)
    assert "Un renvoi doit être motivé" in page.content.decode()
    client.post(
        f"/ressources/{ressource.slug}/decision/", {"action": "rejeter", "message": "Précisez l'éditeur."}
    )
    ressource.refresh_from_db()
    assert ressource.statut == StatutRessource.BROUILLON
    assert "Précisez l'éditeur." in mail.outbox[-1].body
    client.force_login(proposant)
    donnees = _transitions(_formulaire(url=ressource.url, titre=ressource.titre, version=ressource.version))
    client.post(f"/ressources/{ressource.slug}/modifier/", donnees)
    ressource.refresh_from_db()
    assert ressource.statut == StatutRessource.EN_ATTENTE
    assert ressource.editeur_libre == "Le Mouvement associatif Hauts-de-France"


def test_modification_concurrente_jamais_ecrasee(client, vocabulaires, staff_hdf):
    ressource = RessourceFactory()
    client.force_login(staff_hdf)
    version = ressource.version
    donnees = _transitions(_formulaire(url=ressource.url, titre="Titre de Camille", version=version))
    client.post(f"/ressources/{ressource.slug}/modifier/", donnees)
    page = client.post(
        f"/ressources/{ressource.slug}/modifier/", {**donnees, "titre": "Titre de Noé"}
    ).content.decode()
    assert "modifiée par quelqu&#x27;un d&#x27;autre" in page
    assert 'value="Titre de Noé"' in page
    ressource.refresh_from_db()
    assert ressource.titre == "Titre de Camille"
    historique = client.get(f"/ressources/{ressource.slug}/historique/").content.decode()
    assert "Titre de Camille" in historique


def test_donnees_personnelles_export_et_suppression_du_compte(vocabulaires, proposant):
    from essaim.comptes.rgpd import exporter

    ressource = RessourceFactory(statut=StatutRessource.EN_ATTENTE, propose_par=proposant)
    export = exporter(proposant)["ressources"]
    assert export == [
        {
            "titre": ressource.titre,
            "url": ressource.url,
            "statut": "en_attente",
            "proposee_le": ressource.cree_le.isoformat(),
        }
    ]
    proposant.delete()
    ressource.refresh_from_db()
    assert ressource.propose_par is None  # public content stays, the link to the person goes


def test_description_saisie_en_markdown_avec_apercu(client, vocabulaires, staff_hdf):
    ressource = RessourceFactory(description="<p>Un <strong>guide</strong>.</p>")
    client.force_login(staff_hdf)
    page = client.get(f"/ressources/{ressource.slug}/modifier/").content.decode()
    assert "Un **guide**." in page and "&lt;p&gt;" not in page
    donnees = _formulaire(url=ressource.url, description="- un\n- deux", version=ressource.version)
    page = client.post(
        f"/ressources/{ressource.slug}/modifier/", {**_transitions(donnees), "apercu": "description"}
    ).content.decode()
    assert "<li>un</li>" in page and "- un\n- deux" in page
    ressource.refresh_from_db()
    assert ressource.description == "<p>Un <strong>guide</strong>.</p>"  # a preview saves nothing
