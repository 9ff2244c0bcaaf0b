"""The record description is edited as Markdown (never as tags), stored as cleaned HTML."""

import pytest

from ..models import ModificationEnAttente, Structure
from ..services import fiches
from .test_edition import _formulaire

pytestmark = pytest.mark.django_db
HTML = "<p>Une <strong>recyclerie</strong> solidaire.</p><ul><li>dépôt</li><li>vente</li></ul>"
MARKDOWN = "Une **recyclerie** solidaire.\n\n- dépôt\n- vente"


@pytest.fixture
def fiche(structure):
    Structure.objects.filter(pk=structure.pk).update(description=HTML)
    structure.refresh_from_db()
    return structure


def test_le_formulaire_ouvert_montre_du_markdown_et_aucune_balise(client, staff_hdf, fiche):
    client.force_login(staff_hdf)
    contenu = client.get(f"/annuaire/{fiche.slug}/modifier/").content.decode()
    zone = contenu.split('name="description"', 1)[1].split("</textarea>", 1)[0]
    assert "Une **recyclerie** solidaire." in zone and "- dépôt" in zone
    assert "&lt;p&gt;" not in zone and "<p>" not in zone
    assert 'aria-describedby="id_description_helptext"' in contenu and "Prévisualiser" in contenu


def test_apercu_sans_javascript_garde_la_saisie_et_n_enregistre_rien(client, staff_hdf, fiche):
    client.force_login(staff_hdf)
    saisie = _formulaire(fiche, description="Un **atelier** [site](javascript:alert(1))", telephone="0320")
    reponse = client.post(f"/annuaire/{fiche.slug}/modifier/", {**saisie, "apercu": "description", "nom": ""})
    contenu = reponse.content.decode()
    assert reponse.status_code == 200
    apercu = contenu.split('id="id_description_apercu"', 1)[1].split("</div>", 1)[0]
    assert "<strong>atelier</strong>" in apercu and 'href="javascript' not in apercu
    assert "Un **atelier**" in contenu and 'value="0320"' in contenu  # the input is kept
    assert "Le formulaire contient" not in contenu  # a preview is not a submission
    fiche.refresh_from_db()
    assert fiche.telephone == "" and fiche.description == HTML and fiche.version == 1


def test_apercu_a_l_inscription_sans_creer_de_fiche(client, proprietaire):
    client.force_login(proprietaire)
    reponse = client.post(
        "/annuaire/inscription/fiche/", {"apercu": "description", "description": "*Bienvenue*"}
    )
    assert "<em>Bienvenue</em>" in reponse.content.decode() and not Structure.objects.exists()


def test_description_intacte_absente_de_la_modification_en_attente(client, proprietaire, fiche):
    client.force_login(proprietaire)
    client.post(
        f"/annuaire/{fiche.slug}/modifier/", _formulaire(fiche, description=MARKDOWN, telephone="0320")
    )
    assert ModificationEnAttente.objects.get().donnees == {"telephone": "0320"}
    client.post(
        f"/annuaire/{fiche.slug}/modifier/",
        _formulaire(fiche, description=MARKDOWN + "\n- réparation", version=fiche.version),
    )
    derniere = ModificationEnAttente.objects.latest("pk").donnees
    assert "<li>réparation</li>" in derniere["description"]


def test_la_moderation_compare_le_texte_en_markdown():
    (ligne,) = fiches.differences({"description": HTML}, {"description": "<p>Une <em>ressourcerie</em>.</p>"})
    assert ligne["avant"] == MARKDOWN and ligne["apres"] == "Une *ressourcerie*."
