"""Personal data held by strategic plans: the objectives a person owns, the measures and notes
they entered (the rows stay, their author is emptied when the account is deleted)."""

from django.utils.translation import gettext_lazy as _

from essaim.comptes.rgpd import enregistrer


@enregistrer("pilotage", titre=_("Orientations stratégiques"))
def donnees_pilotage(user) -> dict:
    from .models import Mesure, NoteAvancement, Objectif

    return {
        "objectifs_dont_vous_etes_responsable": list(
            Objectif.objects.filter(responsable=user).values_list("titre", flat=True)
        ),
        "mesures_saisies": [
            {
                "indicateur": m.indicateur.libelle,
                "periode": m.periode,
                "valeur": str(m.valeur),
                "date": m.date.isoformat(),
            }
            for m in Mesure.objects.filter(saisie_par=user).select_related("indicateur")
        ],
        "notes_d_avancement": [
            {"objectif": n.objectif.titre, "periode": n.periode, "texte": n.texte}
            for n in NoteAvancement.objects.filter(auteur=user).select_related("objectif")
        ],
    }
