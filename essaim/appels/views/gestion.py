import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..enums import NatureEmail
from ..forms import ImportFormulaireForm, ModeleEmailForm, QuestionForm, QuestionFormSet
from ..models import Appel, ModeleEmail
from ..services import emails as service_emails
from ..services.formulaire import normaliser_question
from .outils import autorise, base_url, refuser


def _appel_gere(request, slug):
    appel = get_object_or_404(Appel.objects.select_related("region"), slug=slug)
    return appel, autorise(request.user, "appels.gerer_appel", appel)


def formulaire(request, slug):
    appel, permis = _appel_gere(request, slug)
    if not permis:
        return refuser(request)
    initial = [QuestionForm.initial_depuis(normaliser_question(q)) for q in appel.formulaire or []]
    formset = QuestionFormSet(initial=initial, prefix="q")
    import_form = ImportFormulaireForm(prefix="import")
    if request.method == "POST" and "import-definition" in request.POST:
        import_form = ImportFormulaireForm(request.POST, prefix="import")
        if import_form.is_valid():
            return _enregistrer(request, appel, import_form.cleaned_data["definition"])
    elif request.method == "POST":
        formset = QuestionFormSet(request.POST, initial=initial, prefix="q")
        if formset.is_valid():
            return _enregistrer(request, appel, formset.questions)
    contexte = {"appel": appel, "formset": formset, "import_form": import_form}
    return render(request, "appels/formulaire.html", contexte)


def _enregistrer(request, appel, questions):
    appel.formulaire = questions
    appel.save(update_fields=["formulaire", "modifie_le"])
    messages.success(request, _("Formulaire enregistré : %(n)s question(s).") % {"n": len(questions)})
    return redirect("appels:formulaire", slug=appel.slug)


def formulaire_json(request, slug):
    appel, permis = _appel_gere(request, slug)
    if not permis:
        return refuser(request)
    contenu = {"appel": appel.titre, "questions": [normaliser_question(q) for q in appel.formulaire or []]}
    reponse = HttpResponse(
        json.dumps(contenu, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    reponse["Content-Disposition"] = f'attachment; filename="formulaire-{appel.slug}.json"'
    return reponse


def emails(request, slug):
    appel, permis = _appel_gere(request, slug)
    if not permis:
        return refuser(request)
    modeles = [
        {
            "nature": n,
            "libelle": service_emails.libelle_nature(appel, n),
            "modele": service_emails.modele_pour(appel, n),
        }
        for n in NatureEmail
    ]
    return render(request, "appels/emails.html", {"appel": appel, "modeles": modeles})


def email_modifier(request, slug, nature):
    appel, permis = _appel_gere(request, slug)
    if not permis:
        return refuser(request)
    if nature not in NatureEmail.values:
        raise Http404(_("Modèle inconnu"))
    modele = ModeleEmail.objects.filter(appel=appel, nature=nature).first()
    defaut = service_emails.modele_pour(appel, nature)
    instance = modele or ModeleEmail(appel=appel, nature=nature)
    initial = {} if modele else {"sujet": defaut.sujet, "corps": defaut.corps}
    form = ModeleEmailForm(request.POST or None, instance=instance, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Modèle d'e-mail enregistré pour cet appel."))
        return redirect("appels:emails", slug=appel.slug)
    contexte = {
        "appel": appel,
        "form": form,
        "nature": NatureEmail(nature),
        "libelle": service_emails.libelle_nature(appel, nature),
        "apercu": _apercu(appel, form, defaut, nature, base_url(request)),
        "variables": service_emails.VARIABLES,
        "personnalise": modele is not None,
    }
    return render(request, "appels/email_modifier.html", contexte)


def _apercu(appel, form, defaut, nature, base):
    """Render the template being edited on a sample application, to see the result."""
    sujet = form.data.get("sujet", defaut.sujet) if form.is_bound else form.initial.get("sujet", defaut.sujet)
    corps = form.data.get("corps", defaut.corps) if form.is_bound else form.initial.get("corps", defaut.corps)
    if form.instance.pk and not form.is_bound:
        sujet, corps = form.instance.sujet, form.instance.corps
    contexte = service_emails.contexte_exemple(appel, nature, base)
    try:
        return service_emails.rendre(sujet, corps, contexte)
    except Exception:  # a syntax error is reported by the form itself
        return None
