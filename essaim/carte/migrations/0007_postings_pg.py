"""PostgreSQL: posting lists (``carte_postings_pg``) so matching a common word reads a few
compressed arrays instead of one heap page per match; the trigger now keeps them too.
Both backends: cluster cells finer than level 12 are no longer kept (the map groups the
points of those zooms from the in-memory positions)."""

from django.db import migrations


def creer(apps, schema_editor):
    schema_editor.execute("DELETE FROM carte_cellulecarte WHERE niveau > 12")
    if schema_editor.connection.vendor != "postgresql":
        return
    from essaim.carte.recherche.postgres import SQL_CREATION, SQL_REMPLIR_POSTINGS

    for sql in [*SQL_CREATION, *SQL_REMPLIR_POSTINGS]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("carte", "0006_recherche_pg_table_etroite")]
    operations = [migrations.RunPython(creer, migrations.RunPython.noop)]
