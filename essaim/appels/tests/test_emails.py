"""Editable e-mail templates: call's own, platform default, built-in; preview; safe rendering."""

import pytest
from django.urls import reverse

from essaim.appels.models import ModeleEmail
from essaim.appels.services import emails
from essaim.appels.services.candidatures import decider
from essaim.comptes.tests.factories import UtilisateurFactory, charge_de_mission

from .factories import AppelFactory, CandidatureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidature():
    candidat = UtilisateurFactory(first_name="Inès", last_name="Porteuse", email="ines@exemple.fr")
    appel = AppelFactory(titre="Appel à projets 2026", slug="projets-2026")
    return CandidatureFactory(appel=appel, candidat=candidat, reponses={"titre": "Vélo solidaire"})


def test_corps_par_defaut_de_la_decision_refusee(candidature, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # sent once the decision commits
        decider(
            candidature,
            decision="refusee",
            message="Le budget n'est pas assez précis.",
            base_url="https://essaim.example",
        )
    (courriel,) = mailoutbox
    assert courriel.subject == "Appel à projets 2026 : réponse à votre candidature"
    assert courriel.body == (
        "Bonjour Inès Porteuse,\n\n"
        "Le comité de sélection a examiné votre candidature « Vélo solidaire » à l'appel "
        "« Appel à projets 2026 ».\n\n"
        "Décision : Refusée\n\n"
        "Le budget n'est pas assez précis.\n\n"
        "Nous vous remercions de l'intérêt que vous avez porté à cet appel.\n\n"
        "Bien cordialement,\nL'équipe CRESS Hauts-de-France\n"
    )


def test_le_modele_de_l_appel_l_emporte_sur_le_modele_par_defaut(
    candidature, mailoutbox, django_capture_on_commit_callbacks
):
    ModeleEmail.objects.create(nature="retenue", sujet="Défaut", corps="Défaut plateforme")
    with django_capture_on_commit_callbacks(execute=True):
        decider(candidature, decision="retenue", notifier=True)
    assert mailoutbox[-1].body == "Défaut plateforme\n"
    ModeleEmail.objects.create(
        appel=candidature.appel,
        nature="retenue",
        sujet="{{ appel.titre }} — {{ decision }}",
        corps="Bravo {{ candidat.nom }} pour « {{ candidature.intitule }} » !"
        "{% if message %}\n{{ message }}{% endif %}",
    )
    with django_capture_on_commit_callbacks(execute=True):
        decider(candidature, decision="retenue", message="À bientôt.")
    assert mailoutbox[-1].subject == "Appel à projets 2026 — Labellisé"
    assert mailoutbox[-1].body == "Bravo Inès Porteuse pour « Vélo solidaire » !\nÀ bientôt.\n"


def test_le_gabarit_n_atteint_que_le_contexte_sur(candidature):
    rendu = emails.rendre(
        "x",
        "[{{ candidat.password }}][{{ candidature.candidat }}][{{ settings.SECRET_KEY }}]",
        emails.contexte_pour(candidature),
    )
    assert rendu.corps == "[][][]\n"


class TestPageDEdition:
    def test_liste_des_modeles_et_leur_origine(self, client, candidature):
        ModeleEmail.objects.create(nature="refusee", sujet="Réponse", corps="…")
        client.force_login(charge_de_mission("32"))
        page = client.get(reverse("appels:emails", args=["projets-2026"])).content.decode()
        assert (
            "Accusé de réception" in page and "Décision : Labellisé" in page and "Décision : À revoir" in page
        )
        assert "Modèle par défaut (administration)" in page and "Texte par défaut" in page

    def test_modifier_le_modele_d_une_decision_avec_apercu(self, client, candidature):
        client.force_login(charge_de_mission("32"))
        url = reverse("appels:email_modifier", args=["projets-2026", "retenue"])
        page = client.get(url).content.decode()
        assert "Cet appel utilise le texte par défaut" in page
        assert "Modèle d'e-mail : Décision : Labellisé" in page
        assert "Bonjour Camille Martin," in page  # the preview on a sample application
        assert "Retrouvez votre candidature : http://testserver/appels/candidatures/0/" in page
        assert "{{ candidat.nom }}" in page
        reponse = client.post(
            url,
            {"sujet": "Labellisé : {{ appel.titre }}", "corps": "Bonjour {{ candidat.nom }}"},
            follow=True,
        )
        assert "Modèle d&#x27;e-mail enregistré pour cet appel." in reponse.content.decode()
        modele = ModeleEmail.objects.get(appel=candidature.appel, nature="retenue")
        assert modele.corps == "Bonjour {{ candidat.nom }}"
        assert "Propre à cet appel" in reponse.content.decode()

    def test_un_gabarit_incorrect_est_refuse(self, client, candidature):
        client.force_login(charge_de_mission("32"))
        url = reverse("appels:email_modifier", args=["projets-2026", "accuse_reception"])
        reponse = client.post(url, {"sujet": "Reçu", "corps": "Bonjour {% if %}"})
        assert "Gabarit incorrect" in reponse.content.decode()
        assert not ModeleEmail.objects.exists()

    def test_nature_inconnue(self, client, candidature):
        client.force_login(charge_de_mission("32"))
        assert (
            client.get(reverse("appels:email_modifier", args=["projets-2026", "inconnue"])).status_code == 404
        )
