"""Heavy public documents (report PDF/DOCX, territory portraits): built once per version of
their data, by the background worker, never inside a request.

A document is named by the function that builds it (``generateur(objet) -> bytes``), its object
(a slug, a territory) and the *version* of the data it shows (``empreinte`` of counts and last
modification times of the rows it reads). A public request for it:

- finds the file of this version in storage: served (``reponse``);
- else creates the ``DocumentGenere`` row of this version — a unique constraint, so one job per
  version whatever the number of requests, processes or servers — and enqueues its job
  (``commun.taches``); every request is sent (303) to the document's progress page
  (``/documents/<id>/``, 202) that follows the job with htmx, and reloads by itself without
  JavaScript, until the file exists, then links to the document's URL, which only ever answers
  the file;
- a client (account, else address) has at most ``MAX_EN_PREPARATION`` documents being prepared,
  and all clients together ``MAX_EN_PREPARATION_TOTAL``; beyond, 429 with ``Retry-After``
  (``TropDeDemandes``).

When the data change, the next request sees a new version and starts its job; once it is built,
older versions of the same document are deleted. A job that failed, or that no worker picked up
for ``DELAI_ABANDON``, is started again by the next request.

Rendering: a document is a context shown three ways — an HTML template (the page, and the
source of the PDF through ``html_vers_pdf``) and a python-docx writer; charts come from
``commun.graphiques`` (SVG in HTML/PDF, PNG in DOCX). The conference report and the yearly
review of strategic plans (``pilotage``) are built this way.
"""

import hashlib
import json
import logging
from urllib.parse import urlencode

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from . import limites
from .fichiers import envoyer
from .models import DocumentGenere, StatutTravail
from .taches import lancer, tache

MAX_EN_PREPARATION = 3  # per client
MAX_EN_PREPARATION_TOTAL = 30  # for everyone: many clients together cannot flood the worker either
DELAI_ABANDON = 15 * 60  # seconds: a job still not done by then is considered lost
DELAI_NOUVEL_ESSAI = 60  # seconds after a failure before the next request tries again


class TropDeDemandes(Exception):
    def __init__(self, attente: int):
        super().__init__(attente)
        self.attente = attente


def etat(queryset, champ: str = "modifie_le") -> list:
    """Count and last modification of the rows a document reads (deletions change the count)."""
    resultat = queryset.order_by().aggregate(n=Count("pk"), m=Max(champ))
    return [resultat["n"], resultat["m"].isoformat() if resultat["m"] else None]


def empreinte(*parties) -> str:
    return hashlib.sha256(json.dumps(parties, default=str, sort_keys=True).encode()).hexdigest()[:32]


def chemin(fonction) -> str:
    return f"{fonction.__module__}.{fonction.__qualname__}"


def _demandeur(request) -> str:
    if request.user.is_authenticated:
        return f"compte:{request.user.pk}"
    return f"ip:{limites.empreinte_ip(request)}"


def _perime(document: DocumentGenere, maintenant) -> bool:
    if document.pret:
        return False
    travail = document.travail
    if travail and travail.statut == StatutTravail.ECHEC:
        return (maintenant - (travail.fin or travail.modifie_le)).total_seconds() > DELAI_NOUVEL_ESSAI
    return (maintenant - document.cree_le).total_seconds() > DELAI_ABANDON


def demander(
    generateur, objet: str, version: str, *, nom_fichier: str, libelle: str, request
) -> DocumentGenere:
    """The document of this version: ready (``.pret``) or being prepared, its job started once."""
    cle = {"generateur": chemin(generateur), "objet": objet, "version": version}
    maintenant = timezone.now()
    document = DocumentGenere.objects.filter(**cle).select_related("travail").first()
    if document and not _perime(document, maintenant):
        return document
    demandeur = _demandeur(request)
    en_preparation = DocumentGenere.objects.filter(
        pret_le__isnull=True, cree_le__gt=maintenant - timezone.timedelta(seconds=DELAI_ABANDON)
    ).exclude(travail__statut=StatutTravail.ECHEC)
    if (
        en_preparation.filter(demandeur=demandeur).count() >= MAX_EN_PREPARATION
        or en_preparation.count() >= MAX_EN_PREPARATION_TOTAL
    ):
        raise TropDeDemandes(attente=DELAI_NOUVEL_ESSAI)
    try:
        with transaction.atomic():
            if document:
                DocumentGenere.objects.filter(pk=document.pk).delete()
            document = DocumentGenere.objects.create(**cle, nom_fichier=nom_fichier, demandeur=demandeur)
    except IntegrityError:  # another request started this version a moment ago
        return DocumentGenere.objects.select_related("travail").get(**cle)
    travail = lancer(generer_document, libelle, document_id=document.pk)
    DocumentGenere.objects.filter(pk=document.pk).update(travail=travail)
    # This request answers "en préparation" even when the job already ran (the tests' immediate
    # backend): the request that starts a job never serves its result.
    document.travail = travail
    return document


@tache
def generer_document(travail, document_id: int):
    document = DocumentGenere.objects.filter(pk=document_id).first()
    if document is None:  # superseded before a worker picked it up
        return {}
    travail.avancer(0, 1, _("Mise en page du document…"), forcer=True)
    contenu = import_string(document.generateur)(document.objet)
    document.fichier.save(document.nom_fichier, ContentFile(contenu), save=False)
    document.pret_le = timezone.now()
    document.save(update_fields=["fichier", "pret_le"])
    anciens = DocumentGenere.objects.filter(generateur=document.generateur, objet=document.objet).exclude(
        pk=document.pk
    )
    for ancien in anciens.filter(pret_le__isnull=False):
        ancien.fichier.delete(save=False)
        ancien.delete()
    travail.avancer(1, 1, _("Document prêt."), forcer=True)
    return {"octets": len(contenu)}


def reponse(request, document: DocumentGenere, *, titre: str, type_mime: str, retour: str, en_ligne=False):
    """The file itself when ready. Else a redirect (303) to the document's progress page
    (``attente``): the document's own URL only ever answers the file, so a saved link never
    gives an HTML page named ``.pdf``. ``titre`` is the job's label, shown by that page."""
    if document.pret:
        reponse_fichier = envoyer(document.fichier, nom=document.nom_fichier, telechargement=not en_ligne)
        reponse_fichier["Content-Type"] = type_mime
        return reponse_fichier
    reponse_attente = HttpResponseRedirect(url_attente(document, request.get_full_path(), retour))
    reponse_attente.status_code = 303  # "see other": the progress page is another resource
    return reponse_attente


def url_attente(document: DocumentGenere, url: str, retour: str) -> str:
    return f"{reverse('commun:document', args=[document.pk])}?{urlencode({'url': url, 'retour': retour})}"


def attente(request, pk: int):
    """The progress page of a document: polled by htmx (and refreshed without JavaScript) until
    the file is ready, then a link to the document's URL. A superseded document sends back to it."""
    url = _chemin_local(request.GET.get("url"))
    retour = _chemin_local(request.GET.get("retour")) or "/"
    document = DocumentGenere.objects.filter(pk=pk).select_related("travail").first()
    if document is None or not url:
        return redirect(url or retour)
    titre = document.travail.libelle if document.travail else document.nom_fichier
    contexte = {
        "document": document,
        "titre": titre,
        "retour": retour,
        "url": url,
        "attente": request.get_full_path(),
    }
    if getattr(request, "htmx", False):
        return render(request, "commun/document_etat.html", contexte)
    return render(
        request, "commun/document_en_preparation.html", contexte, status=200 if document.pret else 202
    )


def _chemin_local(chemin: str | None) -> str:
    """A path of this site only (never another site's address)."""
    chemin = chemin or ""
    return chemin if chemin.startswith("/") and not chemin.startswith(("//", "/\\")) else ""


def html_vers_pdf(html: str) -> bytes:
    """HTML to PDF with WeasyPrint, quietly (it logs every layout step at INFO level). Tagged
    for accessibility (PDF/UA-1 variant: structure tree, language, title shown by readers)."""
    for nom in ("weasyprint", "weasyprint.progress"):
        logging.getLogger(nom).setLevel(logging.WARNING)
    from weasyprint import HTML

    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def reponse_trop_de_demandes(request, erreur: TropDeDemandes, *, titre: str, retour: str):
    contexte = {"titre": titre, "retour": retour, "attente": erreur.attente}
    page = render(request, "commun/document_trop_de_demandes.html", contexte, status=429)
    page["Retry-After"] = str(erreur.attente)
    return page
