"""The edition report: one context built from the data, rendered as HTML, PDF (WeasyPrint)
and DOCX (python-docx)."""

import io
from itertools import groupby

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from essaim.commun.identite import identite_region
from essaim.territoires.models import Departement

from ..enums import StatutFiche, Transition
from ..models import Conference, ProjetInspirant, Ressource
from . import comparaison, graphiques
from .chiffres import ateliers_de, chiffres_cles, completude, participants_atelier

MOIS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]

SECTIONS = [
    ("presentation", gettext_lazy("Présentation de la conférence")),
    ("chiffres", gettext_lazy("Données clés sur les ateliers")),
    ("ateliers", gettext_lazy("La liste des ateliers")),
    ("syntheses", gettext_lazy("Les synthèses des ateliers")),
    ("enjeux", gettext_lazy("Les enjeux transversaux")),
    ("completude", gettext_lazy("Complétude des données")),
]


def libelle_mois(cle: str) -> str:
    annee, mois = cle.split("-")
    return f"{MOIS[int(mois) - 1]} {annee}"


def libelle_departement(code: str, noms: dict) -> str:
    if code == "visio":
        return "En visio (toute la région)"
    if code == "inconnu":
        return "Lieu non renseigné"
    return f"{noms.get(code, code)} ({code})"


def date_atelier(atelier) -> str:
    if not atelier.date:
        return "Date non renseignée"
    if atelier.precision_date == "mois":
        return libelle_mois(atelier.mois).capitalize()
    return f"{atelier.date.day} {MOIS[atelier.date.month - 1]} {atelier.date.year}"


def lieu_atelier(atelier) -> str:
    if atelier.commune_id:
        return f"{atelier.commune.nom} ({atelier.commune.departement_id})"
    if atelier.en_visio:
        return "En visio"
    if atelier.departement_id:
        return f"Département {atelier.departement_id}"
    return "Lieu non renseigné"


def _phrase_participants(chiffres) -> str:
    moyenne = formats.number_format(chiffres["moyenne_participants"], 1)
    pluriel = "s" if chiffres["participants"] > 1 else ""
    return (
        f"{chiffres['participants']} participant{pluriel} au total, "
        f"soit une moyenne de {moyenne} personnes par "
        f"atelier (donnée disponible pour {chiffres['ateliers_avec_participants']} des "
        f"{chiffres['ateliers']} ateliers)."
    )


def contexte_rapport(conference: Conference, langue: str = "fr") -> dict:
    """The report is a French document (PDF, DOCX: always French). The page in another language
    translates its headings; the data and the sentences built from them stay French, marked
    lang="fr" in the template."""
    with translation.override(langue):
        return {**_contexte(conference), "langue_rapport": langue}


def _contexte(conference):
    ateliers = list(ateliers_de(conference))
    chiffres = chiffres_cles(conference, ateliers)
    noms_dep = dict(Departement.objects.values_list("code", "nom"))
    series = {
        "mois": [(libelle_mois(m).capitalize(), n) for m, n in chiffres["par_mois"].items()],
        "departement": [
            (libelle_departement(c, noms_dep), n) for c, n in chiffres["par_departement"].items()
        ],
        "transition": [(str(Transition(t).label), n) for t, n in chiffres["par_transition"].items()],
    }
    graphes = [
        {"cle": "mois", "titre": _("Nombre d'ateliers par mois"), "entete": _("Mois")},
        {"cle": "departement", "titre": _("Nombre d'ateliers par département"), "entete": _("Département")},
        {"cle": "transition", "titre": _("Nombre d'ateliers par transition"), "entete": _("Transition")},
    ]
    for graphe in graphes:
        graphe["donnees"] = series[graphe["cle"]]
        graphe["svg"] = graphiques.barres_svg(graphe["titre"], graphe["donnees"])
    lignes = [
        {
            "atelier": a,
            "date": date_atelier(a),
            "lieu": lieu_atelier(a),
            "participants": participants_atelier(a),
            "organisateurs": " / ".join(a.liste_organisateurs()),
            "transitions": a.libelles_transitions(),
        }
        for a in ateliers
    ]
    par_mois = [
        {"mois": libelle_mois(cle).capitalize(), "lignes": list(groupe)}
        for cle, groupe in groupby(lignes, key=lambda ligne: ligne["atelier"].mois or "9999-99")
        if cle != "9999-99"
    ] + (
        [{"mois": "Date non renseignée", "lignes": [ligne for ligne in lignes if not ligne["atelier"].date]}]
        if any(not ligne["atelier"].date for ligne in lignes)
        else []
    )
    fiches_validees = [
        a for a in ateliers if getattr(a, "fiche", None) and a.fiche.statut == StatutFiche.VALIDEE
    ]
    syntheses = []
    for tc in conference.transitions.all():
        concernes = [a for a in ateliers if tc.transition in a.transitions]
        ids = [a.fiche.pk for a in fiches_validees if tc.transition in a.transitions]
        syntheses.append(
            {
                "transition": tc,
                "libelle": str(Transition(tc.transition).label),
                "ateliers": concernes,
                "projets": ProjetInspirant.objects.filter(fiche_id__in=ids),
                "ressources": Ressource.objects.filter(fiche_id__in=ids),
            }
        )
    organisateurs = sorted(
        {n.strip() for a in ateliers for n in a.liste_organisateurs()}, key=lambda n: n.lower()
    )
    editions = comparaison.section_rapport(conference)
    return {
        "conference": conference,
        "chiffres": chiffres,
        "phrase_participants": _phrase_participants(chiffres),
        "graphes": graphes,
        "ateliers_par_mois": par_mois,
        "syntheses": syntheses,
        "enjeux": list(conference.enjeux.all()),
        "evenements": list(conference.evenements.prefetch_related("programme")),
        "comite": list(conference.comite.all()),
        "dates_cles": list(conference.dates_cles.all()),
        "organisateurs": organisateurs,
        "completude": completude(conference, ateliers),
        "sections": [(ancre, str(titre)) for ancre, titre in SECTIONS]
        + ([("editions", _("Au fil des éditions"))] if editions else []),
        "editions": editions,
        "url_comparaison": settings.SITE_URL.rstrip("/")
        + reverse("conference:comparaison", args=[conference.region_id]),
    }


def rapport_html(conference: Conference) -> str:
    """A standalone HTML document (also the source of the PDF)."""
    contexte = {**contexte_rapport(conference), "identite": identite_region(conference.region_id)}
    return render_to_string("conference/rapport/document.html", contexte)


def rapport_pdf(conference: Conference) -> bytes:
    from .pdf import html_vers_pdf

    return html_vers_pdf(rapport_html(conference))


def rapport_docx(conference: Conference) -> bytes:
    from .rapport_docx import ecrire_docx

    sortie = io.BytesIO()
    with translation.override("fr"):  # dates in words, as in the PDF
        contexte = {**contexte_rapport(conference), "identite": identite_region(conference.region_id)}
        ecrire_docx(contexte).save(sortie)
    return sortie.getvalue()


# --- The report as a cached document (essaim.commun.documents) ------------------------------

# Bump when the report's layout or content rules change: every edition gets a new version.
VERSION_MISE_EN_PAGE = 2


def version_rapport(conference: Conference) -> str:
    """Hash of the state of everything the report reads: timestamped rows by count and last
    change; the small tables without timestamps by their content."""
    from essaim.commun.documents import empreinte, etat

    from ..models import Atelier, FicheSynthese, Inscription

    def contenu(queryset):
        return list(queryset.order_by("pk").values_list())

    ateliers = Atelier.objects.filter(conference=conference)
    fiches = {"fiche__atelier__conference": conference}
    # "Au fil des éditions" reads the earlier editions of the région too.
    anterieures = {"conference__region_id": conference.region_id, "conference__annee__lte": conference.annee}
    return empreinte(
        VERSION_MISE_EN_PAGE,
        etat(Conference.objects.filter(pk=conference.pk)),
        etat(Conference.objects.filter(region_id=conference.region_id, annee__lte=conference.annee)),
        etat(Atelier.objects.filter(**anterieures)),
        etat(FicheSynthese.objects.filter(atelier__conference__region_id=conference.region_id)),
        etat(ateliers),
        etat(FicheSynthese.objects.filter(atelier__conference=conference)),
        etat(Inscription.objects.filter(atelier__conference=conference)),
        contenu(ProjetInspirant.objects.filter(**fiches)),
        contenu(Ressource.objects.filter(**fiches)),
        *(contenu(getattr(conference, nom).all()) for nom in ("transitions", "enjeux", "dates_cles")),
    )


def document_pdf(slug: str) -> bytes:
    return rapport_pdf(Conference.objects.get(slug=slug))


def document_docx(slug: str) -> bytes:
    return rapport_docx(Conference.objects.get(slug=slug))
