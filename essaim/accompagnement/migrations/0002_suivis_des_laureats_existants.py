"""Open the follow-up files of applications retained before this module existed."""

from django.db import migrations


def ouvrir(apps, schema_editor):
    Candidature = apps.get_model("appels", "Candidature")
    Suivi = apps.get_model("accompagnement", "Suivi")
    retenues = Candidature.objects.filter(statut="decidee", decision="retenue", suivi__isnull=True)
    for c in retenues.select_related("appel").iterator():
        reponses = c.reponses or {}
        titre = next(
            (
                reponses[k]
                for k in ("titre", "intitule", "titre_atelier", "nom_projet", "projet")
                if reponses.get(k)
            ),
            c.nom_structure or f"Candidature n° {c.pk}",
        )
        Suivi.objects.create(
            nature="laureat",
            region_id=c.appel.region_id,
            titre=str(titre)[:250],
            structure_id=c.structure_id,
            candidature=c,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accompagnement", "0001_initial"),
        ("appels", "0005_fichiers_prives"),
    ]

    operations = [migrations.RunPython(ouvrir, migrations.RunPython.noop)]
