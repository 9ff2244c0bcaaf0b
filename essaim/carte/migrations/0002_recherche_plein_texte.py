"""Full-text objects that Django models cannot express, created for the current vendor only:
an FTS5 virtual table and its triggers on SQLite; a generated tsvector column, GIN indexes
and the pg_trgm extension on PostgreSQL."""

from django.db import migrations


def creer(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        from essaim.carte.recherche.sqlite import SQL_CREATION
    elif vendor == "postgresql":
        from essaim.carte.recherche.postgres import SQL_CREATION
    else:
        return
    for sql in SQL_CREATION:
        schema_editor.execute(sql)


def supprimer(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        from essaim.carte.recherche.sqlite import SQL_SUPPRESSION
    elif vendor == "postgresql":
        from essaim.carte.recherche.postgres import SQL_SUPPRESSION
    else:
        return
    for sql in SQL_SUPPRESSION:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("carte", "0001_initial")]
    operations = [migrations.RunPython(creer, supprimer)]
