"""Form rendering shared by every form (labelled fields, described errors, an error summary),
and the formatted-text field: Markdown typed, cleaned HTML stored, a preview on demand."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from .html import BALISES
from .texte import html_vers_markdown, markdown_vers_html

# The name of the submit button asking for a preview (its value: the field's HTML name).
CLE_APERCU = "apercu"
AIDE_MARKDOWN = _(
    "Mise en forme : **gras**, *italique*, une ligne vide entre deux paragraphes, "
    "« - » en début de ligne pour une liste, [texte du lien](https://adresse), ### pour un intertitre."
)


class EssaimFormRenderer(TemplatesSetting):
    form_template_name = "components/form.html"
    field_template_name = "components/form_field.html"


class EditeurTexte(forms.Textarea):
    """A textarea with a « Prévisualiser » button and a labelled, polite live preview zone.

    With htmx the button posts the text to ``commun:apercu_texte`` and fills the zone; without
    JavaScript it submits the form with ``apercu=<name>`` and the page comes back with the
    preview (see ``apercu_demande``)."""

    template_name = "commun/widgets/texte_mis_en_forme.html"

    def __init__(self, attrs=None, balises=BALISES):
        super().__init__({"rows": 8, **(attrs or {})})
        self.balises = balises
        self.apercu = None

    def value_from_datadict(self, data, files, name):
        valeur = super().value_from_datadict(data, files, name)
        if data.get(CLE_APERCU) == name:
            self.apercu = markdown_vers_html(valeur, self.balises)
        return valeur

    def get_context(self, name, value, attrs):
        contexte = super().get_context(name, value, attrs)
        contexte["widget"].update(cle_apercu=CLE_APERCU, apercu=self.apercu)
        return contexte


class _ChampTexteLie(forms.BoundField):
    def value(self):
        # Unbound: the stored HTML is shown as Markdown. Bound: what the person typed, as is.
        if not self.form.is_bound:
            return self.field.en_markdown(self.initial)
        return self.data


class ChampTexteMisEnForme(forms.CharField):
    """Formatted text: the form shows Markdown, ``cleaned_data`` holds HTML cleaned by the one
    policy (``commun/html.py``). ``max_length`` counts the Markdown typed."""

    def __init__(self, *, balises=BALISES, max_length=10000, help_text=AIDE_MARKDOWN, **kwargs):
        self.balises, self.longueur_max = balises, max_length
        kwargs.setdefault("widget", EditeurTexte(balises=balises))
        super().__init__(help_text=help_text, **kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "maxlength": str(self.longueur_max)}

    def en_markdown(self, html) -> str:
        return html_vers_markdown(html, self.balises) if html else ""

    def to_python(self, value):
        texte = super().to_python(value)
        if len(texte) > self.longueur_max:
            raise ValidationError(
                _("Le texte compte %(n)s caractères : %(max)s au maximum.")
                % {"n": len(texte), "max": self.longueur_max}
            )
        return markdown_vers_html(texte, self.balises)

    def has_changed(self, initial, data):
        return _normaliser(data) != _normaliser(self.en_markdown(initial))

    def _clean_bound_field(self, bf):
        html = super()._clean_bound_field(bf)  # validated as usual (length, required)
        if bf.initial and not self.has_changed(bf.initial, bf.data):
            return bf.initial  # untouched text: the stored HTML stays as it was, no false change
        return html

    def get_bound_field(self, form, field_name):
        return _ChampTexteLie(form, self, field_name)


def _normaliser(texte) -> str:
    return "\n".join(ligne.rstrip() for ligne in (texte or "").replace("\r\n", "\n").strip().splitlines())


def apercu_demande(form) -> bool:
    """True when the POST only asks for a preview (no JavaScript): the view shows the form again
    with the preview, without saving and without an error summary (a preview is not a send)."""
    if form.is_bound and form.data.get(CLE_APERCU):
        form._errors = ErrorDict()
        form.cleaned_data = {}
        return True
    return False
