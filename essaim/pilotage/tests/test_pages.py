"""Pages, forms, yearly review (HTML, PDF, DOCX parsed back), XLSX, API, reminders, Mon espace."""

import io
from decimal import Decimal

import docx
import openpyxl
import pypdf
import pytest
from django.core import mail

from essaim.comptes.enums import Role
from essaim.comptes.tests.factories import UtilisateurFactory, charge_de_mission
from essaim.pilotage.enums import Mode, StatutObjectif
from essaim.pilotage.models import Indicateur, Mesure, Objectif
from essaim.pilotage.services import mesures

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def arbre():
    responsable = UtilisateurFactory(role=Role.GESTIONNAIRE, email="responsable@exemple.fr")
    p, o, ind = factories.arbre_simple(responsable=responsable)
    mesures.saisir(ind, "2024", Decimal(15), par=None, commentaire="Relevé annuel")
    return p, o, ind


@pytest.fixture
def staff(client):
    compte = charge_de_mission("28")
    client.force_login(compte)
    return compte


def texte_pdf(contenu: bytes) -> str:
    texte = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(contenu)).pages)
    return " ".join(texte.split())


def texte_docx(contenu: bytes) -> str:
    document = docx.Document(io.BytesIO(contenu))
    tables = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + tables)


def telecharger(client, url) -> bytes:
    # The job starts (303 to its progress page); the next request gets the file.
    assert client.get(url).status_code == 303
    reponse = client.get(url)
    assert reponse.status_code == 200
    return b"".join(reponse.streaming_content)


def test_tableau_de_bord_avec_progression_svg_tableau_et_retards(client, arbre):
    p, o, ind = arbre
    html = client.get(p.get_absolute_url()).content.decode()
    assert "Fédérer les réseaux" in html and "Rassembler les réseaux" in html
    assert 'role="img"' in html and "Réseaux adhérents : 15 réseaux sur une cible de 20 (50 %)" in html
    assert "<caption>Objectifs et indicateurs : Fédérer les réseaux</caption>" in html
    assert "2024 (" in html  # last update: period and date
    assert "Mises à jour en retard" in html and "Réseaux adhérents : 2025" in html
    page = client.get(o.get_absolute_url()).content.decode()
    assert "Relevé annuel" in page and "Mesures : Réseaux adhérents" in page
    assert 'id="courbe-' in page


def test_le_personnel_cree_un_objectif_et_des_indicateurs(client, arbre, staff):
    p, o, _ind = arbre
    reponse = client.post(
        f"/pilotage/{p.slug}/objectifs/nouveau/",
        {"priorite": o.priorite_id, "titre": "Former les bénévoles", "type": "quantitatif"},
    )
    nouveau = Objectif.objects.get(titre="Former les bénévoles")
    assert reponse.status_code == 302 and nouveau.history.first().history_user == staff
    url = f"/pilotage/{p.slug}/objectifs/{nouveau.pk}/indicateurs/"
    erreur = client.post(
        url + "manuel/",
        {
            "code": "benevoles",
            "libelle": "Bénévoles formés",
            "unite": "bénévoles",
            "type_valeur": "nombre",
            "reference": "10",
            "date_reference": "2025-01-01",
            "cible": "50 %",
            "date_cible": "2024-12-31",
            "sens": "hausse",
            "frequence": "annuelle",
        },
    ).content.decode()
    assert "Cible : « 50 % » est un pourcentage, or cet indicateur se mesure en bénévoles." in erreur
    assert "Date de la cible : le 31/12/2024 ne vient pas après la date de la référence" in erreur
    ok = client.post(
        url + "manuel/",
        {
            "code": "benevoles",
            "libelle": "Bénévoles formés",
            "unite": "bénévoles",
            "type_valeur": "nombre",
            "reference": "10",
            "cible": "1 200",
            "sens": "hausse",
            "frequence": "semestrielle",
        },
    )
    assert ok.status_code == 302 and Indicateur.objects.get(code="benevoles").cible == 1200
    auto = client.post(
        url + "automatique/",
        {
            "calcul": "annuaire-fiches-publiees",
            "region": "28",
            "cible": "300",
            "sens": "hausse",
            "frequence": "annuelle",
        },
    )
    assert auto.status_code == 302, auto.content.decode()[-3000:]
    cree = Indicateur.objects.get(code="annuaire-fiches-publiees")
    assert (cree.mode, cree.parametres, cree.unite, cree.libelle) == (
        Mode.AUTOMATIQUE,
        {"region": "28"},
        "fiches",
        "Fiches publiées dans l'annuaire",
    )


def test_saisie_d_une_mesure_erreurs_francaises_doublon_et_correction(client, arbre):
    p, o, ind = arbre
    client.force_login(o.responsable)
    url = f"/pilotage/{p.slug}/indicateurs/{ind.pk}/mesure/"
    page = client.post(url, {"periode": "2031", "valeur": "12"}).content.decode()
    assert "Période : « 2031 » est hors du plan, qui couvre 2024 à 2026." in page
    page = client.post(url, {"periode": "2025", "valeur": "12,5"}).content.decode()
    assert "Valeur : 12,5 n&#x27;est pas un nombre entier de réseaux." in page
    page = client.post(url, {"periode": "2024", "valeur": "18"}).content.decode()
    assert "Période : une mesure existe déjà pour 2024" in page
    assert Mesure.objects.get(indicateur=ind, periode="2024").valeur == 15
    correction = client.get(url + "?periode=2024").content.decode()
    assert 'name="version" value="1"' in correction
    reponse = client.post(url + "?periode=2024", {"periode": "2024", "valeur": "18", "version": "1"})
    assert reponse.status_code == 302
    mesure = Mesure.objects.get(indicateur=ind, periode="2024")
    assert mesure.valeur == 18 and mesure.history.count() == 2
    perime = client.post(url + "?periode=2024", {"periode": "2024", "valeur": "99", "version": "1"})
    assert "modifiée par quelqu&#x27;un d&#x27;autre" in perime.content.decode()


def test_mesures_dues_d_un_coup_et_mon_espace(client, arbre):
    p, o, ind = arbre
    client.force_login(o.responsable)
    espace = client.get("/mon-espace/").content.decode()
    assert f"Mesures dues : {p.titre}" in espace
    anglais = client.get("/mon-espace/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"Measures due: {p.titre}" in anglais and "Strategic plans" in anglais
    page = client.get(f"/pilotage/{p.slug}/mesures-dues/").content.decode()
    assert "Réseaux adhérents — 2025" in page
    champ = f"valeur_{ind.pk}_2025"
    assert (
        "n&#x27;est pas un nombre"
        in client.post(f"/pilotage/{p.slug}/mesures-dues/", {champ: "vingt"}).content.decode()
    )
    client.post(f"/pilotage/{p.slug}/mesures-dues/", {champ: "17"})
    assert Mesure.objects.get(indicateur=ind, periode="2025").saisie_par == o.responsable


def test_notes_statut_et_preuve_privee(client, arbre, staff):
    p, o, ind = arbre
    client.post(f"/pilotage/{p.slug}/objectifs/{o.pk}/statut/", {"statut": "en_cours", "raison": "Lancement"})
    o.refresh_from_db()
    assert o.statut == StatutObjectif.EN_COURS and o.history.first().history_change_reason == "Lancement"
    client.post(
        f"/pilotage/{p.slug}/objectifs/{o.pk}/note/", {"periode": "2029", "date": "2025-01-10", "texte": "x"}
    )
    assert not o.notes.exists()
    client.post(
        f"/pilotage/{p.slug}/objectifs/{o.pk}/note/",
        {"periode": "2025", "date": "2025-06-10", "texte": "Bon élan"},
    )
    assert o.notes.get().auteur == staff
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(
        f"/pilotage/{p.slug}/indicateurs/{ind.pk}/mesure/",
        {"periode": "2025", "valeur": "16", "preuve_fichier": SimpleUploadedFile("pv.txt", b"compte rendu")},
    )
    mesure = Mesure.objects.get(indicateur=ind, periode="2025")
    url = f"/pilotage/{p.slug}/mesures/{mesure.pk}/preuve/"
    assert b"".join(client.get(url).streaming_content) == b"compte rendu"
    client.logout()
    assert client.get(url).status_code == 404  # the public plan is readable, its evidence is not


def test_bilan_html_pdf_docx_et_xlsx(client, arbre):
    p, o, ind = arbre
    o.notes.create(periode="2024", date="2024-12-01", texte="Trois réseaux rencontrés")
    html = client.get(f"/pilotage/{p.slug}/bilan/2024/").content.decode()
    assert "Bilan 2024" in html and "Trois réseaux rencontrés" in html and "2024 : 15" in html
    assert client.get(f"/pilotage/{p.slug}/bilan/2031/").status_code == 404
    pdf = texte_pdf(telecharger(client, f"/pilotage/{p.slug}/bilan/2024/bilan.pdf"))
    assert "Bilan 2024" in pdf and "Réseaux adhérents" in pdf and "Trois réseaux rencontrés" in pdf
    contenu = telecharger(client, f"/pilotage/{p.slug}/bilan/2024/bilan.docx")
    texte = texte_docx(contenu)
    assert "Bilan 2024 : Plan plan-test" in texte and "15 réseaux" in texte and "50 %" in texte
    assert len(docx.Document(io.BytesIO(contenu)).inline_shapes) == 1
    reponse = client.get(f"/pilotage/{p.slug}/indicateurs.xlsx")
    feuille = openpyxl.load_workbook(io.BytesIO(b"".join(reponse.streaming_content))).active
    lignes = list(feuille.values)
    assert lignes[0][:4] == ("Priorité", "Objectif", "Statut de l'objectif", "Code de l'indicateur")
    assert lignes[1][3] == "reseaux" and lignes[1][12] == "2024" and lignes[1][13] == 15


def test_le_bilan_change_avec_une_nouvelle_mesure(client, arbre):
    p, _o, ind = arbre
    assert "2025 : 19" not in client.get(f"/pilotage/{p.slug}/bilan/2025/").content.decode()
    mesures.saisir(ind, "2025", Decimal(19), par=None)
    assert "2025 : 19" in client.get(f"/pilotage/{p.slug}/bilan/2025/").content.decode()


def test_contrat_de_l_api(client, arbre):
    p, _o, _ind = arbre
    liste = client.get("/api/v1/pilotage/plans/").json()
    assert liste["count"] == 1
    assert {"slug", "titre", "region", "periode"} <= set(liste["results"][0])
    assert liste["results"][0]["periode"] == "2024–2026" and liste["results"][0]["region"] == "28"
    detail = client.get(f"/api/v1/pilotage/plans/{p.slug}/").json()
    indicateur = detail["priorites"][0]["objectifs"][0]["indicateurs"][0]
    assert indicateur == {
        "code": "reseaux",
        "libelle": "Réseaux adhérents",
        "unite": "réseaux",
        "mode": "manuel",
        "calcul": "",
        "reference": 10,
        "cible": 20,
        "date_cible": "2026-12-31",
        "valeur_actuelle": 15,
        "serie": [{"periode": "2024", "valeur": 15}],
    }
    assert client.get("/api/v1/pilotage/plans/inconnu/").status_code == 404


def test_rappels_aux_responsables_apres_commit(arbre, django_capture_on_commit_callbacks):
    from essaim.pilotage.taches import envoyer_rappels

    _p, o, _ind = arbre
    with django_capture_on_commit_callbacks(execute=True):
        assert envoyer_rappels() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["responsable@exemple.fr"] and "mesure" in message.subject
    assert "Réseaux adhérents (réseaux) — 2025" in message.body and "/mesures-dues/" in message.body


def test_commande_des_echeances_instantanes_et_rappels(arbre, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    from essaim.commun.models import Travail

    _p, o, _ind = arbre
    auto = factories.automatique(o, calcul="conference-ateliers")
    sortie = io.StringIO()
    call_command("pilotage_echeances", "--dry-run", stdout=sortie)
    assert "plan-test reseaux 2025 (en retard)" in sortie.getvalue() and not auto.mesures.exists()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("pilotage_echeances", stdout=io.StringIO())
    travail = Travail.objects.get(nature__endswith="echeances")
    assert travail.resultat == {"instantanes": 2, "rappels": 1}  # 2024 and 2025 of the automatic one
    assert list(auto.mesures.values_list("periode", "valeur")) == [("2024", 0), ("2025", 0)]
    assert len(mail.outbox) == 1


def test_le_personnel_cree_un_plan_dans_sa_region_avec_ses_priorites(client, staff):
    from essaim.comptes.tests.factories import partenaire
    from essaim.pilotage.models import Plan

    donnees = {
        "region": "28",
        "titre": "Plan 2026–2028",
        "slug": "plan-2026-2028",
        "annee_debut": "2026",
        "annee_fin": "2028",
        "priorites": "Fédérer\nPromouvoir\n\nDévelopper",
        "conditions": "Suivre les objectifs",
    }
    assert client.post("/pilotage/nouveau/", {**donnees, "annee_fin": "2025"}).status_code == 200
    assert (
        client.post("/pilotage/nouveau/", {**donnees, "region": "32"}).status_code == 200
    )  # not their région
    assert client.post("/pilotage/nouveau/", donnees).status_code == 302
    plan = Plan.objects.get(slug="plan-2026-2028")
    assert list(plan.priorites.values_list("nature", "ordre", "titre")) == [
        ("condition", 1, "Suivre les objectifs"),
        ("priorite", 1, "Fédérer"),
        ("priorite", 2, "Promouvoir"),
        ("priorite", 3, "Développer"),
    ]
    assert plan.history.first().history_user == staff and not plan.public
    client.force_login(partenaire("28"))
    assert client.get("/pilotage/nouveau/").status_code == 403


def test_le_personnel_ajoute_une_action_liee_a_un_objectif(client, arbre, staff):
    p, o, _ind = arbre
    url = f"/pilotage/{p.slug}/actions/nouvelle/"
    assert (
        f'value="{o.pk}" id="id_objectifs_0" checked' in client.get(f"{url}?objectif={o.pk}").content.decode()
    )
    donnees = {
        "titre": "Tournée des réseaux",
        "objectifs": [o.pk],
        "statut": "prevue",
        "livrables": "Compte rendu",
    }
    page = client.post(url, {**donnees, "debut": "2025-06-01", "fin": "2025-01-31"}).content.decode()
    assert "Fin : le 31/01/2025 précède le début (01/06/2025)." in page
    assert client.post(url, {**donnees, "debut": "2025-01-01", "fin": "2025-06-30"}).status_code == 302
    action = o.actions.get()
    assert action.plan == p and action.history.first().history_user == staff
    assert "Tournée des réseaux" in client.get(o.get_absolute_url()).content.decode()
    client.force_login(o.responsable)
    assert client.get(url).status_code == 403
