"""E-mails to applicants, from editable templates (per call, else the default, else built-in).

Rendered here, delivered by essaim.commun.courriels (after commit, one message per recipient).

Templates are rendered by a bare Django template engine (no template loader, no custom tags)
with a context of plain values only, so an editor cannot reach model methods or other data.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateSyntaxError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from essaim.commun import courriels

from ..enums import NatureEmail
from ..models import ModeleEmail

MOTEUR = Engine(autoescape=False, debug=False, loaders=[], libraries={})

DEFAUTS = {
    NatureEmail.ACCUSE_RECEPTION: (
        "Candidature reçue : {{ appel.titre }}",
        "Bonjour {{ candidat.nom }},\n\n"
        "Nous avons bien reçu votre candidature « {{ candidature.intitule }} » à l'appel "
        "« {{ appel.titre }} ».\n\n"
        "Vous pouvez la consulter et la modifier jusqu'au {{ appel.cloture }} :\n{{ lien }}\n\n"
        "Le comité de sélection l'examinera après la clôture de l'appel.\n\n"
        "Bien cordialement,\nL'équipe {{ appel.organisateur }}",
    ),
    NatureEmail.RETENUE: (
        "{{ appel.titre }} : bonne nouvelle pour votre candidature",
        "Bonjour {{ candidat.nom }},\n\n"
        "Nous avons le plaisir de vous informer que votre candidature « {{ candidature.intitule }} » "
        "à l'appel « {{ appel.titre }} » a été examinée par le comité de sélection.\n\n"
        "Décision : {{ decision }}\n\n"
        "{% if message %}{{ message }}\n\n{% endif %}"
        "Retrouvez votre candidature : {{ lien }}\n\n"
        "Bien cordialement,\nL'équipe {{ appel.organisateur }}",
    ),
    NatureEmail.A_REVOIR: (
        "{{ appel.titre }} : votre candidature est à compléter",
        "Bonjour {{ candidat.nom }},\n\n"
        "Le comité de sélection a examiné votre candidature « {{ candidature.intitule }} » à l'appel "
        "« {{ appel.titre }} ».\n\n"
        "Décision : {{ decision }}\n\n"
        "{% if message %}{{ message }}\n\n{% endif %}"
        "Vous pouvez la modifier et la déposer à nouveau jusqu'au {{ appel.cloture }} : {{ lien }}\n\n"
        "Bien cordialement,\nL'équipe {{ appel.organisateur }}",
    ),
    NatureEmail.REFUSEE: (
        "{{ appel.titre }} : réponse à votre candidature",
        "Bonjour {{ candidat.nom }},\n\n"
        "Le comité de sélection a examiné votre candidature « {{ candidature.intitule }} » à l'appel "
        "« {{ appel.titre }} ».\n\n"
        "Décision : {{ decision }}\n\n"
        "{% if message %}{{ message }}\n\n{% endif %}"
        "Nous vous remercions de l'intérêt que vous avez porté à cet appel.\n\n"
        "Bien cordialement,\nL'équipe {{ appel.organisateur }}",
    ),
}

VARIABLES = [
    ("candidat.nom", gettext_lazy("nom de la personne candidate")),
    ("candidat.email", gettext_lazy("son adresse e-mail")),
    ("candidature.intitule", gettext_lazy("intitulé de la candidature")),
    ("candidature.structure", gettext_lazy("structure candidate")),
    ("appel.titre", gettext_lazy("titre de l'appel")),
    ("appel.cloture", gettext_lazy("date de clôture")),
    ("appel.organisateur", gettext_lazy("organisateur (CRESS de la région)")),
    ("decision", gettext_lazy("libellé de la décision pour cet appel")),
    ("message", gettext_lazy("message du comité")),
    ("lien", gettext_lazy("lien vers la candidature")),
]


@dataclass
class EmailRendu:
    sujet: str
    corps: str


def modele_pour(appel, nature: str) -> ModeleEmail:
    """The call's own template, else the platform default, else the built-in text (unsaved)."""
    modele = ModeleEmail.objects.filter(appel=appel, nature=nature).first()
    modele = modele or ModeleEmail.objects.filter(appel__isnull=True, nature=nature).first()
    if modele:
        return modele
    sujet, corps = DEFAUTS[NatureEmail(nature)]
    return ModeleEmail(appel=None, nature=nature, sujet=sujet, corps=corps)


def _lien_absolu(chemin: str, base_url: str = "") -> str:
    # Views pass the request's origin; background work passes the one it was started from;
    # the command line falls back to the site's public origin (SITE_URL).
    base = base_url or settings.SITE_URL
    return base.rstrip("/") + chemin


def contexte_pour(candidature, message: str | None = None, base_url: str = "") -> dict:
    appel, candidat = candidature.appel, candidature.candidat
    return {
        "candidat": {"nom": candidat.get_full_name() or candidat.email, "email": candidat.email},
        "candidature": {
            "intitule": str(candidature.intitule),
            "structure": candidature.nom_structure,
            "numero": candidature.pk,
        },
        "appel": {
            "titre": appel.titre,
            "cloture": formats.date_format(timezone.localtime(appel.cloture), "j F Y à H\\hi"),
            "organisateur": f"CRESS {appel.region.nom}",
        },
        "decision": appel.libelle_decision(candidature.decision),
        "message": candidature.message_decision if message is None else message,
        "lien": _lien_absolu(candidature.get_absolute_url(), base_url),
    }


def rendre(sujet: str, corps: str, contexte: dict) -> EmailRendu:
    contexte_django = Context(contexte, autoescape=False)
    sujet_rendu = MOTEUR.from_string(sujet).render(contexte_django)
    corps_rendu = MOTEUR.from_string(corps).render(contexte_django)
    return EmailRendu(" ".join(sujet_rendu.split()), corps_rendu.strip() + "\n")


def verifier_gabarit(texte: str) -> None:
    """Raise a French ValidationError when an edited template does not compile."""
    try:
        MOTEUR.from_string(texte)
    except TemplateSyntaxError as erreur:
        raise ValidationError(_("Gabarit incorrect : %(erreur)s") % {"erreur": erreur}) from erreur


def rendre_pour(candidature, nature: str, message: str | None = None, base_url: str = "") -> EmailRendu:
    modele = modele_pour(candidature.appel, nature)
    return rendre(modele.sujet, modele.corps, contexte_pour(candidature, message, base_url))


def envoyer(candidature, nature: str, base_url: str = "") -> EmailRendu:
    rendu = rendre_pour(candidature, nature, base_url=base_url)
    appel = candidature.appel
    courriels.expedier(
        rendu.sujet,
        rendu.corps,
        [candidature.candidat.email],
        repondre_a=[appel.contact_email] if appel.contact_email else None,
    )
    return rendu


def envoyer_accuse_reception(candidature, base_url: str = "") -> EmailRendu:
    return envoyer(candidature, NatureEmail.ACCUSE_RECEPTION, base_url)


def envoyer_decision(candidature, base_url: str = "") -> EmailRendu:
    """Send the decision e-mail and remember it was sent (the mass mailing skips it then)."""
    rendu = envoyer(candidature, candidature.decision, base_url)
    candidature.notifiee_le = timezone.now()
    type(candidature).objects.filter(pk=candidature.pk).update(notifiee_le=candidature.notifiee_le)
    return rendu


def libelle_nature(appel, nature: str) -> str:
    """ "Accusé de réception", or "Décision : Labellisé" with the call's own decision label."""
    if nature == NatureEmail.ACCUSE_RECEPTION:
        return str(NatureEmail.ACCUSE_RECEPTION.label)
    return _("Décision : %(libelle)s") % {"libelle": appel.libelle_decision(nature)}


def contexte_exemple(appel, nature: str, base_url: str = "") -> dict:
    """A sample context to preview a template before any application exists."""
    decision = appel.libelle_decision(nature) if nature != NatureEmail.ACCUSE_RECEPTION else ""
    return {
        "candidat": {"nom": "Camille Martin", "email": "camille.martin@example.org"},
        "candidature": {
            "intitule": _("Exemple de candidature"),
            "structure": "Association Exemple",
            "numero": 0,
        },
        "appel": {
            "titre": appel.titre,
            "cloture": formats.date_format(timezone.localtime(appel.cloture), "j F Y à H\\hi"),
            "organisateur": f"CRESS {appel.region.nom}",
        },
        "decision": decision,
        "message": _("(message du comité)") if decision else "",
        "lien": _lien_absolu("/appels/candidatures/0/", base_url),
    }
