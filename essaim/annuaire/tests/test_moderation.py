"""Moderation queue: records, pending edits, claims, reports; bulk actions; région scoping."""

from html.parser import HTMLParser

import pytest
from django.core import mail

from ..enums import MotifSignalement, StatutDemande, StatutStructure
from ..models import ModificationEnAttente, ReglageRegion, Revendication, Signalement
from .factories import StructureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def en_attente(proprietaire):
    return StructureFactory(
        nom="Ressourcerie en attente", statut=StatutStructure.EN_ATTENTE, gestionnaires=[proprietaire]
    )


def test_file_montre_les_fiches_de_ses_regions_seulement(client, staff_hdf, en_attente):
    StructureFactory(nom="Fiche normande", statut=StatutStructure.EN_ATTENTE, commune="14118")
    client.force_login(staff_hdf)
    contenu = client.get("/annuaire/moderation/").content.decode()
    assert "Ressourcerie en attente" in contenu and "Fiche normande" not in contenu
    assert "1 fiche à modérer" in contenu


def test_staff_approuve_la_fiche_et_le_gestionnaire_recoit_un_email(
    client, staff_hdf, en_attente, proprietaire
):
    client.force_login(staff_hdf)
    reponse = client.post(
        f"/annuaire/moderation/fiches/{en_attente.pk}/",
        {"action": "approuver", "message": "Bienvenue !"},
        follow=True,
    )
    assert "décision enregistrée" in reponse.content.decode()
    en_attente.refresh_from_db()
    assert en_attente.statut == StatutStructure.PUBLIEE
    assert mail.outbox[0].to == [proprietaire.email]
    assert mail.outbox[0].subject == "Votre fiche « Ressourcerie en attente » est publiée"
    assert "Bienvenue !" in mail.outbox[0].body
    client.logout()
    assert "Ressourcerie en attente" in client.get("/annuaire/").content.decode()


def test_refus_exige_un_message_puis_renvoie_en_brouillon(client, staff_hdf, en_attente):
    client.force_login(staff_hdf)
    reponse = client.post(f"/annuaire/moderation/fiches/{en_attente.pk}/", {"action": "rejeter"}, follow=True)
    assert "Un refus doit être motivé" in reponse.content.decode()
    en_attente.refresh_from_db()
    assert en_attente.statut == StatutStructure.EN_ATTENTE
    client.post(
        f"/annuaire/moderation/fiches/{en_attente.pk}/", {"action": "rejeter", "message": "SIRET manquant"}
    )
    en_attente.refresh_from_db()
    assert en_attente.statut == StatutStructure.BROUILLON
    assert "SIRET manquant" in mail.outbox[0].body and "brouillon" in mail.outbox[0].body


def test_gestionnaire_resoumet_un_brouillon(client, proprietaire, en_attente):
    en_attente.statut = StatutStructure.BROUILLON
    en_attente.save()
    client.force_login(proprietaire)
    client.post(f"/annuaire/{en_attente.slug}/soumettre/")
    en_attente.refresh_from_db()
    assert en_attente.statut == StatutStructure.EN_ATTENTE


def test_staff_d_une_autre_region_ne_peut_pas_approuver(client, staff_normandie, en_attente):
    client.force_login(staff_normandie)
    reponse = client.post(f"/annuaire/moderation/fiches/{en_attente.pk}/", {"action": "approuver"})
    assert reponse.status_code == 403
    en_attente.refresh_from_db()
    assert en_attente.statut == StatutStructure.EN_ATTENTE


def test_actions_en_masse_ignorent_les_fiches_hors_region(client, staff_hdf, en_attente):
    autre = StructureFactory(nom="Autre HdF", statut=StatutStructure.EN_ATTENTE, commune="80021")
    normande = StructureFactory(nom="Fiche normande", statut=StatutStructure.EN_ATTENTE, commune="14118")
    client.force_login(staff_hdf)
    reponse = client.post(
        "/annuaire/moderation/en-masse/",
        {"action": "approuver", "structures": [en_attente.pk, autre.pk, normande.pk]},
        follow=True,
    )
    contenu = reponse.content.decode()
    assert "2 fiche(s) traitée(s)" in contenu
    assert "1 fiche hors de vos régions ou introuvable, non traitée." in contenu
    # The unpublished record of another région is never named back (regression: its name was).
    assert "Fiche normande" not in contenu
    for fiche, statut in ((en_attente, "publiee"), (autre, "publiee"), (normande, "en_attente")):
        fiche.refresh_from_db()
        assert fiche.statut == statut


def test_revendication_traitee_par_le_staff(client, staff_hdf, structure, autre_proprietaire):
    demande = Revendication.objects.create(
        structure=structure, demandeur=autre_proprietaire, fonction="Trésorier"
    )
    client.force_login(staff_hdf)
    assert "Trésorier" in client.get("/annuaire/moderation/").content.decode()
    client.post(f"/annuaire/moderation/revendications/{demande.pk}/", {"action": "approuver"})
    demande.refresh_from_db()
    assert demande.statut == StatutDemande.APPROUVEE and structure.est_gere_par(autre_proprietaire)
    assert mail.outbox[0].to == [autre_proprietaire.email]


def test_une_revendication_deja_traitee_ne_l_est_pas_deux_fois(
    client, staff_hdf, structure, autre_proprietaire
):
    demande = Revendication.objects.create(structure=structure, demandeur=autre_proprietaire)
    client.force_login(staff_hdf)
    client.post(f"/annuaire/moderation/revendications/{demande.pk}/", {"action": "approuver"})
    reponse = client.post(
        f"/annuaire/moderation/revendications/{demande.pk}/",
        {"action": "rejeter", "message": "Finalement non"},
        follow=True,
    )
    assert "Cette demande est déjà traitée." in reponse.content.decode()
    demande.refresh_from_db()
    assert demande.statut == StatutDemande.APPROUVEE and structure.est_gere_par(autre_proprietaire)
    assert len(mail.outbox) == 1  # only the first decision was mailed


def test_signalement_traite_archive_la_fiche_et_previent_son_auteur(client, staff_hdf, structure):
    signalement = Signalement.objects.create(
        structure=structure, motif=MotifSignalement.FERMEE, email="citoyen@exemple.fr", commentaire="Fermée"
    )
    client.force_login(staff_hdf)
    client.post(
        f"/annuaire/moderation/signalements/{signalement.pk}/", {"action": "archiver", "message": "Merci"}
    )
    structure.refresh_from_db()
    signalement.refresh_from_db()
    assert structure.statut == StatutStructure.ARCHIVEE and signalement.statut == StatutDemande.APPROUVEE
    assert mail.outbox[0].to == ["citoyen@exemple.fr"] and "archivée" in mail.outbox[0].body


def test_modification_en_attente_montre_le_diff_et_s_applique(client, staff_hdf, structure, proprietaire):
    modification = ModificationEnAttente.objects.create(
        structure=structure,
        auteur=proprietaire,
        version_base=structure.version,
        donnees={"telephone": "03 20 00 00 00", "agrements": ["ESUS"]},
    )
    client.force_login(staff_hdf)
    contenu = client.get(f"/annuaire/moderation/modifications/{modification.pk}/").content.decode()
    assert "03 20 00 00 00" in contenu and "Entreprise solidaire d&#x27;utilité sociale" in contenu
    client.post(f"/annuaire/moderation/modifications/{modification.pk}/", {"action": "approuver"})
    structure.refresh_from_db()
    assert structure.telephone == "03 20 00 00 00"
    assert list(structure.agrements.values_list("code", flat=True)) == ["ESUS"]
    assert structure.nom == "Recyclerie de Lille"  # fields not in the edit are untouched
    assert mail.outbox[0].subject.startswith("Vos modifications de « Recyclerie de Lille » sont publiées")


def test_reglage_de_moderation_par_region(client, staff_hdf, hdf):
    client.force_login(staff_hdf)
    contenu = client.get("/annuaire/moderation/reglages/").content.decode()
    assert "Hauts-de-France" in contenu and "Normandie" not in contenu
    client.post(
        "/annuaire/moderation/reglages/",
        {"region": "32", "r32-mode_moderation": "a_posteriori", "r32-delai_fraicheur_jours": "180"},
    )
    reglage = ReglageRegion.objects.get(region=hdf)
    assert reglage.mode_moderation == "a_posteriori" and reglage.delai_fraicheur_jours == 180


def test_staff_force_la_famille_puis_revient_a_la_famille_deduite(client, staff_hdf, structure):
    client.force_login(staff_hdf)
    assert (
        "<h2>Famille de l'ESS</h2>"
        in client.get(f"/annuaire/moderation/fiches/{structure.pk}/").content.decode()
    )
    client.post(
        f"/annuaire/moderation/fiches/{structure.pk}/famille/",
        {"famille": "fondation", "famille_forcee": "on"},
    )
    structure.refresh_from_db()
    assert structure.famille == "fondation" and structure.famille_forcee
    structure.categorie_juridique = "5458"
    structure.save()
    structure.refresh_from_db()
    assert structure.famille == "fondation"  # forced: no longer derived
    client.post(f"/annuaire/moderation/fiches/{structure.pk}/famille/", {"famille": ""})
    structure.refresh_from_db()
    assert structure.famille == "cooperative" and not structure.famille_forcee


def test_revendication_acceptee_fait_du_visiteur_un_gestionnaire(client, staff_hdf, structure):
    from essaim.comptes.enums import Role

    from .factories import UtilisateurFactory

    visiteur = UtilisateurFactory(email="vis@exemple.fr", role=Role.VISITEUR)
    demande = Revendication.objects.create(structure=structure, demandeur=visiteur)
    client.force_login(staff_hdf)
    client.post(f"/annuaire/moderation/revendications/{demande.pk}/", {"action": "approuver"})
    visiteur.refresh_from_db()
    assert visiteur.role == Role.GESTIONNAIRE


def test_staff_archive_une_fiche_publiee(client, staff_hdf, structure, proprietaire):
    client.force_login(staff_hdf)
    client.post(f"/annuaire/moderation/fiches/{structure.pk}/", {"action": "archiver", "message": "Fermée"})
    structure.refresh_from_db()
    assert structure.statut == StatutStructure.ARCHIVEE
    assert mail.outbox[0].subject == "Votre fiche « Recyclerie de Lille » est archivée"
    client.logout()
    assert client.get(structure.get_absolute_url()).status_code == 404


def test_courriel_de_publication_instantane(client, staff_hdf, en_attente):
    client.force_login(staff_hdf)
    client.post(
        f"/annuaire/moderation/fiches/{en_attente.pk}/", {"action": "approuver", "message": "Bravo !"}
    )
    assert mail.outbox[0].body == (
        "Bonjour,\n\n"
        "La fiche « Ressourcerie en attente » est désormais publiée dans l'annuaire.\n\n"
        "Message de l'équipe de la CRESS :\n"
        "Bravo !\n\n"
        "—\n"
        "L'équipe Essaim\n"
    )


def test_refuser_un_brouillon_est_refuse_sans_e_mail(client, staff_hdf, proprietaire):
    """A draft is already "rejected": the transition table has no draft → draft move."""
    brouillon = StructureFactory(
        nom="Brouillon", statut=StatutStructure.BROUILLON, gestionnaires=[proprietaire]
    )
    client.force_login(staff_hdf)
    reponse = client.post(
        f"/annuaire/moderation/fiches/{brouillon.pk}/", {"action": "rejeter", "message": "Non"}, follow=True
    )
    assert "ne s&#x27;applique pas à une fiche dans cet état" in reponse.content.decode()
    assert reponse.redirect_chain[-1][0] == f"/annuaire/moderation/fiches/{brouillon.pk}/"
    brouillon.refresh_from_db()
    assert brouillon.statut == StatutStructure.BROUILLON
    assert mail.outbox == []


# --- E-mails leave only once the moderation commits (issue 13 §2.12) ------------------------


class Panne(Exception):
    pass


def test_une_moderation_annulee_n_envoie_aucun_email(
    staff_hdf, en_attente, django_capture_on_commit_callbacks
):
    from django.db import transaction

    from ..services.moderation import decider

    with (
        django_capture_on_commit_callbacks(execute=True) as rappels,
        pytest.raises(Panne),
        transaction.atomic(),
    ):
        decider(en_attente, "approuver", staff_hdf, "Bienvenue !")
        raise Panne  # something fails after the e-mail was asked for: everything rolls back
    assert rappels == [] and mail.outbox == []
    en_attente.refresh_from_db()
    assert en_attente.statut == StatutStructure.EN_ATTENTE


def test_l_email_de_moderation_part_apres_la_validation_de_la_transaction(
    staff_hdf, en_attente, proprietaire, django_capture_on_commit_callbacks
):
    from ..services.moderation import decider

    with django_capture_on_commit_callbacks(execute=False) as rappels:
        decider(en_attente, "approuver", staff_hdf, "Bienvenue !")
    assert mail.outbox == []  # not sent inside the transaction
    (envoi,) = rappels
    envoi()
    (courriel,) = mail.outbox
    assert courriel.to == [proprietaire.email]
    assert courriel.subject == "Votre fiche « Ressourcerie en attente » est publiée"
    assert courriel.body == (
        "Bonjour,\n\n"
        "La fiche « Ressourcerie en attente » est désormais publiée dans l'annuaire.\n\n"
        "Message de l'équipe de la CRESS :\n"
        "Bienvenue !\n\n"
        "—\n"
        "L'équipe Essaim\n"
    )


class _Analyse(HTMLParser):
    """Collects the page's <title> text, its forms (action) and where the site header is."""

    def __init__(self):
        super().__init__()
        self.titre, self.formulaires, self.pile, self.avant_entete = "", [], [], []
        self.balises_dans_titre, self.entete_vu = [], False

    def handle_starttag(self, tag, attrs):
        if "title" in self.pile:
            self.balises_dans_titre.append(tag)
        if tag == "header":
            self.entete_vu = True
        if tag == "form":
            self.formulaires.append(dict(attrs).get("action", ""))
            if not self.entete_vu:
                self.avant_entete.append(tag)
        self.pile.append(tag)

    def handle_endtag(self, tag):
        if tag in self.pile:
            del self.pile[len(self.pile) - 1 - self.pile[::-1].index(tag) :]

    def handle_data(self, data):
        if self.pile and self.pile[-1] == "title":
            self.titre += data


def test_page_de_moderation_d_une_fiche_bien_formee(client, staff_hdf, en_attente):
    """Regression: the family form was rendered three times, once inside <title> and <head>."""
    client.force_login(staff_hdf)
    analyse = _Analyse()
    analyse.feed(client.get(f"/annuaire/moderation/fiches/{en_attente.pk}/").content.decode())
    assert "Modérer Ressourcerie en attente" in analyse.titre and "<" not in analyse.titre
    assert analyse.balises_dans_titre == [] and analyse.avant_entete == []
    action_famille = f"/annuaire/moderation/fiches/{en_attente.pk}/famille/"
    assert analyse.formulaires.count(action_famille) == 1
