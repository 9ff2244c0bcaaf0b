"""Forms of the directory (French errors naming the field and the value)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from essaim.commun.bornes import ENTIER_MAX
from essaim.commun.ess import FamilleESS
from essaim.commun.forms import ChampTexteMisEnForme
from essaim.commun.normalisation import normaliser_nom
from essaim.territoires.forms import CommuneField
from essaim.territoires.models import EPCI, Commune, Departement, Region

from . import validators
from .enums import MotifSignalement, TrancheEffectifs
from .models import Agrement, Lieu, ReglageRegion, Theme, Transition
from .services.fiches import CHAMPS_LIEU, CHAMPS_M2M, CHAMPS_SIMPLES

RESEAUX = {
    "facebook.com": "facebook",
    "instagram.com": "instagram",
    "linkedin.com": "linkedin",
    "youtube.com": "youtube",
    "x.com": "x",
    "twitter.com": "x",
    "mastodon": "mastodon",
    "bsky.app": "bluesky",
}
HONEYPOT_AIDE = _("Laissez ce champ vide.")


class ChampPiege(forms.CharField):
    """Honeypot: hidden from people by CSS, filled by bots."""

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            label=_("Site internet (ne pas remplir)"),
            help_text=HONEYPOT_AIDE,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1", "class": "champ-piege"}),
            **kwargs,
        )


class ChampImage(forms.ImageField):
    """Checks the size first, so an oversized upload gets the size error, not a decoding one."""

    def to_python(self, data):
        if data and getattr(data, "size", 0) > validators.TAILLE_MAX_IMAGE:
            raise ValidationError(
                _("L'image « %(n)s » pèse %(t)s Ko : 5 Mo au maximum.")
                % {"n": data.name, "t": data.size // 1024}
            )
        if data:
            validators.refuser_trop_de_pixels(data)  # from the header, before anything decodes it
        return super().to_python(data)


class SignalementForm(forms.Form):
    motif = forms.ChoiceField(label=_("Motif"), choices=MotifSignalement.choices, widget=forms.RadioSelect)
    commentaire = forms.CharField(
        label=_("Commentaire (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    email = forms.EmailField(label=_("Votre e-mail (facultatif, pour être tenu·e informé·e)"), required=False)
    site_internet = ChampPiege()


class RechercheInscriptionForm(forms.Form):
    recherche = forms.CharField(
        label=_("SIRET, SIREN ou nom de votre structure"),
        min_length=2,
        max_length=200,
        help_text=_("Le SIRET figure sur vos factures et sur annuaire-entreprises.data.gouv.fr."),
    )


def _choix_multiples(modele, libelle):
    return forms.ModelMultipleChoiceField(
        label=libelle,
        queryset=modele.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ListeTerritoiresField(forms.CharField):
    """Several communes or EPCI typed as text, separated by « ; » or new lines."""

    def __init__(self, *, modele, **kwargs):
        self.modele = modele
        super().__init__(required=False, widget=forms.Textarea(attrs={"rows": 2}), **kwargs)

    def _un(self, morceau):
        if self.modele is Commune:
            return CommuneField().clean(morceau)
        code = morceau.rsplit("(", 1)[-1].rstrip(")").strip() if morceau.endswith(")") else morceau
        trouve = EPCI.objects.filter(code=code).first() or next(
            (
                e
                for e in EPCI.objects.filter(nom__icontains=morceau[:40])
                if normaliser_nom(e.nom) == normaliser_nom(morceau)
            ),
            None,
        )
        if trouve is None:
            raise ValidationError(
                _("EPCI « %(v)s » inconnu : saisissez son nom exact ou son SIREN.") % {"v": morceau}
            )
        return trouve

    def clean(self, value):
        valeur = super().clean(value)
        morceaux = [m.strip() for m in valeur.replace("\n", ";").split(";") if m.strip()]
        return [self._un(m) for m in morceaux]

    @staticmethod
    def texte(modele, codes) -> str:
        objets = modele.objects.filter(code__in=codes or [])
        if modele is Commune:
            return " ; ".join(o.libelle for o in objets)
        return " ; ".join(f"{o.nom} ({o.code})" for o in objets)


class StructureForm(forms.Form):
    """The record form (registration and edit). ``donnees()`` gives the snapshot shape."""

    nom = forms.CharField(label=_("Nom de la structure"), max_length=250)
    sigle = forms.CharField(label=_("Sigle"), max_length=50, required=False)
    description = ChampTexteMisEnForme(label=_("Présentation"), required=False, max_length=10000)
    siret = forms.CharField(label=_("SIRET du siège"), required=False, max_length=20)
    rna = forms.CharField(label=_("Numéro RNA (associations)"), required=False, max_length=12)
    categorie_juridique = forms.CharField(label=_("Catégorie juridique INSEE"), required=False, max_length=4)
    naf = forms.CharField(label=_("Code NAF / APE"), required=False, max_length=6)
    tranche_effectifs = forms.ChoiceField(
        label=_("Effectifs"), required=False, choices=[("", _("Non renseigné")), *TrancheEffectifs.choices]
    )
    themes = _choix_multiples(Theme, _("Thèmes de transition"))
    transitions = _choix_multiples(Transition, _("Transitions"))
    agrements = _choix_multiples(Agrement, _("Statuts et agréments"))
    territoire_regions = forms.ModelMultipleChoiceField(
        label=_("Régions d'action"),
        queryset=Region.objects.order_by("nom"),
        to_field_name="code",
        required=False,
    )
    territoire_departements = forms.ModelMultipleChoiceField(
        label=_("Départements d'action"),
        queryset=Departement.objects.order_by("code"),
        to_field_name="code",
        required=False,
    )
    territoire_epcis = ListeTerritoiresField(
        modele=EPCI, label=_("EPCI d'action (nom exact ou SIREN, séparés par « ; »)")
    )
    territoire_communes = ListeTerritoiresField(
        modele=Commune, label=_("Communes d'action (nom ou code INSEE, séparés par « ; »)")
    )
    site_web = forms.URLField(label=_("Site web"), required=False, max_length=300, assume_scheme="https")
    email_public = forms.EmailField(label=_("E-mail de contact public"), required=False)
    telephone = forms.CharField(label=_("Téléphone"), required=False, max_length=30)
    reseaux = forms.CharField(
        label=_("Réseaux sociaux (un lien par ligne)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lieu_adresse = forms.CharField(label=_("Adresse"), required=False, max_length=300)
    lieu_code_postal = forms.CharField(label=_("Code postal"), required=False, max_length=5)
    lieu_commune = CommuneField(label=_("Commune"))
    lieu_horaires = forms.CharField(
        label=_("Horaires d'ouverture"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    logo = ChampImage(
        label=_("Logo (JPEG, PNG ou WebP, 5 Mo au plus)"),
        required=False,
        validators=[validators.valider_image],
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=ENTIER_MAX)

    def clean_siret(self):
        valeur = self.cleaned_data["siret"]
        return validators.valider_siret(valeur) if valeur else ""

    def clean_rna(self):
        valeur = self.cleaned_data["rna"]
        return validators.valider_rna(valeur) if valeur else ""

    def clean_categorie_juridique(self):
        valeur = self.cleaned_data["categorie_juridique"]
        return validators.valider_categorie_juridique(valeur) if valeur else ""

    def clean_naf(self):
        valeur = self.cleaned_data["naf"]
        return validators.valider_naf(valeur) if valeur else ""

    def clean_lieu_code_postal(self):
        valeur = self.cleaned_data["lieu_code_postal"]
        return validators.valider_code_postal(valeur) if valeur else ""

    def clean_reseaux(self):
        liens, validateur = {}, URLValidator(schemes=["http", "https"])
        for ligne in self.cleaned_data["reseaux"].split():
            url = ligne if "://" in ligne else f"https://{ligne}"
            try:
                validateur(url)
            except ValidationError:
                raise ValidationError(_("« %(v)s » n'est pas une adresse web valide.") % {"v": ligne})
            reseau = next((nom for domaine, nom in RESEAUX.items() if domaine in url), "autre")
            cle, n = reseau, 2
            while cle in liens:
                cle, n = f"{reseau}-{n}", n + 1
            liens[cle] = url
        return liens

    def clean(self):
        donnees = super().clean()
        commune, code_postal = donnees.get("lieu_commune"), donnees.get("lieu_code_postal")
        if (
            commune
            and code_postal
            and commune.codes_postaux
            and code_postal not in commune.liste_codes_postaux
        ):
            self.add_error(
                "lieu_code_postal",
                _("Le code postal %(cp)s ne correspond pas à %(commune)s (codes : %(codes)s).")
                % {
                    "cp": code_postal,
                    "commune": commune.nom,
                    "codes": ", ".join(commune.liste_codes_postaux),
                },
            )
        return donnees

    def donnees(self) -> dict:
        d = self.cleaned_data
        resultat = {champ: d.get(champ) or "" for champ in CHAMPS_SIMPLES}
        resultat["reseaux_sociaux"] = d.get("reseaux") or {}
        for champ in CHAMPS_M2M:
            resultat[champ] = sorted(o.code for o in d.get(champ) or [])
        for cle in CHAMPS_LIEU:
            resultat[cle] = d.get(cle) or ""
        resultat["lieu_commune"] = d["lieu_commune"].code if d.get("lieu_commune") else ""
        return resultat

    @staticmethod
    def initial_depuis(donnees: dict, version: int | None = None) -> dict:
        initial = {k: v for k, v in donnees.items() if k not in ("reseaux_sociaux", "logo")}
        initial["reseaux"] = "\n".join((donnees.get("reseaux_sociaux") or {}).values())
        initial["territoire_communes"] = ListeTerritoiresField.texte(
            Commune, donnees.get("territoire_communes")
        )
        initial["territoire_epcis"] = ListeTerritoiresField.texte(EPCI, donnees.get("territoire_epcis"))
        if version is not None:
            initial["version"] = version
        return initial


class RevendicationForm(forms.Form):
    fonction = forms.CharField(label=_("Votre fonction dans la structure"), max_length=150)
    message = forms.CharField(
        label=_("Message à l'équipe (facultatif)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class LienMagiqueForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail d'un·e gestionnaire de la fiche"))
    site_internet = ChampPiege()


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message envoyé à la personne (obligatoire pour un refus)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class ReglageForm(forms.ModelForm):
    class Meta:
        model = ReglageRegion
        fields = ["mode_moderation", "delai_fraicheur_jours"]
        widgets = {"mode_moderation": forms.RadioSelect}


class ImportForm(forms.Form):
    fichier = forms.FileField(
        label=_("Fichier CSV ou XLSX"), help_text=_("UTF-8, UTF-8 BOM ou Windows-1252 ; séparateur , ou ;")
    )
    source = forms.SlugField(
        label=_("Nom court de la source"),
        initial="import",
        max_length=50,
        help_text=_("Sert à la provenance des champs et à l'identifiant source."),
    )

    def clean_fichier(self):
        fichier = self.cleaned_data["fichier"]
        if fichier.size > 50 * 1024 * 1024:
            raise ValidationError(_("Le fichier dépasse 50 Mo."))
        if not fichier.name.lower().endswith((".csv", ".txt", ".xlsx", ".tsv")):
            raise ValidationError(
                _("« %(n)s » : seuls les fichiers .csv et .xlsx sont acceptés.") % {"n": fichier.name}
            )
        return fichier


class CorrespondanceForm(forms.Form):
    """One select per importer column, listing the file's headers."""

    dry_run = forms.BooleanField(label=_("Simulation (rien n'est enregistré)"), required=False, initial=True)

    def __init__(self, *args, colonnes=(), entetes=(), initiale=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.colonnes = colonnes
        choix = [("", _("— ignorer —")), *((e, e) for e in entetes)]
        for colonne in colonnes:
            self.fields[f"col_{colonne.cle}"] = forms.ChoiceField(
                label=colonne.libelle + (" *" if colonne.obligatoire else ""),
                choices=choix,
                required=False,
                initial=(initiale or {}).get(colonne.cle, ""),
            )

    def clean(self):
        donnees = super().clean()
        for colonne in self.colonnes:
            if colonne.obligatoire and not donnees.get(f"col_{colonne.cle}"):
                self.add_error(
                    f"col_{colonne.cle}", _("La colonne « %(c)s » est obligatoire.") % {"c": colonne.libelle}
                )
        return donnees

    def correspondance(self) -> dict:
        return {
            c.cle: self.cleaned_data[f"col_{c.cle}"]
            for c in self.colonnes
            if self.cleaned_data.get(f"col_{c.cle}")
        }


class LieuForm(forms.ModelForm):
    """A secondary place (the main one is edited with the record)."""

    commune = CommuneField(label=_("Commune"))

    class Meta:
        model = Lieu
        fields = ["nom", "siret", "adresse", "code_postal", "commune", "horaires"]
        widgets = {"horaires": forms.Textarea(attrs={"rows": 2})}

    def clean_siret(self):
        valeur = self.cleaned_data["siret"]
        return validators.valider_siret(valeur) if valeur else ""

    def clean_code_postal(self):
        valeur = self.cleaned_data["code_postal"]
        return validators.valider_code_postal(valeur) if valeur else ""


class FamilleForm(forms.Form):
    """Staff override of the ESS family derived from the legal category."""

    famille = forms.ChoiceField(
        label=_("Famille de l'ESS"), choices=[("", _("— déduite —")), *FamilleESS.choices], required=False
    )
    famille_forcee = forms.BooleanField(label=_("Forcer cette famille (ne plus la déduire)"), required=False)
