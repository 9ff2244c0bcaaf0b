from django import template

register = template.Library()


@register.simple_tag
def widget_accessible(champ):
    """Render a field's widget described by its help text and its errors (RGAA 11.10)."""
    ids = []
    if champ.help_text:
        ids.append(f"{champ.auto_id}_helptext")
    if champ.errors:
        ids.append(f"{champ.auto_id}_erreurs")
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    return champ.as_widget(attrs=attrs)
