"""Exchange with other conflict datasets: ACLED and UCDP GED files in and out, demo data.

An imported row is kept whole as a *dataset record*: a Source (kind "dataset", publisher
"ACLED" or "UCDP") whose body is the row, one ``column: value`` line per column, so that every
claim the import makes rests on a verbatim quote of the line that says it ("fatalities: 5"),
and the columns the ledger has no field for (ACLED's inter codes, UCDP's dyad ids...) survive
a round trip. ``formats`` describes the record, ``datasets`` the mapping of each column.
"""
