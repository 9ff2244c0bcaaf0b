"""Supported territories: each EPCI's ESS-policy status (a dated history), the région's map and
table, the share of EPCI by status year after year."""

import json
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from essaim.commun.graphiques import courbe
from essaim.observatoire.services.graphiques import ATTRIBUTION_CARTE, _chemin, _projection
from essaim.territoires.contours import contours
from essaim.territoires.models import EPCI

from ..enums import NatureSuivi, StatutPolitiqueESS, TypeEvenement
from ..models import ChangementStatut, Evenement, Suivi, TerritoireAccompagne

# Categorical colours (not a gradient): the legend repeats them with the status names.
COULEURS = {
    StatutPolitiqueESS.ANCREE: "#1d5c4d",
    StatutPolitiqueESS.EMERGENCE: "#7fb2a1",
    StatutPolitiqueESS.A_CONSTRUIRE: "#f2d492",
    "": "#ffffff",
}
SANS_STATUT = gettext_lazy("Pas encore de statut")


def epcis_de_la_region(region_code: str):
    return EPCI.objects.filter(communes__region_id=region_code).distinct().order_by("nom")


def territoire_de(epci, region_code: str) -> TerritoireAccompagne:
    """The supported-territory row of an EPCI, created with its follow-up file when missing."""
    territoire = TerritoireAccompagne.objects.filter(epci=epci).first()
    if territoire is not None:
        return territoire
    with transaction.atomic():
        suivi = Suivi.objects.create(
            nature=NatureSuivi.TERRITOIRE, region_id=region_code, titre=epci.nom[:250]
        )
        return TerritoireAccompagne.objects.create(epci=epci, region_id=region_code, suivi=suivi)


def changer_statut_politique(territoire, *, statut, date, commentaire="", par=None) -> ChangementStatut:
    """Record a status change (its date is required) and keep the current status in step."""
    if not date:
        raise ValidationError({"date": _("Indiquez la date du changement de statut : elle est obligatoire.")})
    if date > timezone.localdate():
        raise ValidationError({"date": _("La date du changement ne peut pas être dans le futur.")})
    statut = StatutPolitiqueESS(statut)
    with transaction.atomic():
        changement = ChangementStatut.objects.create(
            territoire=territoire,
            statut=statut,
            date=date,
            commentaire=commentaire,
            auteur=par if par is not None and par.is_authenticated else None,
        )
        dernier = territoire.changements.order_by("-date", "-pk").first()
        territoire.statut_politique_ess = dernier.statut
        territoire.save(update_fields=["statut_politique_ess", "modifie_le"])
        Evenement.objects.create(
            suivi=territoire.suivi,
            type=TypeEvenement.STATUT,
            date=date,
            titre=_("Politique ESS : %(s)s") % {"s": statut.label},
            texte=commentaire,
            auteur=changement.auteur,
        )
    return changement


def lignes_region(region_code: str) -> list[dict]:
    """Every EPCI of the région, supported or not: code, nom, statut, pilote."""
    territoires = {
        t.epci_id: t
        for t in TerritoireAccompagne.objects.filter(region_id=region_code).prefetch_related(
            "projets", "ptce"
        )
    }
    lignes = []
    for epci in epcis_de_la_region(region_code):
        t = territoires.get(epci.code)
        statut = (t.statut_politique_ess if t else "") or ""
        lignes.append(
            {
                "code": epci.code,
                "nom": epci.nom,
                "statut_politique_ess": statut or None,
                "libelle_statut": str(StatutPolitiqueESS(statut).label) if statut else str(SANS_STATUT),
                "pilote": bool(t and t.pilote),
                "projets": len(t.projets.all()) if t else 0,
                "ptce": len(t.ptce.all()) if t else 0,
                "territoire": t,
            }
        )
    return lignes


def repartition(lignes: list[dict]) -> list[dict]:
    total = len(lignes) or 1
    compte = Counter(ligne["statut_politique_ess"] or "" for ligne in lignes)
    return [
        {
            "statut": valeur,
            "libelle": str(libelle),
            "nombre": compte[valeur],
            "part": round(100 * compte[valeur] / total, 1),
            "couleur": COULEURS[valeur],
        }
        for valeur, libelle in [*StatutPolitiqueESS.choices, ("", SANS_STATUT)]
    ]


def evolution(region_code: str, nombre_epci: int) -> list[dict]:
    """Share of the région's EPCI in each status at the end of each year since the first change."""
    changements = list(
        ChangementStatut.objects.filter(territoire__region_id=region_code)
        .order_by("date", "pk")
        .values_list("territoire__epci_id", "statut", "date")
    )
    if not changements:
        return []
    annees = range(changements[0][2].year, timezone.localdate().year + 1)
    resultat, etat, i = [], {}, 0
    for annee in annees:
        while i < len(changements) and changements[i][2].year <= annee:
            etat[changements[i][0]] = changements[i][1]
            i += 1
        compte = Counter(etat.values())
        ligne = {"annee": annee, "parts": []}
        for valeur, _libelle in StatutPolitiqueESS.choices:
            part = round(100 * compte[valeur] / nombre_epci, 1) if nombre_epci else 0
            ligne["parts"].append({"statut": valeur, "nombre": compte[valeur], "part": part})
        resultat.append(ligne)
    return resultat


def courbe_evolution(evolution: list[dict]) -> str | None:
    """Line of the share of EPCI with an SSE policy (established or emerging), year by year."""
    if len(evolution) < 2:
        return None
    points = [
        (
            str(ligne["annee"]),
            sum(p["part"] for p in ligne["parts"] if p["statut"] != StatutPolitiqueESS.A_CONSTRUIRE),
        )
        for ligne in evolution
    ]
    return courbe(
        "courbe-politique-ess",
        _("Part des EPCI ayant une politique ESS ancrée ou en émergence (%)"),
        _("Courbe par année ; les valeurs figurent dans le tableau d'évolution."),
        points,
    )


def carte(region_code: str, lignes: list[dict]) -> dict:
    """Choropleth of the région's EPCI by status (categorical colours), drawn with the
    observatory's projection from ``territoires.Contour``; ``svg`` None without outlines."""
    valeurs = {ligne["code"]: ligne for ligne in lignes}
    formes = {c.code: c for c in contours("epci", list(valeurs))}
    if not formes:
        return {"svg": None}
    largeur = 600
    projeter, hauteur = _projection(
        min(f.ouest for f in formes.values()),
        min(f.sud for f in formes.values()),
        max(f.est for f in formes.values()),
        max(f.nord for f in formes.values()),
        largeur,
    )
    titre = _("Politique ESS des EPCI de la région")
    description = _(
        "Carte des EPCI coloriés selon leur statut ; le tableau qui suit donne les mêmes informations."
    )
    morceaux = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="carte-choroplethe" id="carte-territoires" '
        f'viewBox="-2 -2 {largeur + 4} {hauteur + 4:.0f}" role="img" '
        f'aria-labelledby="carte-territoires-titre carte-territoires-desc">',
        f'<title id="carte-territoires-titre">{escape(titre)}</title>',
        f'<desc id="carte-territoires-desc">{escape(description)}</desc>',
    ]
    for code in sorted(formes):
        ligne = valeurs[code]
        pilote = _(" — territoire pilote") if ligne["pilote"] else ""
        texte = f"{ligne['nom']} : {ligne['libelle_statut']}{pilote}"
        chemin = _chemin(json.loads(formes[code].geometrie), projeter)
        largeur_trait = "2" if ligne["pilote"] else "0.7"
        morceaux.append(
            f'<path data-code="{escape(code)}" data-statut="{escape(ligne["statut_politique_ess"] or "")}" '
            f'd="{chemin}" fill="{COULEURS[ligne["statut_politique_ess"] or ""]}" fill-rule="evenodd" '
            f'stroke="#123d33" stroke-width="{largeur_trait}" stroke-linejoin="round">'
            f"<title>{escape(texte)}</title></path>"
        )
    morceaux.append("</svg>")
    return {"svg": mark_safe("".join(morceaux)), "attribution": ATTRIBUTION_CARTE}


def section_epci(niveau: str, code: str) -> dict | None:
    """What the observatory's EPCI page shows of this module (its extension point)."""
    if niveau != "epci":
        return None
    territoire = (
        TerritoireAccompagne.objects.filter(epci_id=code)
        .prefetch_related("projets__structures", "ptce")
        .first()
    )
    if territoire is None:
        return None
    return {"gabarit": "accompagnement/_section_observatoire.html", "territoire": territoire}
