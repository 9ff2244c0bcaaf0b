"""Editing: owners, optimistic locking, pre/post-moderation, history and revert, claims, freshness."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from ..enums import ModeModeration, StatutDemande
from ..models import ModificationEnAttente, ReglageRegion, Revendication, Structure
from ..services import fiches
from .factories import StructureFactory, UtilisateurFactory

pytestmark = pytest.mark.django_db


def _formulaire(structure, **changements):
    donnees = fiches.instantane(structure)
    valeurs = {k: v for k, v in donnees.items() if k not in ("reseaux_sociaux", "logo") and v not in ("", [])}
    valeurs["lieu_commune"] = structure.lieu_principal.commune_id
    valeurs["version"] = structure.version
    valeurs.update(changements)
    return valeurs


def test_staff_modifie_directement(client, staff_hdf, structure):
    client.force_login(staff_hdf)
    reponse = client.post(
        f"/annuaire/{structure.slug}/modifier/", _formulaire(structure, telephone="0320"), follow=True
    )
    assert "Les modifications sont enregistrées" in reponse.content.decode()
    structure.refresh_from_db()
    assert structure.telephone == "0320" and structure.version == 2


def test_proprietaire_en_pre_moderation_cree_une_modification_en_attente(client, proprietaire, structure):
    client.force_login(proprietaire)
    reponse = client.post(
        f"/annuaire/{structure.slug}/modifier/",
        _formulaire(structure, telephone="0320", themes=["energie"]),
        follow=True,
    )
    assert "seront visibles après validation" in reponse.content.decode()
    structure.refresh_from_db()
    assert structure.telephone == "" and structure.version == 1
    modification = ModificationEnAttente.objects.get()
    assert modification.donnees == {"telephone": "0320", "themes": ["energie"]}


def test_proprietaire_en_post_moderation_publie_et_signale_au_staff(client, proprietaire, structure, hdf):
    ReglageRegion.objects.create(region=hdf, mode_moderation=ModeModeration.A_POSTERIORI)
    client.force_login(proprietaire)
    client.post(f"/annuaire/{structure.slug}/modifier/", _formulaire(structure, telephone="0320"))
    structure.refresh_from_db()
    assert structure.telephone == "0320" and structure.a_controler


def test_modification_concurrente_refusee_sans_perdre_la_saisie(client, staff_hdf, admin, structure):
    formulaire_staff = _formulaire(structure, sigle="RDL-staff")
    client.force_login(admin)
    client.post(f"/annuaire/{structure.slug}/modifier/", _formulaire(structure, sigle="RDL-admin"))
    client.force_login(staff_hdf)
    reponse = client.post(f"/annuaire/{structure.slug}/modifier/", formulaire_staff)
    contenu = reponse.content.decode()
    assert "Cette fiche a été modifiée par quelqu&#x27;un d&#x27;autre" in contenu
    assert 'value="RDL-staff"' in contenu  # the user's input is kept
    assert "RDL-admin" in contenu  # and the saved value is shown in the conflict table
    structure.refresh_from_db()
    assert structure.sigle == "RDL-admin"
    # Saving again (the form now carries the new version) is a deliberate overwrite.
    client.post(f"/annuaire/{structure.slug}/modifier/", {**formulaire_staff, "version": structure.version})
    structure.refresh_from_db()
    assert structure.sigle == "RDL-staff"


def test_verrou_optimiste_au_niveau_du_service(structure, staff_hdf, admin):
    donnees = fiches.instantane(structure)
    fiches.enregistrer_modification(structure, {**donnees, "sigle": "A"}, admin, version=1)
    with pytest.raises(fiches.ConflitEdition):
        fiches.enregistrer_modification(
            Structure.objects.get(pk=structure.pk), {**donnees, "sigle": "B"}, staff_hdf, version=1
        )


def test_historique_avec_auteur_et_restauration_par_le_staff(client, staff_hdf, proprietaire, structure):
    client.force_login(staff_hdf)
    client.post(
        f"/annuaire/{structure.slug}/modifier/", _formulaire(structure, nom="Nom erroné", naf="9499Z")
    )
    structure.refresh_from_db()
    contenu = client.get(f"/annuaire/{structure.slug}/historique/").content.decode()
    assert "94.99Z — Autres organisations fonctionnant par adhésion volontaire" in contenu
    assert "Nom erroné" in contenu and "Recyclerie de Lille" in contenu and "camille@cress-hdf.fr" in contenu
    avant = structure.history.filter(nom="Recyclerie de Lille").first()
    client.post(f"/annuaire/{structure.slug}/historique/{avant.history_id}/restaurer/")
    structure.refresh_from_db()
    assert structure.nom == "Recyclerie de Lille"
    assert structure.history.first().history_change_reason.startswith("Restauration de la version du")


def test_proprietaire_voit_l_historique_mais_ne_restaure_pas(client, proprietaire, structure):
    client.force_login(proprietaire)
    contenu = client.get(f"/annuaire/{structure.slug}/historique/").content.decode()
    assert "Historique des modifications" in contenu and "Restaurer cette version" not in contenu
    premiere = structure.history.last()
    assert (
        client.post(f"/annuaire/{structure.slug}/historique/{premiere.history_id}/restaurer/").status_code
        == 403
    )


def test_revendication_auto_approuvee_quand_le_domaine_correspond(client, structure):
    salarie = UtilisateurFactory(email="direction@recyclerie-lille.fr")
    EmailAddress.objects.create(user=salarie, email=salarie.email, verified=True, primary=True)
    client.force_login(salarie)
    reponse = client.post(f"/annuaire/{structure.slug}/revendiquer/", {"fonction": "Directrice"}, follow=True)
    assert "vous gérez désormais cette fiche" in reponse.content.decode()
    assert structure.est_gere_par(salarie)
    assert Revendication.objects.get().auto_approuvee


def test_revendication_sans_domaine_correspondant_attend_le_staff(client, structure):
    benevole = UtilisateurFactory(email="benevole@gmail.com")
    client.force_login(benevole)
    reponse = client.post(f"/annuaire/{structure.slug}/revendiquer/", {"fonction": "Bénévole"}, follow=True)
    assert "transmise à l&#x27;équipe" in reponse.content.decode()
    assert not structure.est_gere_par(benevole)
    assert Revendication.objects.get().statut == StatutDemande.EN_ATTENTE


def test_confirmation_met_a_jour_le_badge_de_fraicheur(client, proprietaire, structure):
    Structure.objects.filter(pk=structure.pk).update(confirme_le=timezone.now() - timedelta(days=400))
    client.force_login(proprietaire)
    client.post(f"/annuaire/{structure.slug}/confirmer/")
    structure.refresh_from_db()
    assert timezone.now() - structure.confirme_le < timedelta(minutes=1)
    assert (
        f"Informations confirmées le {timezone.localdate().day}"
        in client.get(structure.get_absolute_url()).content.decode()
    )


def test_commande_de_rappel_de_fraicheur(structure, proprietaire, django_capture_on_commit_callbacks):
    StructureFactory(nom="Fiche récente", gestionnaires=[UtilisateurFactory()])
    Structure.objects.filter(pk=structure.pk).update(confirme_le=timezone.now() - timedelta(days=400))
    call_command("rappeler_fraicheur", "--dry-run", stdout=(sortie := __import__("io").StringIO()))
    assert "1 fiche(s) seraient rappelées" in sortie.getvalue() and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):  # a command commits as it goes
        call_command("rappeler_fraicheur", stdout=sortie)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [proprietaire.email]
    assert "/annuaire/recyclerie-de-lille/modifier/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rappeler_fraicheur", stdout=sortie)  # not reminded twice within 30 days
    assert len(mail.outbox) == 1
    call_command(
        "rappeler_fraicheur", "--jours", "500", "--dry-run", stdout=(autre := __import__("io").StringIO())
    )
    assert "0 fiche(s)" in autre.getvalue()


def test_territoire_d_action_saisi_affiche_et_historise(client, staff_hdf, structure):
    client.force_login(staff_hdf)
    formulaire = _formulaire(
        structure,
        territoire_departements=["59", "62"],
        territoire_communes="Roubaix (59512) ; 59599",
        territoire_epcis="",
    )
    reponse = client.post(f"/annuaire/{structure.slug}/modifier/", formulaire, follow=True)
    assert "Les modifications sont enregistrées" in reponse.content.decode()
    structure.refresh_from_db()
    assert sorted(structure.territoire_communes.values_list("code", flat=True)) == ["59512", "59599"]
    contenu = client.get(structure.get_absolute_url()).content.decode()
    assert "Territoire d'action" in contenu and "Roubaix" in contenu and "Pas-de-Calais" in contenu
    historique = client.get(f"/annuaire/{structure.slug}/historique/").content.decode()
    assert "Communes d&#x27;action" in historique and "Tourcoing" in historique
    reponse = client.post(
        f"/annuaire/{structure.slug}/modifier/",
        {**formulaire, "version": structure.version, "territoire_communes": "Nullepart-sur-Mer"},
    )
    assert (
        "Nullepart-sur-Mer" in reponse.content.decode()
        and "Communes d&#x27;action" in reponse.content.decode()
    )


def test_proprietaire_ajoute_un_lieu_et_change_le_lieu_principal(client, proprietaire, structure):
    client.force_login(proprietaire)
    reponse = client.post(
        f"/annuaire/{structure.slug}/lieux/",
        {"nom": "Boutique", "adresse": "40 rue Nationale", "code_postal": "59000", "commune": "59350"},
        follow=True,
    )
    assert "Le lieu est enregistré" in reponse.content.decode()
    boutique = structure.lieux.get(nom="Boutique")
    assert boutique.etat_geocodage == "a_geocoder"  # offline: waits for the retry command
    structure.refresh_from_db()
    assert structure.a_controler  # staff will check the owner's change
    client.post(f"/annuaire/{structure.slug}/lieux/{boutique.pk}/action/", {"action": "principal"})
    assert structure.lieux.get(principal=True) == boutique
    ancien = structure.lieux.exclude(pk=boutique.pk).get()
    client.post(f"/annuaire/{structure.slug}/lieux/{ancien.pk}/action/", {"action": "supprimer"})
    assert list(structure.lieux.all()) == [boutique]
    reponse = client.post(
        f"/annuaire/{structure.slug}/lieux/{boutique.pk}/action/", {"action": "supprimer"}, follow=True
    )
    assert "Le lieu principal ne peut pas être supprimé" in reponse.content.decode()


def test_autre_proprietaire_ne_gere_pas_les_lieux(client, autre_proprietaire, structure):
    client.force_login(autre_proprietaire)
    assert client.get(f"/annuaire/{structure.slug}/lieux/").status_code == 403


def test_une_seule_entree_d_historique_par_modification(client, staff_hdf, structure):
    avant = structure.history.count()
    client.force_login(staff_hdf)
    client.post(
        f"/annuaire/{structure.slug}/modifier/",
        _formulaire(
            structure,
            sigle="RDL",
            themes=["energie", "mobilite"],
            agrements=["ESUS"],
            lieu_adresse="2 rue Neuve",
        ),
    )
    assert structure.history.count() == avant + 1
    derniere = structure.history.first()
    assert derniere.sigle == "RDL" and derniere.history_user == staff_hdf
    assert sorted(t.theme.code for t in derniere.themes.all()) == ["energie", "mobilite"]


def test_historique_montre_des_dates_locales_et_des_libelles(client, proprietaire, structure):
    """Regression: the history showed `2026-03-31 19:14:06.954627+00:00` and status codes."""
    import datetime

    from ..enums import StatutStructure

    structure.confirme_le = datetime.datetime(2026, 3, 31, 19, 14, 6, 954627, tzinfo=datetime.UTC)
    structure.statut = StatutStructure.EN_ATTENTE
    structure.save()
    client.force_login(proprietaire)
    contenu = client.get(f"/annuaire/{structure.slug}/historique/").content.decode()
    assert "2026-03-31" not in contenu and "+00:00" not in contenu
    assert "31 mars 2026 21:14" in contenu  # Europe/Paris
    assert "En attente de modération" in contenu and ">en_attente<" not in contenu
    structure.confirme_le = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC)
    structure.save()
    contenu = client.get(f"/annuaire/{structure.slug}/historique/").content.decode()
    assert "1er décembre 2026 11:00" in contenu  # French ordinal, Paris time
