"""The conference's call for contributions, built on the generic `appels` app, and the
labelling of retained applications as workshops."""

import datetime

from django.db import transaction
from django.utils.text import slugify

from essaim.commun.bornes import CAPACITE_MAX
from essaim.commun.statuts import changer_statut, depuis, transition_permise
from essaim.territoires.services import commune_par_code

from ..enums import Format, PrecisionDate, StatutAtelier, Transition
from ..models import Atelier, Conference

FORMULAIRE_PAR_DEFAUT = [
    {
        "cle": "intitule",
        "libelle": "Intitulé de l'atelier",
        "type": "texte",
        "obligatoire": True,
        "aide": "Souvent formulé comme une question.",
    },
    {
        "cle": "organisateurs",
        "libelle": "Structure(s) organisatrice(s)",
        "type": "texte_long",
        "obligatoire": True,
        "aide": "Une structure par ligne ; indiquez les co-organisateurs éventuels.",
    },
    {
        "cle": "transitions",
        "libelle": "Transition(s) abordée(s)",
        "type": "choix_multiple",
        "obligatoire": True,
        "choix": [[t.value, str(t.label)] for t in Transition],
    },
    {
        "cle": "date",
        "libelle": "Date envisagée",
        "type": "mois_ou_date",
        "obligatoire": True,
        "aide": "Une date précise, ou seulement le mois si elle n'est pas encore fixée.",
    },
    {
        "cle": "commune",
        "libelle": "Commune",
        "type": "commune",
        "obligatoire": False,
        "aide": "Laissez vide pour un atelier en ligne.",
    },
    {
        "cle": "format",
        "libelle": "Format",
        "type": "choix",
        "obligatoire": True,
        "choix": [[f.value, str(f.label)] for f in Format],
    },
    {
        "cle": "capacite",
        "libelle": "Nombre de places",
        "type": "nombre",
        "obligatoire": False,
        "min": 0,
        "max": CAPACITE_MAX,
    },
    {"cle": "description", "libelle": "Description et déroulé", "type": "texte_long", "obligatoire": True},
    {"cle": "public", "libelle": "Public visé", "type": "texte", "obligatoire": False},
]

# Every question carries every key of the appels contract, so the form builder needs no defaults.
FORMULAIRE_PAR_DEFAUT = [{"aide": "", "choix": [], **question} for question in FORMULAIRE_PAR_DEFAUT]

LIBELLES_DECISION = {"retenue": "Labellisé", "a_revoir": "À revoir", "refusee": "Refusé"}


def creer_appel(conference: Conference, ouverture, cloture, **champs):
    """Create (once) the call for contributions of an edition with the default form."""
    from essaim.appels.enums import TypeCandidat
    from essaim.appels.models import Appel

    if conference.appel_id:
        return conference.appel
    slug = slugify(f"appel-contributions-{conference.slug}")[:120]
    appel = Appel.objects.create(
        titre=champs.pop("titre", f"Appel à contributions — {conference.titre}"),
        slug=slug,
        region=conference.region,
        ouverture=ouverture,
        cloture=cloture,
        types_candidats=champs.pop("types_candidats", list(TypeCandidat.values)),
        formulaire=champs.pop("formulaire", FORMULAIRE_PAR_DEFAUT),
        libelles_decision=LIBELLES_DECISION,
        chapeau=champs.pop(
            "chapeau", "Proposez un atelier labellisé « les ateliers de la conférence » sur les transitions."
        ),
        **champs,
    )
    conference.appel = appel
    conference.save(update_fields=["appel"])
    return appel


def _date(valeur) -> tuple[datetime.date | None, str]:
    valeur = (valeur or "").strip()
    try:
        if len(valeur) == 7:
            return datetime.date.fromisoformat(valeur + "-01"), PrecisionDate.MOIS.value
        return datetime.date.fromisoformat(valeur[:10]), PrecisionDate.JOUR.value
    except ValueError:
        return None, PrecisionDate.JOUR.value


def _entier(valeur, maximum=CAPACITE_MAX):
    """A whole number from an application's answer; None when absent or implausible (calls
    created before the question had bounds accept any number)."""
    try:
        nombre = int(valeur) if valeur not in (None, "") else None
    except (TypeError, ValueError):
        return None
    return nombre if nombre is not None and 0 <= nombre <= maximum else None


def _liste(valeur) -> list:
    if isinstance(valeur, list):
        return valeur
    return [v for v in str(valeur or "").replace(";", ",").split(",") if v]


@transaction.atomic
def labelliser(candidature) -> Atelier:
    """Turn a retained application into a labelled workshop (idempotent: one per application)."""
    conference = Conference.objects.get(appel_id=candidature.appel_id)
    reponses = candidature.reponses or {}
    date, precision = _date(reponses.get("date"))
    organisateurs = [o.strip() for o in str(reponses.get("organisateurs") or "").splitlines() if o.strip()]
    if not organisateurs and candidature.nom_structure:
        organisateurs = [candidature.nom_structure]
    commune = commune_par_code(str(reponses.get("commune") or "")) if reponses.get("commune") else None
    format_ = reponses.get("format") if reponses.get("format") in Format.values else ""
    champs = {
        "intitule": str(reponses.get("intitule") or candidature.intitule)[:400],
        "organisateurs_libres": "\n".join(organisateurs),
        "transitions": [t for t in _liste(reponses.get("transitions")) if t in Transition.values],
        "date": date,
        "precision_date": precision,
        "commune": commune,
        "format": format_ or (Format.PRESENTIEL if commune else ""),
        "capacite": _entier(reponses.get("capacite")),
        "description": str(reponses.get("description") or ""),
        "public": str(reponses.get("public") or "")[:300],
        "statut": StatutAtelier.LABELLISE,
    }
    atelier = Atelier.objects.filter(candidature=candidature).first()
    if atelier is None:
        atelier = Atelier.objects.create(conference=conference, candidature=candidature, **champs)
    elif transition_permise(StatutAtelier, atelier.statut, StatutAtelier.LABELLISE):
        changer_statut(atelier, StatutAtelier.LABELLISE, raison="Label accordé de nouveau")
    atelier.responsables.add(candidature.candidat)
    structure_id = getattr(candidature, "structure_id", None)
    if structure_id:
        atelier.structures.add(structure_id)
    return atelier


def retirer_label(candidature):
    annulables = depuis(StatutAtelier, StatutAtelier.ANNULE)
    Atelier.objects.filter(candidature=candidature, statut__in=annulables).update(statut=StatutAtelier.ANNULE)


def sur_candidature_decidee(sender, candidature, decision, **kwargs):
    """Receiver of appels.signals.candidature_decidee (connected in ConferenceConfig.ready)."""
    from essaim.appels.enums import Decision

    if not Conference.objects.filter(appel_id=candidature.appel_id).exists():
        return
    if decision == Decision.RETENUE:
        labelliser(candidature)
    else:
        retirer_label(candidature)
