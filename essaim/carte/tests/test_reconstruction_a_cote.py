"""SQLite rebuild beside the live index: short transactions, swap, replay, clean-up."""

import pytest
from django.db import connection

from essaim.carte.models import PointCarte
from essaim.carte.recherche import moteur
from essaim.carte.services import echange
from essaim.carte.services.reconstruction import reconstruire
from essaim.commun.flux import travail_de_masse

from .factories import structure

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="SQLite seulement (PostgreSQL : une transaction)"
    ),
]


def _tables_et_index() -> dict[str, str]:
    with connection.cursor() as c:
        c.execute(
            "SELECT name, tbl_name FROM sqlite_master "
            "WHERE name LIKE 'carte_%' AND type IN ('table', 'index')"
        )
        return dict(c.fetchall())


@pytest.fixture
def annuaire(vocabulaires):
    return [structure(f"Recyclerie {i}", themes=["seconde-vie-produits"]) for i in range(5)] + [
        structure("Énergies Citoyennes", themes=["energie"], famille="cooperative")
    ]


def test_la_reconstruction_remplace_l_index_et_ne_laisse_aucune_table_de_cote(annuaire, client):
    PointCarte.objects.filter(pk=annuaire[0].pk).update(nom="Périmé")  # the rebuild fixes it
    assert reconstruire() == 6
    assert PointCarte.objects.get(pk=annuaire[0].pk).nom == "Recyclerie 0"
    assert not [t for t in _tables_et_index().values() if t.endswith((echange.NEUF, echange.VIEUX))]
    # Full text, typo tolerance and aggregates come from the swapped-in tables.
    reponse = client.get("/api/v1/structures/", {"q": "energies"})
    assert [r["nom"] for r in reponse.json()["results"]] == ["Énergies Citoyennes"]
    assert moteur().corriger("recyclrie") == ["recyclerie"]
    with connection.cursor() as c:
        c.execute("SELECT nombre FROM carte_comptefacette WHERE cle_filtre = '' AND cle_facette = ''")
        assert c.fetchone()[0] == 6


def test_une_fiche_modifiee_pendant_la_reconstruction_est_rattrapee_apres_l_echange(annuaire):
    with connection.cursor() as c:
        depart = echange.preparer(c)
        # The side tables are built from what was read; this edit lands in the live tables.
        annuaire[5].nom = "Énergies Citoyennes du Nord"
        annuaire[5].save()
        changees = echange.echanger(c, depart)
        assert changees == [annuaire[5].pk]
        echange.rattraper(changees)
        echange.supprimer(c, echange.VIEUX)
    assert list(PointCarte.objects.values_list("nom", flat=True)) == ["Énergies Citoyennes du Nord"]
    with connection.cursor() as c:
        c.execute("SELECT rowid FROM carte_recherche WHERE carte_recherche MATCH 'nord'")
        assert [r[0] for r in c.fetchall()] == [annuaire[5].pk]


def test_les_noms_d_index_alternent_puis_reprennent_ceux_du_modele_avant_migrate(annuaire):
    attendus = {index.name for index in PointCarte._meta.indexes}
    reconstruire()
    noms = {n for n, t in _tables_et_index().items() if t == "carte_pointcarte"}
    assert {f"{n}{echange.NEUF}" for n in attendus} <= noms
    reconstruire()
    noms = {n for n, t in _tables_et_index().items() if t == "carte_pointcarte"}
    assert attendus <= noms
    reconstruire()
    with connection.cursor() as c:
        assert echange.normaliser_noms_index(c) >= len(attendus)
    noms = {n for n, t in _tables_et_index().items() if t == "carte_pointcarte"}
    assert attendus <= noms and not [n for n in noms if n.endswith(echange.NEUF)]


def test_chaque_transaction_d_ecriture_est_mesuree(annuaire):
    with travail_de_masse("essai") as travail:
        reconstruire()
    assert travail.transactions > 10
    assert 0 < travail.plus_longue < 1
