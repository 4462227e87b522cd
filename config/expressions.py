"""Query expressions the models share."""

from django.db.models import Exists


class Probe(Exists):
    """EXISTS that PostgreSQL runs as a probe per outer row, through the subquery's indexes.

    A plain EXISTS may be planned as one hashed pass over every row the subquery could match:
    for "is this quote public?" that is every public claim of a million incidents, seconds for
    a page of fifty. ``OFFSET 0`` forbids that rewrite (the planner will not turn a subquery
    with an offset into a join or a hashed set), whatever the statistics say.
    """

    template = "EXISTS(%(subquery)s OFFSET 0)"
