"""Countries as ACLED and UCDP name them, and as the ledger stores them (ISO 3166-1 alpha-2).

ISO 3166-1 (alpha-2, alpha-3, numeric, names) comes from pycountry (Debian's iso-codes), kept
up to date as a library rather than copied here. On top of it: the short names ACLED writes
where they differ from ISO's (``ACLED_NAMES``), Kosovo (``XK``, user-assigned, no numeric code),
and the other names the two datasets use (``ALIASES``). UCDP's historical names in brackets,
"Russia (Soviet Union)", match by the part before the bracket.
"""

import re
import unicodedata

import pycountry

# ACLED's short names where ISO's common name differs; the export writes these.
ACLED_NAMES = {
    "BL": "Saint-Barthelemy",
    "BN": "Brunei",
    "BQ": "Caribbean Netherlands",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CI": "Ivory Coast",
    "CV": "Cape Verde",
    "CZ": "Czech Republic",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "MF": "Saint-Martin",
    "MO": "Macau",
    "PS": "Palestine",
    "RU": "Russia",
    "SX": "Sint Maarten",
    "SZ": "eSwatini",
    "TL": "East Timor",
    "TR": "Turkey",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    "XK": "Kosovo",
}

# Other names ACLED and UCDP use that ISO does not give.
ALIASES = {
    "Bosnia-Herzegovina": "BA",
    "Burma": "MM",
    "Cambodia (Kampuchea)": "KH",
    "Congo": "CG",
    "Congo, DRC": "CD",
    "Cote d'Ivoire": "CI",
    "DR Congo": "CD",
    "DR Congo (Zaire)": "CD",
    "DRC": "CD",
    "Democratic Republic of the Congo": "CD",
    "Gaza Strip": "PS",
    "Great Britain": "GB",
    "Kingdom of eSwatini (Swaziland)": "SZ",
    "Laos": "LA",
    "Macedonia": "MK",
    "Macedonia, FYR": "MK",
    "Madagascar (Malagasy)": "MG",
    "Myanmar (Burma)": "MM",
    "Republic of Kosovo": "XK",
    "Republic of the Congo": "CG",
    "Serbia (Yugoslavia)": "RS",
    "Swaziland": "SZ",
    "Turkiye": "TR",
    "UAE": "AE",
    "UK": "GB",
    "USA": "US",
    "United States of America": "US",
    "West Bank": "PS",
    "Yemen (North Yemen)": "YE",
    "Zaire": "CD",
    "Zimbabwe (Rhodesia)": "ZW",
}


def _key(name: str) -> str:
    letters = "".join(
        c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
    )
    return re.sub(r"[^a-z0-9]+", " ", letters.lower()).strip()


def iso_names(country) -> list[str]:
    """A pycountry country's names: common, short and official, each once."""
    names = [getattr(country, "common_name", None), country.name]
    names.append(getattr(country, "official_name", None))
    return list(dict.fromkeys(n for n in names if n))


SHORT_NAME: dict[str, str] = {}
NUMERIC: dict[str, int | None] = {}
ALPHA3: dict[str, str] = {}
_BY_NAME: dict[str, str] = {}
_BY_NUMERIC: dict[int, str] = {}
for _country in pycountry.countries:
    _code = _country.alpha_2
    SHORT_NAME[_code] = ACLED_NAMES.get(_code) or iso_names(_country)[0]
    NUMERIC[_code] = int(_country.numeric)
    ALPHA3[_code] = _country.alpha_3
    _BY_NUMERIC[int(_country.numeric)] = _code
    for _name in (SHORT_NAME[_code], *iso_names(_country), _code):
        _BY_NAME.setdefault(_key(_name), _code)
SHORT_NAME["XK"], NUMERIC["XK"], ALPHA3["XK"] = "Kosovo", None, "XKX"
_BY_NAME.setdefault(_key("Kosovo"), "XK")
_BY_NAME.setdefault(_key("XK"), "XK")
for _name, _code in ALIASES.items():
    _BY_NAME[_key(_name)] = _code
_BY_ALPHA3 = {alpha3: code for code, alpha3 in ALPHA3.items()}


def code_from_name(name: str) -> str | None:
    """The alpha-2 code of a country named as ACLED, UCDP or ISO name it, any case; or None."""
    code = _BY_NAME.get(_key(name))
    if code is None and "(" in name:
        code = _BY_NAME.get(_key(name.split("(", 1)[0]))
    return code


def code_from_numeric(numeric: int) -> str | None:
    return _BY_NUMERIC.get(numeric)


def code_from_any(value: str) -> str | None:
    """The alpha-2 code of a country given as alpha-2, alpha-3, ISO numeric (ACLED's ``iso``)
    or an English name, any case; or None."""
    value = value.strip()
    if re.fullmatch(r"[0-9]{1,3}", value):
        return code_from_numeric(int(value))
    if re.fullmatch(r"[A-Za-z]{2}", value):
        return value.upper() if value.upper() in SHORT_NAME else None
    if re.fullmatch(r"[A-Za-z]{3}", value) and value.upper() in _BY_ALPHA3:
        return _BY_ALPHA3[value.upper()]
    return code_from_name(value) if value else None


def aliases_of(code: str) -> list[str]:
    """What a state actor is also called: its ISO codes and names (ACLED's short one too)."""
    country = pycountry.countries.get(alpha_2=code)
    names = [code, ALPHA3.get(code, ""), SHORT_NAME.get(code, "")]
    if country is not None:
        names += iso_names(country)
    names += [alias for alias, aliased in ALIASES.items() if aliased == code and "(" not in alias]
    return [n for n in dict.fromkeys(names) if n]
