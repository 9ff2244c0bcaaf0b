"""The région scope as a class, not instances: every admin a chargé·e de mission reaches is
scoped, every foreign key it offers towards a région-scoped model is limited, and background
work is readable only by whoever may act on its région."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from essaim.commun.admin import AdminPerimetreRegional, ChoixDansLePerimetre
from essaim.commun.models import Travail
from essaim.commun.permissions import filtrer_par_region, objets_gerables
from essaim.commun.rules import travaux_visibles
from essaim.comptes.enums import Role
from essaim.comptes.tests.factories import UtilisateurFactory, administrateur, charge_de_mission, partenaire
from essaim.territoires.models import Departement

pytestmark = pytest.mark.django_db


def _requete(user):
    requete = RequestFactory().get("/admin/")
    requete.user = user
    return requete


def _est_regional(modele):
    return isinstance(getattr(modele, "region_code", None), property) or modele._meta.label in (
        "commun.Travail",
    )


def test_toute_administration_ouverte_au_staff_regional_est_perimetree():
    """A ModelAdmin a chargé·e de mission reaches, on a model that has a région, is an
    AdminPerimetreRegional whose scope is declared beside the rules (@perimetre_de)."""
    requete = _requete(charge_de_mission("28"))
    for modele, modele_admin in admin.site._registry.items():
        if not modele_admin.has_module_permission(requete) or not _est_regional(modele):
            continue
        assert isinstance(modele_admin, AdminPerimetreRegional), modele._meta.label
        assert objets_gerables(requete.user, modele) is not None, modele._meta.label


def test_toute_cle_etrangere_vers_un_modele_regional_est_limitee():
    """Each foreign key or many-to-many field of a scoped admin (and of its inlines) pointing
    at a région-scoped model gets the scoped choices: the out-of-scope rows are absent."""
    requete = _requete(charge_de_mission("28"))
    verifies = 0
    for modele, modele_admin in admin.site._registry.items():
        if not isinstance(modele_admin, AdminPerimetreRegional):
            continue
        inlines = [inline(modele, admin.site) for inline in modele_admin.inlines]
        for composant in [modele_admin, *inlines]:
            assert isinstance(composant, ChoixDansLePerimetre), composant
            for champ in composant.model._meta.get_fields():
                if not (champ.is_relation and champ.concrete and (champ.many_to_one or champ.many_to_many)):
                    continue
                if objets_gerables(requete.user, champ.related_model) is None:
                    continue
                formfield = composant.formfield_for_dbfield(champ, requete)
                if formfield is None:
                    continue
                assert not formfield.queryset.exclude(
                    pk__in=objets_gerables(requete.user, champ.related_model).values("pk")
                ).exists(), f"{composant.model._meta.label}.{champ.name}"
                verifies += 1
    assert verifies >= 15, verifies


LECTEURS = {
    "createur": True,
    "charge_de_la_region": True,
    "administrateur": True,
    "charge_d_une_autre_region": False,
    "partenaire_de_la_region": False,
    "visiteur": False,
    "anonyme": False,
}


@pytest.mark.parametrize("lecteur", sorted(LECTEURS))
def test_un_travail_est_lisible_par_qui_peut_agir_sur_sa_region(client, lecteur):
    createur = charge_de_mission("32")
    travail = Travail.objects.create(nature="x.y", libelle="Import HdF", cree_par=createur, region_code="32")
    sans_region = Travail.objects.create(nature="x.y", libelle="Import national", cree_par=createur)
    comptes = {
        "createur": lambda: createur,
        "charge_de_la_region": lambda: charge_de_mission("32"),
        "administrateur": administrateur,
        "charge_d_une_autre_region": lambda: charge_de_mission("28"),
        "partenaire_de_la_region": lambda: partenaire("32"),
        "visiteur": lambda: UtilisateurFactory(role=Role.VISITEUR),
        "anonyme": AnonymousUser,
    }
    user = comptes[lecteur]()
    attendu = LECTEURS[lecteur]
    assert user.has_perm("commun.voir_travail", travail) is attendu
    assert (travail in travaux_visibles(user)) is attendu
    # Work without a région: its creator and administrators only.
    assert (sans_region in travaux_visibles(user)) is (lecteur in ("createur", "administrateur"))
    if user.is_authenticated:
        client.force_login(user)
        reponse = client.get(f"/taches/{travail.pk}/")
        assert reponse.status_code == (200 if attendu else 403)
        if attendu:
            assert "Import HdF" in reponse.content.decode()


@pytest.mark.parametrize(
    ("compte", "lecture", "attendus"),
    [
        (lambda: charge_de_mission("32"), False, {"02", "59", "60", "62", "80"}),
        (
            lambda: charge_de_mission("28", "32"),
            False,
            {"02", "59", "60", "62", "80", "14", "27", "50", "61", "76"},
        ),
        (lambda: partenaire("32"), False, set()),
        (lambda: partenaire("32"), True, {"02", "59", "60", "62", "80"}),
        (lambda: UtilisateurFactory(role=Role.GESTIONNAIRE), True, set()),
        (AnonymousUser, True, set()),
    ],
)
def test_filtrer_par_region(compte, lecture, attendus):
    qs = filtrer_par_region(Departement.objects.all(), compte(), "region", lecture=lecture)
    assert set(qs.values_list("code", flat=True)) == attendus


def test_filtrer_par_region_laisse_tout_a_l_administrateur():
    assert (
        filtrer_par_region(Departement.objects.all(), administrateur()).count() == Departement.objects.count()
    )


def test_l_enregistrement_refuse_un_objet_hors_perimetre():
    """Behind the limited choices, save_model never writes an object of another région."""
    from django.core.exceptions import PermissionDenied

    from essaim.annuaire.models import ReglageRegion

    modele_admin = admin.site._registry[ReglageRegion]
    requete = _requete(charge_de_mission("28"))
    with pytest.raises(PermissionDenied):
        modele_admin.save_model(requete, ReglageRegion(region_id="32"), None, False)
    assert not ReglageRegion.objects.exists()
    modele_admin.save_model(requete, ReglageRegion(region_id="28"), None, False)
    modele_admin.save_model(_requete(administrateur()), ReglageRegion(region_id="32"), None, False)
    assert set(ReglageRegion.objects.values_list("region_id", flat=True)) == {"28", "32"}
