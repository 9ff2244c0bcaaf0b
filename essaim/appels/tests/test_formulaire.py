"""The form built from a call's question list: each type, its stored value, its French errors."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from essaim.appels.services.formulaire import formulaire_candidature, valider_formulaire
from essaim.comptes.tests.factories import charge_de_mission

from .factories import AppelFactory

pytestmark = pytest.mark.django_db

TOUS_LES_TYPES = [
    {"cle": "nom", "libelle": "Nom du projet", "type": "texte", "obligatoire": True},
    {"cle": "resume", "libelle": "Résumé", "type": "texte_long", "obligatoire": True},
    {
        "cle": "stade",
        "libelle": "Stade",
        "type": "choix",
        "obligatoire": True,
        "choix": [["idee", "Idée"], ["lance", "Lancé"]],
    },
    {
        "cle": "themes",
        "libelle": "Thèmes",
        "type": "choix_multiple",
        "obligatoire": True,
        "choix": [["a", "Alimentation"], ["b", "Bâtiment"], ["c", "Culture"]],
    },
    {"cle": "debut", "libelle": "Début", "type": "date", "obligatoire": True},
    {"cle": "quand", "libelle": "Période", "type": "mois_ou_date", "obligatoire": True},
    {"cle": "places", "libelle": "Places", "type": "nombre", "obligatoire": True, "min": 1, "max": 500},
    {"cle": "lieu", "libelle": "Commune", "type": "commune", "obligatoire": True},
    {"cle": "site", "libelle": "Site", "type": "url", "obligatoire": True},
    {"cle": "courriel", "libelle": "Courriel", "type": "email", "obligatoire": True},
    {"cle": "piece", "libelle": "Pièce", "type": "fichier", "obligatoire": True, "taille_max_mo": 1},
    {"cle": "orgas", "libelle": "Organisateurs", "type": "structures", "obligatoire": True},
]

VALIDES = {
    "type_candidat": "entreprise_ess",
    "nom_structure": "Coopérative Test",
    "nom": "Atelier",
    "resume": "Un résumé.",
    "stade": "idee",
    "themes": ["a", "c"],
    "debut": "2026-03-14",
    "quand": "12/2026",
    "places": "12,5",
    "lieu": "Amiens",
    "site": "exemple.org/projet",
    "courriel": "contact@exemple.org",
    "orgas": "Réseau Un\n\nRéseau Deux\n",
}


def _form(donnees, fichiers=None, brouillon=False):
    appel = AppelFactory(formulaire=TOUS_LES_TYPES)
    classe = formulaire_candidature(appel)
    return classe(donnees, fichiers or {}, appel=appel, brouillon=brouillon)


def _pdf(nom="projet.pdf", taille=100):
    return SimpleUploadedFile(nom, b"%PDF-1.4\n" + b"0" * taille, content_type="application/pdf")


def test_chaque_type_donne_la_valeur_stockee_attendue():
    form = _form(VALIDES, {"piece": _pdf()})
    assert form.is_valid(), form.errors
    assert form.reponses() == {
        "nom": "Atelier",
        "resume": "Un résumé.",
        "stade": "idee",
        "themes": ["a", "c"],
        "debut": "2026-03-14",
        "quand": "2026-12",
        "places": 12.5,
        "lieu": "80021",
        "site": "https://exemple.org/projet",
        "courriel": "contact@exemple.org",
        "orgas": [{"nom": "Réseau Un", "structure_id": None}, {"nom": "Réseau Deux", "structure_id": None}],
    }
    assert list(form.fichiers()) == ["piece"]


@pytest.mark.parametrize(
    "saisie, attendu",
    [
        ("2023-12", "2023-12"),
        ("2023-12-05", "2023-12-05"),
        ("05/12/2023", "2023-12-05"),
        ("12/2023", "2023-12"),
    ],
)
def test_mois_ou_date_accepte_un_mois_ou_une_date(saisie, attendu):
    form = _form({**VALIDES, "quand": saisie}, {"piece": _pdf()})
    assert form.is_valid(), form.errors
    assert form.reponses()["quand"] == attendu


def test_un_nombre_entier_reste_entier():
    form = _form({**VALIDES, "places": "40"}, {"piece": _pdf()})
    assert form.is_valid()
    assert form.reponses()["places"] == 40 and isinstance(form.reponses()["places"], int)


@pytest.mark.parametrize(
    "cle, valeur, erreur",
    [
        ("nom", "", "Ce champ est obligatoire."),
        ("stade", "inconnu", "Sélectionnez un choix valide. inconnu n’en fait pas partie."),
        ("themes", ["z"], "Sélectionnez un choix valide. z n’en fait pas partie."),
        ("debut", "31/02/2026", "Saisissez une date valide."),
        (
            "quand",
            "2023-13",
            "« 2023-13 » n'est ni une date (2023-12-05 ou 05/12/2023) ni un mois (2023-12 ou 12/2023).",
        ),
        ("quand", "bientôt", "« bientôt » n'est ni une date"),
        ("places", "beaucoup", "Saisissez un nombre."),
        ("places", "0", "Assurez-vous que cette valeur est supérieure ou égale à 1."),
        ("lieu", "Nullepartville", "Commune inconnue : « Nullepartville »."),
        ("lieu", "Saint-Denis", "« Saint-Denis » est ambigu ; précisez parmi :"),
        ("site", "pas une url", "Saisissez une URL valide."),
        ("courriel", "pas-un-email", "Saisissez une adresse e-mail valide."),
        ("orgas", "", "Ce champ est obligatoire."),
    ],
)
def test_erreurs_en_francais(cle, valeur, erreur):
    form = _form({**VALIDES, cle: valeur}, {"piece": _pdf()})
    assert not form.is_valid()
    assert any(erreur in message for message in form.errors[cle]), form.errors[cle]


def test_fichier_trop_lourd_ou_d_un_type_refuse():
    form = _form(VALIDES, {"piece": _pdf(taille=2 * 1024 * 1024)})
    assert not form.is_valid()
    assert form.errors["piece"] == ["Le fichier « projet.pdf » pèse 2,0 Mo : la taille maximale est de 1 Mo."]
    form = _form(VALIDES, {"piece": SimpleUploadedFile("virus.exe", b"MZ")})
    assert not form.is_valid()
    assert "Type de fichier non accepté : « virus.exe »." in form.errors["piece"][0]
    form = _form(VALIDES)
    assert form.errors["piece"] == ["Ce champ est obligatoire."]


def test_un_brouillon_accepte_les_reponses_manquantes_mais_pas_les_formats_faux():
    assert _form({"nom": "Juste un nom"}, brouillon=True).is_valid()
    form = _form({"courriel": "faux"}, brouillon=True)
    assert not form.is_valid()
    assert "courriel" in form.errors


def test_l_aide_saisie_par_l_equipe_est_echappee():
    appel = AppelFactory(
        formulaire=[{"cle": "x", "libelle": "X", "type": "texte", "aide": "<script>alert(1)</script>"}]
    )
    html = str(formulaire_candidature(appel)(appel=appel))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_la_definition_est_validee_avec_des_messages_precis():
    with pytest.raises(Exception) as exc:
        valider_formulaire(
            [
                {"cle": "Titre Atelier", "libelle": "Titre", "type": "texte"},
                {"cle": "a", "libelle": "A", "type": "inconnu"},
                {"cle": "a", "libelle": "B", "type": "choix"},
                {"cle": "type_candidat", "libelle": "C", "type": "texte"},
            ]
        )
    messages = exc.value.messages
    assert "Question 1 (« Titre ») : clé « Titre Atelier » invalide" in messages[0]
    assert any("Question 2 (« A ») : type « inconnu » inconnu" in m for m in messages)
    assert "Question 3 : la clé « a » est déjà utilisée." in messages
    assert "Question 3 (« B ») : indiquez au moins un choix." in messages
    assert "Question 4 : la clé « type_candidat » est réservée." in messages


class TestEditionParLEquipe:
    def _donnees(self, questions):
        donnees = {
            "q-TOTAL_FORMS": str(len(questions)),
            "q-INITIAL_FORMS": "0",
            "q-MIN_NUM_FORMS": "0",
            "q-MAX_NUM_FORMS": "1000",
        }
        for i, q in enumerate(questions):
            for cle, valeur in q.items():
                donnees[f"q-{i}-{cle}"] = valeur
        return donnees

    def test_ajouter_ordonner_et_retirer_des_questions(self, client):
        appel = AppelFactory(formulaire=[])
        client.force_login(charge_de_mission("32"))
        questions = [
            {"cle": "budget", "libelle": "Budget", "type": "nombre", "ORDER": "2"},
            {"cle": "titre", "libelle": "Titre", "type": "texte", "obligatoire": "on", "ORDER": "1"},
            {
                "cle": "public",
                "libelle": "Public visé",
                "type": "choix",
                "choix": "jeunes | Jeunes\nseniors",
                "ORDER": "3",
            },
            {"cle": "retiree", "libelle": "À retirer", "type": "texte", "ORDER": "4", "DELETE": "on"},
        ]
        reponse = client.post(
            reverse("appels:formulaire", args=[appel.slug]), self._donnees(questions), follow=True
        )
        assert "Formulaire enregistré : 3 question(s)." in reponse.content.decode()
        appel.refresh_from_db()
        assert [q["cle"] for q in appel.formulaire] == ["titre", "budget", "public"]
        assert appel.formulaire[0]["obligatoire"] is True
        assert appel.formulaire[2]["choix"] == [["jeunes", "Jeunes"], ["seniors", "seniors"]]

    def test_une_definition_fautive_n_efface_rien(self, client):
        appel = AppelFactory()
        avant = list(appel.formulaire)
        client.force_login(charge_de_mission("32"))
        questions = [{"cle": "choix_vide", "libelle": "Choix", "type": "choix"}]
        reponse = client.post(reverse("appels:formulaire", args=[appel.slug]), self._donnees(questions))
        assert "Question 1 (« Choix ») : indiquez au moins un choix." in reponse.content.decode()
        appel.refresh_from_db()
        assert appel.formulaire == avant

    def test_export_puis_import_json_d_un_appel_a_l_autre(self, client):
        source = AppelFactory()
        cible = AppelFactory(formulaire=[])
        client.force_login(charge_de_mission("32"))
        reponse = client.get(reverse("appels:formulaire_json", args=[source.slug]))
        assert reponse["Content-Disposition"] == f'attachment; filename="formulaire-{source.slug}.json"'
        definition = json.loads(reponse.content)
        assert definition["questions"][0]["libelle"] == "Titre de l'atelier"
        reponse = client.post(
            reverse("appels:formulaire", args=[cible.slug]),
            {"import-definition": json.dumps(definition)},
            follow=True,
        )
        assert "Formulaire enregistré : 7 question(s)." in reponse.content.decode()
        cible.refresh_from_db()
        assert [q["cle"] for q in cible.formulaire] == [q["cle"] for q in source.formulaire]

    def test_import_json_illisible(self, client):
        appel = AppelFactory()
        client.force_login(charge_de_mission("32"))
        reponse = client.post(reverse("appels:formulaire", args=[appel.slug]), {"import-definition": "[{,"})
        assert "JSON illisible (ligne 1, colonne 3)" in reponse.content.decode()
