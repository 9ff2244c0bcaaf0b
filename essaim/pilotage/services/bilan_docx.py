"""DOCX rendering of the yearly review context (same content as the HTML/PDF)."""

import io

from docx import Document
from docx.shared import Cm, Pt

from essaim.commun import graphiques


def _valeur(v, unite="") -> str:
    if v is None:
        return "—"
    return f"{graphiques.nombre(_simple(v))} {unite}".strip()


def _simple(v):
    try:
        return int(v) if v == int(v) else float(v)
    except (TypeError, ValueError):
        return v


def _nom(personne) -> str:
    return personne.get_full_name() or personne.email


def _tableau(document, entetes, lignes):
    table = document.add_table(rows=1, cols=len(entetes))
    table.style = "Table Grid"
    for cellule, texte in zip(table.rows[0].cells, entetes, strict=True):
        cellule.text = texte
    for ligne in lignes:
        for cellule, texte in zip(table.add_row().cells, ligne, strict=True):
            cellule.text = str(texte)
    return table


def ecrire_docx(ctx) -> Document:
    plan, annee = ctx["plan"], ctx["annee"]
    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10.5)
    document.core_properties.title = f"Bilan {annee} — {plan.titre}"
    document.core_properties.language = "fr-FR"

    document.add_paragraph(f"{plan.region.nom} — plan {plan.periode}")
    document.add_heading(f"Bilan {annee} : {plan.titre}", level=0)
    if plan.ambition:
        document.add_paragraph(plan.ambition)
    document.add_heading("Synthèse", level=1)
    document.add_paragraph(
        f"Objectifs suivis : {ctx['nombre_objectifs']} ; indicateurs : {ctx['nombre_indicateurs']}."
    )
    document.add_picture(
        io.BytesIO(graphiques.barres_png(f"Objectifs par statut en {annee}", ctx["statuts"])), width=Cm(15)
    )
    _tableau(document, ["Statut", "Objectifs"], ctx["statuts"])

    for titre_section, blocs in (
        ("Priorités", ctx["priorites"]),
        ("Conditions transversales", ctx["conditions"]),
    ):
        if not blocs:
            continue
        document.add_heading(titre_section, level=1)
        for bloc in blocs:
            document.add_heading(bloc["priorite"].titre, level=2)
            for o in bloc["objectifs"]:
                objectif = o["objectif"]
                document.add_heading(objectif.titre, level=3)
                document.add_paragraph(
                    f"Statut : {objectif.get_statut_display()} — type : {objectif.get_type_display().lower()}"
                    + (f" — responsable : {_nom(objectif.responsable)}" if objectif.responsable else "")
                )
                if o["indicateurs"]:
                    _tableau(
                        document,
                        ["Indicateur", f"Valeur {annee}", "Cible", "Progression", "Série"],
                        [
                            [
                                f"{ligne.indicateur.libelle} ({ligne.indicateur.code})",
                                _valeur(ligne.valeur_annee, ligne.indicateur.unite),
                                _valeur(ligne.indicateur.cible, ligne.indicateur.unite),
                                f"{ligne.pourcentage} %" if ligne.pourcentage is not None else "—",
                                " ; ".join(f"{p} : {_valeur(v)}" for p, v in ligne.serie) or "—",
                            ]
                            for ligne in o["indicateurs"]
                        ],
                    )
                for note in o["notes"]:
                    document.add_paragraph(
                        f"{note.date:%d/%m/%Y} ({note.periode}) : {note.texte}", style="List Bullet"
                    )
                for action in o["actions"]:
                    document.add_paragraph(
                        f"Action : {action.titre} ({action.get_statut_display().lower()})",
                        style="List Bullet",
                    )
    if ctx["actions"]:
        document.add_heading(f"Actions menées en {annee}", level=1)
        _tableau(
            document,
            ["Action", "Statut", "Livrables"],
            [
                [a.titre, a.get_statut_display(), ", ".join(a.liste_livrables()) or "—"]
                for a in ctx["actions"]
            ],
        )
    return document
