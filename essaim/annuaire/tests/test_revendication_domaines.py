"""Ownership claims auto-approve only on the website's registrable domain (issue 13 §2.4)."""

import pytest
from allauth.account.models import EmailAddress

from ..enums import StatutDemande
from ..models import Revendication
from ..services.revendications import domaine_correspond, domaine_enregistrable
from .factories import StructureFactory, UtilisateurFactory

pytestmark = pytest.mark.django_db

# (claimant's e-mail, record's website, auto-approved?)
TABLE = [
    # the registrable domain itself, or the website on one of its subdomains
    ("direction@recyclerie-lille.fr", "https://www.recyclerie-lille.fr", True),
    ("direction@recyclerie-lille.fr", "recyclerie-lille.fr", True),
    ("direction@recyclerie-lille.fr", "https://boutique.recyclerie-lille.fr/page", True),
    ("Direction@Recyclerie-Lille.FR", "HTTPS://WWW.RECYCLERIE-LILLE.FR", True),
    ("contact@jardins.asso.fr", "https://www.jardins.asso.fr", True),  # asso.fr is a public suffix
    ("contact@cafe.co.uk", "http://cafe.co.uk", True),
    ("contact@épicerie-solidaire.fr", "https://xn--picerie-solidaire-9sb.fr", True),  # IDN
    # another domain, a parent, a sibling or a subdomain of the address
    ("direction@recyclerie-lille.fr", "https://www.recyclerie-roubaix.fr", False),
    ("contact@lille.recyclerie.fr", "https://recyclerie.fr", False),
    ("contact@asso.fr", "https://www.jardins.asso.fr", False),  # a public suffix owns nothing
    ("contact@autre.asso.fr", "https://www.jardins.asso.fr", False),
    ("contact@fr", "https://www.recyclerie-lille.fr", False),
    ("direction@evil-recyclerie-lille.fr", "https://recyclerie-lille.fr", False),
    ("direction@recyclerie-lille.fr.evil.com", "https://recyclerie-lille.fr", False),
    # free-mail and providers' mailboxes, even on the provider's own pages
    ("benevole@gmail.com", "https://www.recyclerie-lille.fr", False),
    ("asso@free.fr", "http://monasso.free.fr", False),
    ("asso@orange.fr", "https://orange.fr", False),
    ("asso@wanadoo.fr", "http://perso.wanadoo.fr/asso", False),
    ("asso@laposte.net", "https://laposte.net", False),
    ("asso@hotmail.fr", "https://hotmail.fr", False),
    ("asso@outlook.fr", "https://outlook.fr", False),
    ("asso@yahoo.fr", "https://yahoo.fr", False),
    ("asso@sfr.fr", "http://asso.perso.sfr.fr", False),
    # hosting platforms: the platform's staff owns none of the sites it hosts
    ("employe@wordpress.com", "https://asso.wordpress.com", False),
    ("employe@github.io", "https://x.github.io", False),
    ("employe@github.com", "https://x.github.io", False),
    ("asso@x.github.io", "https://x.github.io", False),
    ("employe@wixsite.com", "https://asso.wixsite.com/site", False),
    ("employe@helloasso.com", "https://www.helloasso.com/associations/asso", False),
    # names outside the Public Suffix List: no registrable domain, no proof
    ("admin@essaim.local", "https://x.essaim.local", False),
    ("admin@essaim.local", "https://essaim.local", False),
    ("admin@exemple.test", "https://exemple.test", False),
    ("admin@192.168.1.10", "http://192.168.1.10", False),
    ("admin@localhost", "http://localhost:8000", False),
    # nothing to compare
    ("direction@recyclerie-lille.fr", "", False),
    ("", "https://www.recyclerie-lille.fr", False),
    ("sans-arobase", "https://www.recyclerie-lille.fr", False),
    ("x@recyclerie-lille.fr", "https://[::1]/", False),
    ("x@recyclerie-lille.fr", "https://exa mple.fr/", False),
]


@pytest.mark.parametrize(("email", "site", "attendu"), TABLE, ids=[f"{e} → {s or '∅'}" for e, s, _ in TABLE])
def test_domain_table(email, site, attendu):
    assert domaine_correspond(email, site) is attendu


def test_the_bundled_suffix_list_is_used_without_network():
    # pytest-socket blocks the network: these answers come from the bundled snapshot.
    assert domaine_enregistrable("x.github.io") == "x.github.io"
    assert domaine_enregistrable("www.jardins.asso.fr") == "jardins.asso.fr"
    assert domaine_enregistrable("x.essaim.local") is None


def _demandeur(email, verifiee=True):
    compte = UtilisateurFactory(email=email)
    EmailAddress.objects.create(user=compte, email=email, verified=verifiee, primary=True)
    return compte


def test_a_claim_through_the_site_auto_approves_on_the_registrable_domain(client):
    fiche = StructureFactory(site_web="https://boutique.recyclerie-lille.fr")
    client.force_login(_demandeur("direction@recyclerie-lille.fr"))
    reponse = client.post(f"/annuaire/{fiche.slug}/revendiquer/", {"fonction": "Directrice"}, follow=True)
    assert "vous gérez désormais cette fiche" in reponse.content.decode()
    assert Revendication.objects.get().auto_approuvee


@pytest.mark.parametrize(
    ("email", "site", "verifiee"),
    [
        ("admin@essaim.local", "https://x.essaim.local", True),
        ("employe@wordpress.com", "https://asso.wordpress.com", True),
        ("asso@free.fr", "http://monasso.free.fr", True),
        ("direction@recyclerie-lille.fr", "https://www.recyclerie-lille.fr", False),  # unverified
    ],
)
def test_otherwise_the_claim_waits_for_the_cresss_team(client, email, site, verifiee):
    fiche = StructureFactory(site_web=site)
    demandeur = _demandeur(email, verifiee)
    client.force_login(demandeur)
    reponse = client.post(f"/annuaire/{fiche.slug}/revendiquer/", {"fonction": "Bénévole"}, follow=True)
    assert "transmise à l&#x27;équipe" in reponse.content.decode()
    demande = Revendication.objects.get()
    assert demande.statut == StatutDemande.EN_ATTENTE and not demande.auto_approuvee
    assert not fiche.est_gere_par(demandeur)
