"""Dependency graph between Essaim's Django apps, computed from the source.

An edge ``a -> b`` means that code of app ``a`` (outside its tests, benchmarks and
migrations) imports a module of app ``b`` (at module level or inside a function) or asks
for one of its models with ``apps.get_model("b", ...)``. ``commun/tests/test_dependances.py``
asserts the graph has no cycle and that docs/architecture.md shows it.

    python scripts/graphe_applications.py            # prints the edges and the Mermaid block
"""

import ast
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
PAQUET = RACINE / "essaim"
IGNORES = {"tests", "bench", "migrations"}


def applications() -> list[str]:
    return sorted(p.parent.name for p in PAQUET.glob("*/apps.py"))


def _app_du_module(module: str, apps: set[str]) -> str | None:
    parties = module.split(".")
    if len(parties) >= 2 and parties[0] == "essaim" and parties[1] in apps:
        return parties[1]
    return None


def _modules_importes(fichier: Path, arbre: ast.AST) -> set[str]:
    paquet = ".".join(fichier.relative_to(RACINE).with_suffix("").parts[:-1])
    modules = set()
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            modules.update(alias.name for alias in noeud.names)
        elif isinstance(noeud, ast.ImportFrom):
            if noeud.level:
                base = paquet.split(".")
                base = base[: len(base) - noeud.level + 1]
                module = ".".join(base + ([noeud.module] if noeud.module else []))
            else:
                module = noeud.module or ""
            modules.add(module)
            # ``from essaim import annuaire`` imports the app itself.
            modules.update(f"{module}.{alias.name}" for alias in noeud.names)
        elif isinstance(noeud, ast.Call):
            fonction = noeud.func
            nom = fonction.attr if isinstance(fonction, ast.Attribute) else getattr(fonction, "id", "")
            if nom == "get_model" and noeud.args and isinstance(noeud.args[0], ast.Constant):
                etiquette = str(noeud.args[0].value).split(".")[0]
                modules.add(f"essaim.{etiquette}")
    return modules


def importations():
    """(app, file, imported module) for every import of the apps' code (tests, benchmarks
    and migrations left out)."""
    for app in applications():
        for fichier in sorted((PAQUET / app).rglob("*.py")):
            if IGNORES & set(fichier.relative_to(PAQUET / app).parts):
                continue
            arbre = ast.parse(fichier.read_text(encoding="utf-8"), filename=str(fichier))
            for module in sorted(_modules_importes(fichier, arbre)):
                yield app, fichier, module


def aretes() -> dict[str, set[str]]:
    apps = set(applications())
    graphe: dict[str, set[str]] = {app: set() for app in apps}
    for app, _fichier, module in importations():
        cible = _app_du_module(module, apps)
        if cible and cible != app:
            graphe[app].add(cible)
    return graphe


def cycles(graphe: dict[str, set[str]]) -> list[list[str]]:
    """Every elementary cycle found by depth-first search (small graph: a dozen apps)."""
    trouves, vus = [], set()

    def visiter(chemin: list[str]):
        for suivant in sorted(graphe[chemin[-1]]):
            if suivant == chemin[0]:
                cycle = chemin[:]
                cle = frozenset(cycle)
                if cle not in vus:
                    vus.add(cle)
                    trouves.append(cycle + [chemin[0]])
            elif suivant not in chemin and suivant > chemin[0]:
                visiter(chemin + [suivant])

    for depart in sorted(graphe):
        visiter([depart])
    return trouves


def mermaid(graphe: dict[str, set[str]]) -> str:
    lignes = ["```mermaid", "graph BT"]
    for app in sorted(graphe):
        for cible in sorted(graphe[app]):
            lignes.append(f"  {app} --> {cible}")
    lignes.append("```")
    return "\n".join(lignes)


if __name__ == "__main__":
    graphe = aretes()
    for app in sorted(graphe):
        print(f"{app}: {', '.join(sorted(graphe[app])) or '-'}")
    for cycle in cycles(graphe):
        print("CYCLE:", " -> ".join(cycle), file=sys.stderr)
    print()
    print(mermaid(graphe))
