"""PostgreSQL: move the search vectors from a generated column of the wide points table to
the narrow side table ``carte_recherche_pg`` kept by a trigger (see recherche/postgres.py)."""

from django.db import migrations


def convertir(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from essaim.carte.recherche.postgres import SQL_CREATION, SQL_REMPLIR

    schema_editor.execute("DROP INDEX IF EXISTS carte_point_vecteur")
    schema_editor.execute("ALTER TABLE carte_pointcarte DROP COLUMN IF EXISTS vecteur")
    for sql in SQL_CREATION:
        schema_editor.execute(sql)
    schema_editor.execute(SQL_REMPLIR)


class Migration(migrations.Migration):
    dependencies = [("carte", "0005_fts5_prefixe_3")]
    operations = [migrations.RunPython(convertir, migrations.RunPython.noop)]
