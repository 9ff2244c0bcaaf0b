"""Duplicate candidates and merging."""

import pytest

from ..enums import StatutStructure
from ..models import Gestion, PaireNonDoublon, Signalement, Theme
from .factories import StructureFactory, UtilisateurFactory

pytestmark = pytest.mark.django_db


def test_candidats_par_siret_nom_et_proximite(client, staff_hdf):
    a = StructureFactory(nom="Épicerie solidaire", siret="84215637400014")
    b = StructureFactory(
        nom="Epicerie Solidaire", siret="84215637400014"
    )  # same SIRET, same name, same place
    c = StructureFactory(
        nom="Recyclerie des Flandres", commune="59295", commune__lat=50.7238, commune__lon=2.5386
    )
    d = StructureFactory(
        nom="La Recyclerie des Flandres", commune="59295", commune__lat=50.7245, commune__lon=2.5390
    )
    StructureFactory(nom="Garage solidaire", commune="59295", commune__lat=50.7239, commune__lon=2.5387)
    StructureFactory(nom="Épicerie solidaire", commune="14118")  # Normandie: out of scope
    client.force_login(staff_hdf)
    contenu = client.get("/annuaire/doublons/").content.decode()
    assert "même SIRET 84215637400014" in contenu and "même nom dans la même commune" in contenu
    assert "noms proches" in contenu and f"/annuaire/doublons/{c.pk}/{d.pk}/" in contenu
    assert f"/annuaire/doublons/{a.pk}/{b.pk}/" in contenu
    assert "Garage solidaire" not in contenu
    assert "2 paires" in contenu


def test_fusion_conserve_lieux_gestionnaires_historique(client, staff_hdf):
    gardee = StructureFactory(
        nom="Ressourcerie de Douai", commune="59178", gestionnaires=[UtilisateurFactory()]
    )
    doublon_owner = UtilisateurFactory(email="doublon@exemple.fr")
    absorbee = StructureFactory(
        nom="Ressourcerie Douai", commune="59178", telephone="0327000000", gestionnaires=[doublon_owner]
    )
    absorbee.themes.add(Theme.objects.get(code="energie"))
    Signalement.objects.create(structure=absorbee, motif="doublon")
    client.force_login(staff_hdf)
    contenu = client.get(f"/annuaire/doublons/{gardee.pk}/{absorbee.pk}/").content.decode()
    assert "0327000000" in contenu and "Fiche à conserver" in contenu
    reponse = client.post(
        f"/annuaire/doublons/{gardee.pk}/{absorbee.pk}/",
        {"garder": gardee.pk, "action": "fusionner"},
        follow=True,
    )
    assert "est fusionnée dans" in reponse.content.decode()
    gardee.refresh_from_db()
    absorbee.refresh_from_db()
    assert absorbee.statut == StatutStructure.ARCHIVEE and absorbee.fusionnee_dans == gardee
    assert gardee.telephone == "0327000000" and gardee.lieux.count() == 2
    assert gardee.lieux.filter(principal=True).count() == 1
    assert Gestion.objects.filter(structure=gardee, utilisateur=doublon_owner).exists()
    assert gardee.themes.filter(code="energie").exists() and gardee.signalements.count() == 1
    assert "Fusion de « Ressourcerie Douai »" in gardee.history.first().history_change_reason
    assert absorbee.history.count() >= 2
    assert client.get(absorbee.get_absolute_url())["Location"] == gardee.get_absolute_url()


def test_paire_ecartee_disparait_des_candidats(client, staff_hdf):
    a = StructureFactory(nom="Jardin partagé", siret="84215637400014")
    b = StructureFactory(nom="Jardin partagé", siret="84215637400014")
    client.force_login(staff_hdf)
    client.post(f"/annuaire/doublons/{a.pk}/{b.pk}/", {"action": "ecarter"})
    assert PaireNonDoublon.objects.count() == 1
    assert "Aucun doublon détecté" in client.get("/annuaire/doublons/").content.decode()


def test_staff_d_une_autre_region_ne_fusionne_pas(client, staff_normandie):
    a, b = StructureFactory(nom="X"), StructureFactory(nom="X")
    client.force_login(staff_normandie)
    assert client.post(f"/annuaire/doublons/{a.pk}/{b.pk}/", {"garder": a.pk}).status_code == 403
    b.refresh_from_db()
    assert b.statut == StatutStructure.PUBLIEE
