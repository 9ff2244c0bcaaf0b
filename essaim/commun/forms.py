"""Form rendering shared by every form: labelled fields, described errors, an error summary."""

from django.forms.renderers import TemplatesSetting


class EssaimFormRenderer(TemplatesSetting):
    form_template_name = "components/form.html"
    field_template_name = "components/form_field.html"
