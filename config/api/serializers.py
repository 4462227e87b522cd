import copy

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import CharField, SlugField
from rest_framework import serializers
from rest_framework.settings import api_settings


def drf_error_detail(error: DjangoValidationError) -> dict:
    """A Django ValidationError as DRF's error detail, with Django's ``__all__`` (errors of no
    one field: ``clean()``, constraints) under DRF's ``non_field_errors``."""
    detail = serializers.as_serializer_error(error)
    if NON_FIELD_ERRORS in detail:
        non_field = detail.pop(NON_FIELD_ERRORS)
        detail[api_settings.NON_FIELD_ERRORS_KEY] = [
            *detail.get(api_settings.NON_FIELD_ERRORS_KEY, []),
            *non_field,
        ]
    return detail


class LowercaseSlugField(serializers.SlugField):
    """A slug in lower case: slugs name records in URLs, whose routes take lower case only,
    so a slug given with capitals is stored lower-cased and reads back by what was given."""

    def to_internal_value(self, data):
        return super().to_internal_value(data).lower()


class StrictPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A record's id as the document types it: a JSON integer, not a string of digits (the
    API reads JSON only, so a string here is the client's mistake, named in a 400)."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


class ModelValidatingSerializer(serializers.ModelSerializer):
    """A write serializer that applies the model's own rules (``full_clean``: field
    validators, ``clean()``, unique and check constraints) and so reports each broken rule as
    a 400 naming its field, before the database would refuse it.

    Values ``clean()`` works out (a quote's offsets) flow back into the validated data.
    Uniqueness is the model's to check too, so DRF's own unique validators are off: they
    would make every field of a unique constraint required.
    """

    serializer_related_field = StrictPrimaryKeyRelatedField
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        SlugField: LowercaseSlugField,
    }

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        for name, value in attrs.items():
            # A text column that can be null keeps no empty text (its constraint says so, as
            # for a URL or an external id): an empty value means none.
            field = _concrete_field(model, name)
            if value == "" and field is not None and field.null and isinstance(field, CharField):
                attrs[name] = None
        many = {f.name for f in model._meta.many_to_many}
        instance = copy.copy(self.instance) if self.instance is not None else model()
        for name, value in attrs.items():
            if name not in many:
                setattr(instance, name, value)
        try:
            instance.full_clean(exclude=list(many), validate_unique=True)
        except DjangoValidationError as error:
            raise serializers.ValidationError(drf_error_detail(error)) from None
        for name in self.Meta.fields:
            if name in attrs or name in many or not hasattr(instance, name):
                continue
            field = self.fields.get(name)
            if field is not None and not field.read_only and getattr(instance, name) is not None:
                attrs[name] = getattr(instance, name)
        return attrs


def _concrete_field(model, name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
