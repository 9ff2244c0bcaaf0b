"""The apps depend on each other without cycles, the map's internals stay behind its public
interface, and docs/architecture.md shows the graph computed from the source."""

import ast
import importlib.util
from pathlib import Path

RACINE = Path(__file__).resolve().parents[3]
_SCRIPT = RACINE / "scripts" / "graphe_applications.py"
_spec = importlib.util.spec_from_file_location("graphe_applications", _SCRIPT)
graphe_applications = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(graphe_applications)


def test_aucun_cycle_entre_applications():
    graphe = graphe_applications.aretes()
    assert graphe["commun"] == set()  # commun is the floor: it imports no other app
    assert "carte" not in graphe["annuaire"]
    assert graphe_applications.cycles(graphe) == []


def test_le_detecteur_voit_un_cycle_et_les_imports_dans_les_fonctions(tmp_path):
    assert graphe_applications.cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    fichier = RACINE / "essaim/annuaire/services/exemple.py"
    source = (
        "def f():\n    from essaim.carte import lecture\n\n"
        "def g(apps):\n    return apps.get_model('observatoire', 'Indicateur')\n"
    )
    modules = graphe_applications._modules_importes(fichier, ast.parse(source))
    assert {"essaim.carte.lecture", "essaim.observatoire"} <= modules


def test_hors_de_la_carte_on_ne_lit_que_son_interface_publique():
    """Pages, API and open data outside ``carte`` go through ``carte.lecture`` (or its URLs,
    views and models), never through ``carte.services`` or ``carte.recherche``."""
    privees = ("essaim.carte.services", "essaim.carte.recherche", "essaim.carte.api")
    fautifs = [
        f"{fichier.relative_to(RACINE)} → {module}"
        for app, fichier, module in graphe_applications.importations()
        if app != "carte" and module.startswith(privees)
    ]
    assert fautifs == []


def test_l_architecture_montre_le_graphe_reel():
    texte = (RACINE / "docs/architecture.md").read_text(encoding="utf-8")
    attendu = graphe_applications.mermaid(graphe_applications.aretes())
    assert attendu in texte, "Regenerate with: python scripts/graphe_applications.py"
