"""Past the 62nd code of a dimension (issue 14): the masks keep 62 bits of their own and a
shared overflow bit; a theme past it still filters, counts and maps exactly."""

import pytest

from essaim.annuaire.models import Structure, Theme
from essaim.carte.models import CodeBit
from essaim.carte.services import codes
from essaim.carte.services.reconstruction import reconstruire

from .factories import structure

pytestmark = pytest.mark.django_db

FRANCE = "bbox=-5.5,41,10,51.5&zoom=5"


@pytest.fixture
def annuaire(vocabulaires):
    for i in range(60):
        Theme.objects.create(code=f"theme-{i:03d}", libelle=f"Thème {i:03d}")
    reconstruire()  # bits for every code, in code order: 13 reference themes, then theme-000…
    fiches = {
        "A": structure("Recyclerie Alpha", themes=["theme-049"]),
        "B": structure("Recyclerie Bravo", themes=["theme-050"]),
        "C": structure("Recyclerie Charlie", themes=["theme-051"]),
        "D": structure("Recyclerie Delta", themes=["energie"]),
    }
    return fiches


def noms(client, requete):
    return sorted(s["nom"].split()[1] for s in client.get(f"/api/v1/structures/?{requete}").json()["results"])


def test_les_codes_au_dela_du_62e_ont_un_numero_et_partagent_le_bit_de_debordement(annuaire):
    numeros = dict(CodeBit.objects.filter(dimension="theme").values_list("code", "bit"))
    assert len(numeros) == 73
    assert (numeros["theme-048"], numeros["theme-049"], numeros["theme-050"]) == (61, 62, 63)
    assert codes.masque("theme", ["theme-049"]) == codes.masque("theme", ["theme-059"]) == 1 << 62


def test_un_theme_au_dela_du_62e_filtre_exactement(client, annuaire):
    assert noms(client, "theme=theme-050") == ["Bravo"]
    assert noms(client, "theme=theme-049&theme=energie") == ["Alpha", "Delta"]
    assert noms(client, "q=recyclerie&theme=theme-051") == ["Charlie"]  # in-memory columns
    assert noms(client, "theme=theme-059") == []  # a valid code nobody carries


def test_facettes_et_carte_comptent_exactement_au_dela_du_62e(client, annuaire):
    facettes = client.get("/api/v1/structures/facettes/?q=recyclerie").json()["facettes"]["theme"]
    comptes = {f["valeur"]: f["count"] for f in facettes}
    assert {k: comptes[k] for k in ("theme-049", "theme-050", "theme-051", "energie")} == {
        "theme-049": 1,
        "theme-050": 1,
        "theme-051": 1,
        "energie": 1,
    }
    directes = client.get(
        "/api/v1/structures/facettes/?famille=association&theme=theme-050&departement=59"
    ).json()
    assert directes["count"] == len(noms(client, "famille=association&theme=theme-050&departement=59"))
    carte = client.get(f"/api/v1/carte/?{FRANCE}&theme=theme-050").json()
    assert sum(f["properties"].get("count", 1) for f in carte["features"]) == 1


def test_un_nouveau_code_donne_en_cours_de_route_au_dela_du_62e(client, annuaire):
    alpha = Structure.objects.get(pk=annuaire["A"].pk)
    Theme.objects.create(code="theme-zz", libelle="Thème tardif")
    alpha.themes.add(Theme.objects.get(code="theme-zz"))
    assert CodeBit.objects.get(dimension="theme", code="theme-zz").bit == 73
    assert noms(client, "theme=theme-zz") == ["Alpha"]
    assert noms(client, "q=recyclerie&theme=theme-zz") == ["Alpha"]
