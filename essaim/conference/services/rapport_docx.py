"""DOCX rendering of the report context (same content as the HTML/PDF)."""

import io

from django.utils import formats
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from . import graphiques

HEURE = "H\\hi"  # 09h30, as in the PDF


def _paragraphes(document, texte: str):
    for bloc in (texte or "").split("\n"):
        if bloc.strip():
            style = "List Bullet" if bloc.lstrip().startswith(("- ", "• ")) else None
            document.add_paragraph(bloc.strip().lstrip("-• ").strip() if style else bloc.strip(), style=style)


def _liste(document, elements):
    for element in elements:
        document.add_paragraph(str(element), style="List Bullet")


def _champ(paragraphe, instruction: str, resultat: str = ""):
    """A Word field (TOC, PAGE, NUMPAGES) in the paragraph, with its text until it is updated."""
    for balise, texte in (("begin", None), (None, instruction), ("separate", None), ("texte", resultat)):
        run = paragraphe.add_run()
        if balise == "texte":
            run.text = texte
            continue
        if balise:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), balise)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {texte} "
        run._r.append(element)
    fin = OxmlElement("w:fldChar")
    fin.set(qn("w:fldCharType"), "end")
    paragraphe.add_run()._r.append(fin)


def _champ_sommaire(document):
    """A real Word TOC field (headings 1-2, links), filled in when the document is opened
    (``updateFields`` in the settings), followed by a plain list for other readers."""
    _champ(
        document.add_paragraph(),
        'TOC \\o "1-2" \\h \\z \\u',
        "Sommaire : mettez à jour le champ (clic droit, « Mettre à jour le champ »).",
    )
    reglages = document.settings.element
    if reglages.find(qn("w:updateFields")) is None:
        maj = OxmlElement("w:updateFields")
        maj.set(qn("w:val"), "true")
        reglages.append(maj)


def _mise_en_page(document):
    """A4, 2 cm margins, "page n / N" centred in the footer of every page."""
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
        pied = section.footer.paragraphs[0]
        pied.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pied.add_run("Page ")
        _champ(pied, "PAGE", "1")
        pied.add_run(" / ")
        _champ(pied, "NUMPAGES", "1")


def _date_evenement(ev) -> str:
    """As in the PDF: "samedi 1 avril 2023, de 09h30 à 12h30, Lieu (Commune)."."""
    texte = formats.date_format(ev.date, "l j F Y")
    if ev.heure_debut:
        texte += f", de {formats.time_format(ev.heure_debut, HEURE)}"
        if ev.heure_fin:
            texte += f" à {formats.time_format(ev.heure_fin, HEURE)}"
    if ev.lieu:
        texte += f", {ev.lieu}"
    if ev.commune:
        texte += f" ({ev.commune.nom})"
    return texte + "."


def _saut(document):
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def ecrire_docx(ctx) -> Document:
    conference, chiffres = ctx["conference"], ctx["chiffres"]
    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10.5)
    document.core_properties.title = conference.titre
    document.core_properties.language = "fr-FR"
    _mise_en_page(document)

    # Cover
    identite = ctx.get("identite")
    if identite:
        document.add_paragraph().add_run(identite["nom"]).bold = True
    document.add_paragraph(f"{conference.region.nom} — {conference.annee}")
    document.add_heading(conference.titre, level=0)
    if conference.theme:
        document.add_paragraph(f"« {conference.theme} »")
    document.add_paragraph(
        "Synthèse des ateliers de la conférence régionale de l'économie sociale et solidaire."
    )
    if conference.liste_co_organisateurs():
        document.add_paragraph("Co-organisée par : " + ", ".join(conference.liste_co_organisateurs()) + ".")
    if identite and identite["partenaires"]:
        document.add_paragraph("Avec le soutien de : " + ", ".join(identite["partenaires"]) + ".")
    _saut(document)

    document.add_heading("Sommaire", level=1)
    _champ_sommaire(document)
    for numero, (_ancre, titre) in enumerate(ctx["sections"], start=1):
        document.add_paragraph(f"{numero}. {titre}")
    _saut(document)

    document.add_heading("1. Présentation de la conférence", level=1)
    _paragraphes(document, conference.presentation)
    document.add_heading("Les transitions", level=2)
    _liste(document, [f"{s['libelle']} : {s['transition'].question}" for s in ctx["syntheses"]])
    if ctx["dates_cles"]:
        document.add_heading("Les dates clés", level=2)
        _liste(document, [f"{formats.date_format(d.date, 'j F Y')} : {d.libelle}" for d in ctx["dates_cles"]])
    for ev in ctx["evenements"]:
        document.add_heading(f"{ev.get_type_display()} : {ev.titre}", level=2)
        document.add_paragraph(_date_evenement(ev)[0].upper() + _date_evenement(ev)[1:])
        if ev.animation:
            document.add_paragraph(f"Animation : {ev.animation}")
        _paragraphes(document, ev.description)
        for seq in ev.programme.all():
            document.add_heading(seq.titre, level=3)
            _paragraphes(document, seq.description)
            _liste(document, seq.liste_intervenants())
    if ctx["comite"]:
        document.add_heading("Le comité de partenariat", level=2)
        _liste(
            document,
            [f"{m.organisation} : {m.personnes}" if m.personnes else m.organisation for m in ctx["comite"]],
        )

    _saut(document)
    document.add_heading("2. Données clés sur les ateliers", level=1)
    _liste(
        document,
        [
            f"{chiffres['ateliers']} ateliers",
            f"{chiffres['participants']} participants",
            f"{str(chiffres['moyenne_participants']).replace('.', ',')} participants en moyenne par atelier",
            f"{chiffres['organisateurs']} structures organisatrices",
        ],
    )
    document.add_paragraph(ctx["phrase_participants"])
    document.add_heading("Les structures organisatrices", level=2)
    document.add_paragraph(", ".join(ctx["organisateurs"]) + ".")
    for graphe in ctx["graphes"]:
        document.add_heading(graphe["titre"], level=2)
        document.add_picture(
            io.BytesIO(graphiques.barres_png(graphe["titre"], graphe["donnees"])), width=Cm(15)
        )
        table = document.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = graphe["entete"], "Ateliers"
        for libelle, n in graphe["donnees"]:
            cellules = table.add_row().cells
            cellules[0].text, cellules[1].text = libelle, str(n)

    _saut(document)
    document.add_heading("3. La liste des ateliers", level=1)
    for groupe in ctx["ateliers_par_mois"]:
        document.add_heading(groupe["mois"], level=2)
        for ligne in groupe["lignes"]:
            p = document.add_paragraph()
            p.add_run(ligne["organisateurs"].upper()).bold = True
            p.add_run("\n" + ligne["atelier"].intitule)
            transitions = " | ".join(ligne["transitions"]) or "Transition non renseignée"
            p.add_run(f"\n{transitions} — {ligne['date']} — {ligne['lieu']}")
            n = ligne["participants"]
            p.add_run(
                "\n" + (f"{n} participants" if n is not None else "Nombre de participants non renseigné")
            )

    _saut(document)
    document.add_heading("4. Les synthèses des ateliers", level=1)
    for s in ctx["syntheses"]:
        tc = s["transition"]
        document.add_heading(s["libelle"], level=2)
        if tc.question:
            document.add_paragraph().add_run(tc.question).bold = True
        for titre, texte in (("Problématique posée", tc.problematique),):
            if texte:
                document.add_heading(titre, level=3)
                _paragraphes(document, texte)
        document.add_heading(f"Rappel des ateliers organisés ({len(s['ateliers'])})", level=3)
        _liste(document, [f"{' / '.join(a.liste_organisateurs())} : {a.intitule}" for a in s["ateliers"]])
        for titre, texte, elements in (
            ("Leviers à conserver et/ou amplifier", tc.leviers, []),
            ("Freins à lever", tc.freins, []),
            (
                "Projets inspirants",
                tc.projets,
                [f"{p.nom} ({p.territoire}) {p.lien}".replace(" ()", "") for p in s["projets"]],
            ),
            (
                "Bonnes pratiques, outils et ressources",
                tc.outils,
                [f"{r.titre} {r.lien}" for r in s["ressources"]],
            ),
            ("Podcasts et médias", tc.medias, []),
        ):
            if texte or elements:
                document.add_heading(titre, level=3)
                _paragraphes(document, texte)
                _liste(document, [e.strip() for e in elements])

    _saut(document)
    document.add_heading("5. Les enjeux transversaux", level=1)
    for enjeu in ctx["enjeux"]:
        document.add_heading(f"{enjeu.numero} - {enjeu.titre}", level=2)
        _paragraphes(document, enjeu.texte)
        _paragraphes(document, enjeu.exemples)
    if not ctx["enjeux"]:
        document.add_paragraph("Les enjeux transversaux n'ont pas encore été consolidés.")

    _saut(document)
    document.add_heading("6. Complétude des données", level=1)
    document.add_paragraph(
        f"Donnée de participation disponible pour {chiffres['ateliers_avec_participants']} des "
        f"{chiffres['ateliers']} ateliers."
    )
    c = ctx["completude"]
    for titre, cle in (
        ("Ateliers sans nombre de participants", "sans_participants"),
        ("Ateliers sans lieu", "sans_lieu"),
        ("Ateliers sans date précise", "sans_date_precise"),
        ("Ateliers sans fiche de synthèse déposée", "sans_fiche"),
    ):
        document.add_heading(f"{titre} ({len(c[cle])})", level=2)
        _liste(
            document, [f"{' / '.join(a.liste_organisateurs())} : {a.intitule}" for a in c[cle]] or ["Aucun."]
        )
    if ctx.get("editions"):
        _au_fil_des_editions(document, ctx["editions"])
    return document


def _au_fil_des_editions(document, section):
    """Section 7: this edition beside the earlier ones of its région (same table as the page)."""
    _saut(document)
    document.add_heading("7. Au fil des éditions", level=1)
    courante, precedente = section["courante"], section["precedente"]
    document.add_paragraph(
        f"En {courante['annee']}, {courante['ateliers']} ateliers contre {precedente['ateliers']} "
        f"en {precedente['annee']} ; {courante['participants']} participants contre "
        f"{precedente['participants']}."
    )
    editions = section["editions"]
    lignes = [
        ("Ateliers", [e["ateliers"] for e in editions]),
        ("Participants", [e["participants"] for e in editions]),
        ("Participants déclarés", [e["participants_detail"]["participants_declares"] for e in editions]),
        ("Inscrits", [e["participants_detail"]["inscrits"] for e in editions]),
        ("Émargés", [e["participants_detail"]["emarges"] for e in editions]),
        ("Organisateurs", [e["organisateurs"] for e in editions]),
        (
            "Organisateurs nouveaux",
            [
                "première édition" if e["organisateurs_nouveaux"] is None else e["organisateurs_nouveaux"]
                for e in editions
            ],
        ),
    ]
    table = document.add_table(rows=1, cols=len(editions) + 1)
    table.style = "Table Grid"
    entete = table.rows[0].cells
    entete[0].text = "Indicateur"
    for i, e in enumerate(editions, start=1):
        entete[i].text = str(e["annee"])
    for libelle, valeurs in lignes:
        cellules = table.add_row().cells
        cellules[0].text = libelle
        for i, v in enumerate(valeurs, start=1):
            cellules[i].text = str(v)
