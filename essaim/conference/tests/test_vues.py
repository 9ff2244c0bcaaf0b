"""Every page of the module through HTTP, asserting on content."""

import datetime
import io
import json
from html import unescape

import pypdf
import pytest
from django.urls import reverse

from essaim.conference.enums import StatutFiche
from essaim.conference.models import FicheSynthese
from essaim.conference.tests.factories import inscrire_confirmee as inscrire
from essaim.territoires.models import Commune

from .factories import AtelierFactory, ConferenceFactory


def page(client, url, **kwargs):
    reponse = client.get(url, **kwargs)
    assert reponse.status_code == 200, reponse.status_code
    return unescape(reponse.content.decode())


def test_la_liste_des_editions_ne_montre_que_les_publiees(client, conference):
    ConferenceFactory(titre="Édition brouillon", publiee=False)
    html = page(client, reverse("conference:liste"))
    assert conference.titre in html and "Édition brouillon" not in html


def test_une_edition_non_publiee_est_refusee_au_public(client, db):
    brouillon = ConferenceFactory(publiee=False)
    assert client.get(brouillon.get_absolute_url()).status_code == 403


def test_la_page_de_l_edition_presente_transitions_et_chiffres(client, atelier):
    conference = atelier.conference
    conference.evenements.create(
        type="lancement", titre="Lancement à Arras", date=datetime.date(conference.annee, 3, 27)
    )
    conference.comite.create(organisation="CRESS Hauts-de-France", personnes="Julien Cordier")
    html = page(client, conference.get_absolute_url())
    assert "Comment garantir la pérennité économique des entreprises de l'ESS ?" in html
    assert "Lancement à Arras" in html and "Julien Cordier" in html
    assert "<strong>1</strong> ateliers" in html


def test_l_agenda_regroupe_par_mois_departement_et_transition(client, conference):
    AtelierFactory(conference=conference, intitule="Atelier lillois")
    AtelierFactory(
        conference=conference,
        intitule="Atelier en ligne",
        commune=None,
        format="visio",
        transitions=["ecologique"],
        date=datetime.date(conference.annee, 9, 3),
    )
    url = reverse("conference:agenda", args=[conference.slug])
    html = page(client, url)
    assert f"Juin {conference.annee}" in html and f"Septembre {conference.annee}" in html
    html = page(client, url + "?vue=departement")
    assert "Nord (59)" in html and "En visio (toute la région)" in html
    html = page(client, url + "?vue=transition&transition=ecologique")
    assert "Atelier en ligne" in html and "Atelier lillois" not in html and "1 atelier." in html
    html = page(client, url + "?departement=59")
    assert "Atelier lillois" in html and "Atelier en ligne" not in html


def test_la_carte_place_les_ateliers_et_garde_la_liste(client, conference):
    AtelierFactory(conference=conference, intitule="Atelier lillois")
    AtelierFactory(conference=conference, intitule="Atelier en ligne", commune=None, format="visio")
    reponse = client.get(reverse("conference:carte", args=[conference.slug]))
    html = unescape(reponse.content.decode())
    debut = html.index(">", html.index('id="points-ateliers"')) + 1
    points = json.loads(html[debut : html.index("</script>", debut)])
    lille = Commune.objects.get(code="59350")
    attendu = (lille.latitude, lille.longitude) if lille.latitude is not None else (50.629, 3.057)
    assert points == [
        {
            "lat": attendu[0],
            "lon": attendu[1],
            "approximatif": False,
            "titre": "Atelier lillois",
            "lieu": "Lille",
            "url": points[0]["url"],
        }
    ]
    assert "Ateliers sans position sur la carte" in html and "Atelier en ligne" in html
    assert "vendor/leaflet/leaflet.js" in html and "<script>" not in html


def test_la_page_atelier_montre_les_informations_et_l_inscription(client, atelier):
    atelier.eco_responsable = ["vaisselle", "transports"]
    atelier.save()
    html = page(client, atelier.get_absolute_url())
    assert atelier.intitule in html and "Transition sociale" in html and "Lille (59)" in html
    assert "Vaisselle réutilisable" in html and "M'inscrire" in html and "20 (20 restantes)" in html
    assert "Inscrits et émargement" not in html


def test_l_organisateur_voit_ses_outils_sur_la_page_atelier(client, atelier, organisateur):
    client.force_login(organisateur)
    html = page(client, atelier.get_absolute_url())
    assert "Inscrits et émargement" in html and "Déposer la fiche de synthèse" in html
    assert "Valider la fiche" not in html


def test_l_organisateur_modifie_son_atelier(client, atelier, organisateur):
    client.force_login(organisateur)
    url = reverse("conference:modifier_atelier", args=[atelier.conference.slug, atelier.pk])
    assert "Modifier l'atelier" in page(client, url)
    donnees = {
        "intitule": "Nouvel intitulé ?",
        "organisateurs_libres": "Collectif de test",
        "transitions": ["ecologique", "sociale"],
        "date": f"{atelier.conference.annee}-07-02",
        "precision_date": "jour",
        "format": "presentiel",
        "commune": "Arras (62041)",
        "capacite": "15",
        "description": "Desc",
        "eco_responsable": ["dechets"],
        "inscriptions_ouvertes": "on",
    }
    reponse = client.post(url, donnees)
    assert reponse.status_code == 302
    assert reponse["Location"] == atelier.get_absolute_url()
    atelier.refresh_from_db()
    assert (atelier.intitule, atelier.commune.nom, atelier.transitions) == (
        "Nouvel intitulé ?",
        "Arras",
        ["ecologique", "sociale"],
    )


def test_modifier_un_atelier_hors_edition_donne_une_erreur_precise(client, atelier, staff_hdf):
    client.force_login(staff_hdf)
    url = reverse("conference:modifier_atelier", args=[atelier.conference.slug, atelier.pk])
    reponse = client.post(
        url,
        {
            "intitule": "X",
            "transitions": ["sociale"],
            "date": "1999-01-01",
            "precision_date": "jour",
            "format": "presentiel",
            "commune": "",
        },
    )
    html = unescape(reponse.content.decode())
    assert "La date doit être comprise entre le 01/04/" in html
    assert "Indiquez la commune d'un atelier en présentiel." in html


def test_l_emargement_liste_les_inscrits_et_pointe_en_htmx(client, atelier, organisateur):
    inscrit = inscrire(atelier, "Ada", "Lovelace", "ada@exemple.fr", organisation="Asso des calculs")
    client.force_login(organisateur)
    html = page(client, reverse("conference:emargement", args=[atelier.conference.slug, atelier.pk]))
    assert "LOVELACE Ada" in html and "Asso des calculs" in html and "0 présent pointé" in html
    url = reverse("conference:pointer", args=[atelier.conference.slug, atelier.pk, inscrit.pk])
    fragment = client.post(url, {"present": "1"}, headers={"HX-Request": "true"}).content.decode()
    assert fragment.startswith("<tr") and "Présent·e" in fragment
    html = page(client, reverse("conference:emargement", args=[atelier.conference.slug, atelier.pk]))
    assert "1 présent pointé" in html


def test_la_feuille_d_emargement_pdf_liste_les_inscrits(client, atelier, organisateur):
    inscrire(atelier, "Ada", "Lovelace", "ada@exemple.fr")
    client.force_login(organisateur)
    reponse = client.get(reverse("conference:emargement_pdf", args=[atelier.conference.slug, atelier.pk]))
    assert reponse["Content-Type"] == "application/pdf"
    texte = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(reponse.content)).pages)
    assert "Feuille d'émargement" in texte and "LOVELACE" in texte and atelier.intitule in texte


def test_la_feuille_d_emargement_est_refusee_au_public(client, atelier):
    reponse = client.get(reverse("conference:emargement_pdf", args=[atelier.conference.slug, atelier.pk]))
    assert reponse.status_code == 302 and "/comptes/login/" in reponse["Location"]


def test_l_organisateur_declare_un_nombre_de_participants(client, atelier, organisateur):
    client.force_login(organisateur)
    url = reverse("conference:declarer", args=[atelier.conference.slug, atelier.pk])
    html = unescape(client.post(url, {"participants_declares": "-4"}, follow=True).content.decode())
    assert "Nombre de participants invalide" in html
    client.post(url, {"participants_declares": "18"})
    atelier.refresh_from_db()
    assert atelier.nombre_participants() == 18


def formulaire_fiche(participants="25"):
    return {
        "participants": participants,
        "problematique": "Comment coopérer ?",
        "leviers": "Mutualiser",
        "freins": "Le temps",
        "remarques": "",
        "projets-TOTAL_FORMS": "2",
        "projets-INITIAL_FORMS": "0",
        "projets-MIN_NUM_FORMS": "0",
        "projets-MAX_NUM_FORMS": "1000",
        "projets-0-nom": "Le Passage à Niveaux",
        "projets-0-territoire": "Lens",
        "projets-0-lien": "https://exemple.fr/pan",
        "ressources-TOTAL_FORMS": "2",
        "ressources-INITIAL_FORMS": "0",
        "ressources-MIN_NUM_FORMS": "0",
        "ressources-MAX_NUM_FORMS": "1000",
        "ressources-0-titre": "Boîte à Assos",
        "ressources-0-lien": "https://boiteaasso.fr/",
    }


def test_l_organisateur_depose_la_fiche_de_synthese(client, atelier, organisateur):
    client.force_login(organisateur)
    url = reverse("conference:fiche", args=[atelier.conference.slug, atelier.pk])
    assert "Projets inspirants (nom, territoire, lien)" in page(client, url)
    html = unescape(client.post(url, formulaire_fiche(), follow=True).content.decode())
    assert "Fiche de synthèse enregistrée." in html and "Déposée" in html
    fiche = FicheSynthese.objects.get(atelier=atelier)
    assert fiche.participants == 25 and fiche.auteur == organisateur and not fiche.en_retard
    assert (
        fiche.projets.get().territoire == "Lens" and fiche.ressources.get().lien == "https://boiteaasso.fr/"
    )
    assert atelier.nombre_participants() == 25


def test_une_fiche_deposee_apres_l_edition_est_acceptee_et_signalee(client, organisateur, atelier):
    conference = atelier.conference
    conference.annee, conference.date_debut, conference.date_fin = (
        2020,
        datetime.date(2020, 4, 1),
        datetime.date(2020, 12, 31),
    )
    conference.save()
    client.force_login(organisateur)
    html = unescape(
        client.post(
            reverse("conference:fiche", args=[conference.slug, atelier.pk]), formulaire_fiche(), follow=True
        ).content.decode()
    )
    assert "déposée après la fin de l'édition" in html
    # Nothing e-mails the CRESS: the message says what really happens (a visible flag).
    assert "marquée « déposée en retard »" in html and "en est informée" not in html
    assert "(déposée en retard)" in html
    assert FicheSynthese.objects.get().en_retard


def test_une_fiche_sans_nombre_de_participants_est_refusee(client, atelier, organisateur):
    client.force_login(organisateur)
    reponse = client.post(
        reverse("conference:fiche", args=[atelier.conference.slug, atelier.pk]),
        formulaire_fiche(participants=""),
    )
    assert "Ce champ est obligatoire" in unescape(reponse.content.decode())
    assert not FicheSynthese.objects.exists()


def test_une_fiche_validee_n_est_plus_modifiable_par_l_organisateur(client, atelier, organisateur, staff_hdf):
    FicheSynthese.objects.create(atelier=atelier, participants=10, statut=StatutFiche.DEPOSEE)
    client.force_login(staff_hdf)
    html = unescape(client.get(atelier.get_absolute_url()).content.decode())
    assert "Valider la fiche de synthèse" in html
    client.post(reverse("conference:valider_fiche", args=[atelier.conference.slug, atelier.pk]))
    client.force_login(organisateur)
    reponse = client.get(reverse("conference:fiche", args=[atelier.conference.slug, atelier.pk]), follow=True)
    assert "seule l'équipe de la CRESS peut encore la modifier" in unescape(reponse.content.decode())


def test_le_tableau_de_bord_est_ouvert_au_partenaire_mais_pas_au_visiteur(client, atelier, partenaire_hdf):
    url = reverse("conference:tableau_de_bord", args=[atelier.conference.slug])
    client.force_login(partenaire_hdf)
    html = page(client, url)
    assert (
        "Suivi de l'édition" in html
        and atelier.intitule in html
        and "Synthèse : Transition sociale" not in html
    )
    from .factories import utilisateur

    client.force_login(utilisateur())
    assert client.get(url).status_code == 403


def test_le_staff_consolide_une_transition_et_les_enjeux(client, atelier, staff_hdf):
    client.force_login(staff_hdf)
    slug = atelier.conference.slug
    html = page(client, reverse("conference:tableau_de_bord", args=[slug]))
    assert "Synthèse : Transition sociale" in html and "Rapport PDF" in html
    html = page(client, reverse("conference:consolider", args=[slug, "sociale"]))
    assert atelier.intitule in html and "Ateliers ayant abordé cette transition (1)" in html
    html = page(client, reverse("conference:enjeux", args=[slug]))
    assert "Enjeu 1" in html
    client.post(
        reverse("conference:enjeux", args=[slug]),
        {
            "enjeux-TOTAL_FORMS": "1",
            "enjeux-INITIAL_FORMS": "0",
            "enjeux-MIN_NUM_FORMS": "0",
            "enjeux-MAX_NUM_FORMS": "1000",
            "enjeux-0-numero": "1",
            "enjeux-0-titre": "Structurer les coopérations",
            "enjeux-0-texte": "Texte",
            "enjeux-0-exemples": "",
        },
    )
    assert "1 - Structurer les coopérations" in page(client, reverse("conference:rapport", args=[slug]))


def test_une_transition_inconnue_est_introuvable(client, atelier, staff_hdf):
    client.force_login(staff_hdf)
    assert (
        client.get(
            reverse("conference:consolider", args=[atelier.conference.slug, "spirituelle"])
        ).status_code
        == 404
    )


@pytest.mark.parametrize("nom", ["emargement", "fiche", "modifier_atelier"])
def test_les_pages_d_organisation_sont_refusees_a_un_autre_compte(client, atelier, nom):
    from .factories import utilisateur

    client.force_login(utilisateur())
    assert (
        client.get(reverse(f"conference:{nom}", args=[atelier.conference.slug, atelier.pk])).status_code
        == 403
    )


def test_le_module_apparait_dans_la_navigation(client, db):
    assert 'href="/conferences/"' in page(client, "/")


def test_l_admin_des_ateliers_est_limite_a_la_region(client, atelier, staff_hdf, staff_normandie):
    for compte in (staff_hdf, staff_normandie):
        compte.is_staff = True
        compte.save()
    client.force_login(staff_hdf)
    html = page(client, "/admin/conference/atelier/")
    assert atelier.intitule in html
    client.force_login(staff_normandie)
    html = page(client, "/admin/conference/atelier/")
    assert atelier.intitule not in html


def test_l_atelier_se_rattache_aux_fiches_de_l_annuaire(client, atelier, organisateur):
    from essaim.annuaire.enums import StatutStructure
    from essaim.annuaire.models import Structure

    structure = Structure.objects.create(
        nom="Épi'Coop", siret="12345678900011", region_id="32", statut=StatutStructure.PUBLIEE
    )
    client.force_login(organisateur)
    url = reverse("conference:modifier_atelier", args=[atelier.conference.slug, atelier.pk])
    donnees = {
        "intitule": atelier.intitule,
        "organisateurs_libres": "",
        "transitions": ["sociale"],
        "date": f"{atelier.conference.annee}-07-02",
        "precision_date": "jour",
        "format": "visio",
        "structures_annuaire": "Inconnue SARL",
    }
    html = unescape(client.post(url, donnees).content.decode())
    assert "Structure(s) introuvable(s) dans l'annuaire : « Inconnue SARL »" in html
    client.post(url, {**donnees, "structures_annuaire": "epi'coop"})
    atelier.refresh_from_db()
    assert list(atelier.structures.all()) == [structure]
    assert atelier.liste_organisateurs() == ["Épi'Coop"]
    client.post(url, {**donnees, "structures_annuaire": "12345678900011", "organisateurs_libres": "EPI'COOP"})
    atelier.refresh_from_db()
    assert atelier.liste_organisateurs() == ["EPI'COOP"]  # the same organiser is not listed twice


def test_les_cartes_des_editions_montrent_leurs_dates(client, db):
    edition = ConferenceFactory(
        titre="Conférence 2031", date_debut=datetime.date(2031, 4, 1), date_fin=datetime.date(2031, 12, 31)
    )
    contenu = page(client, "/conferences/")
    assert "Conférence 2031" in contenu
    assert f"Du 1er avril 2031 au 31 décembre 2031 · {edition.region.nom}" in contenu


def test_deux_ateliers_de_meme_intitule_se_distinguent(client, conference):
    lille = AtelierFactory(
        conference=conference,
        intitule="Fresque du climat",
        organisateurs_libres="APES",
        date=datetime.date(conference.annee, 5, 4),
    )
    arras = AtelierFactory(
        conference=conference,
        intitule="Fresque du climat",
        organisateurs_libres="Ressourcerie d'Arras",
        date=datetime.date(conference.annee, 6, 9),
        commune=Commune.objects.get(code="62041"),
    )
    assert str(lille) != str(arras)
    assert str(lille) == f"Fresque du climat (04/05/{conference.annee}, APES)"
    titre_lille = page(client, lille.get_absolute_url()).split("<title>")[1].split("</title>")[0]
    titre_arras = page(client, arras.get_absolute_url()).split("<title>")[1].split("</title>")[0]
    assert titre_lille.startswith(f"Fresque du climat — 4 mai {conference.annee} — Lille (59)")
    assert titre_arras.startswith(f"Fresque du climat — 9 juin {conference.annee} — Arras (62)")
    agenda = page(client, f"/conferences/{conference.slug}/ateliers/")
    assert "APES" in agenda and "Ressourcerie d'Arras" in agenda
