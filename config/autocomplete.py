"""Autocomplete results that say enough to pick the right record.

Django's autocomplete names each result by ``str(obj)``: a quote by its first words, an actor
by its name. A model admin may define ``autocomplete_label(obj)`` to say more (a quote's
source and date, an actor's kind and parent); this view, mounted over the admin's own
``admin/autocomplete/`` (config/urls.py), uses it, and keeps everything else of Django's view:
permissions, search, pagination.
"""

from django.contrib.admin.views.autocomplete import AutocompleteJsonView


class LabelledAutocompleteView(AutocompleteJsonView):
    def process_request(self, request):
        term, model_admin, source_field, to_field_name = super().process_request(request)
        # PostgreSQL text cannot hold a NUL character: such a term finds nothing, not a 500.
        return term.replace("\x00", ""), model_admin, source_field, to_field_name

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "autocomplete_label", None)
        if label is not None:
            result["text"] = label(obj)
        return result
