"""Django settings for Koers.

SQLite under var/ by default; PostgreSQL when DATABASE_URL is set. Secrets and production
switches come from the environment (see docs/deploy.md).
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("KOERS_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


DEBUG = os.environ.get("KOERS_DEBUG", "1") == "1"


def _secret_key() -> str:
    """Production sets KOERS_SECRET_KEY, the same on every app server (it signs sessions and
    open-link sessions); a development machine gets one generated under var/."""
    if key := os.environ.get("KOERS_SECRET_KEY"):
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "KOERS_DEBUG=0 needs KOERS_SECRET_KEY: every app server must sign with the same key (see docs/deploy.md)."
        )
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h for h in os.environ.get("KOERS_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("KOERS_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "koers.organisations.admin_apps.AuditedAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "koers.organisations",
    "koers.catalog",
    "koers.trajectories",
    "koers.instruments",
    "koers.networks",
    "koers.plans",
    "koers.surveys",
    "koers.visits",
    "koers.careers",
    "koers.observations",
    "koers.teams",
    "koers.werkdocument",
    "koers.reports",
    "koers.privacy",
    "koers.staff",
    "koers.home",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "koers.organisations.language.PersonalLanguage",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "koers.headers.PrivatePages",
    "koers.auth_guard.IdleSessions",
    "koers.organisations.second_factor.SecondFactorGate",
    "koers.errors.MethodNotAllowedPage",
]

ROOT_URLCONF = "koers.urls"
WSGI_APPLICATION = "koers.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "koers.home.context.navigation",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "koers.sqlite3",
            # WAL lets readers go on while one request writes; IMMEDIATE avoids
            # "database is locked" on upgrade from a read to a write transaction. A 64 MiB
            # page cache keeps the index pages that survey answers are inserted into in memory.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organisations.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["koers.auth_guard.ThrottledBackend"]
KOERS_LOGIN_FAILURES = (5, 15 * 60)  # failures per account or address, and the wait (s)
KOERS_RESET_REQUESTS = (5, 60 * 60)  # password-reset requests per address, and the window (s)
KOERS_IDLE_MINUTES = int(os.environ.get("KOERS_IDLE_MINUTES", "60"))
SESSION_COOKIE_AGE = 14 * 24 * 60 * 60  # with "stay logged in"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home:index"
LOGOUT_REDIRECT_URL = "login"

# The interface is Dutch whatever the browser asks for; KOERS_LANGUAGE=en switches a whole
# installation to English.
LANGUAGE_CODE = os.environ.get("KOERS_LANGUAGE", "nl")
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns on every request otherwise
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Background work (the PDF report). Development and tests run a task at once, inside the
# request; production sets KOERS_TASKS=database and runs `koers db_worker` beside the app.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if os.environ.get("KOERS_TASKS") == "database"
        else "django_tasks.backends.immediate.ImmediateBackend",
    }
}

MEDIA_ROOT = Path(os.environ.get("KOERS_MEDIA_DIR", VAR_DIR / "media"))

# Development prints mail to the console; production sends by SMTP, because a console
# backend would write every invitation and reset link into the server's output. Choosing it
# anyway takes KOERS_EMAIL_BACKEND set to it explicitly.
EMAIL_BACKEND = os.environ.get(
    "KOERS_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("KOERS_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("KOERS_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("KOERS_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("KOERS_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("KOERS_EMAIL_USE_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("KOERS_DEFAULT_FROM_EMAIL", "Koers <noreply@koers.example>")

if not DEBUG:
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # A proxy that terminates TLS and redirects itself sets KOERS_SSL_REDIRECT=0.
    SECURE_SSL_REDIRECT = os.environ.get("KOERS_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("KOERS_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("KOERS_HSTS_SUBDOMAINS", "1") == "1"
    SECURE_HSTS_PRELOAD = os.environ.get("KOERS_HSTS_PRELOAD", "0") == "1"
    if not SECURE_HSTS_PRELOAD:
        # The preload list binds a whole domain for good: the school's own decision, so
        # `check --deploy` does not nag about it.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Everything the pages use is served by Koers itself; no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Larger posts get our own 400 page; Django's limit, stated so the page can say it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Every log line goes through one handler that masks link tokens (koers.logs); runserver's
# request log (django.server) and Django's "Not Found: <path>" warnings included.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_tokens": {"()": "koers.logs.MaskTokens"}},
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_tokens"], "formatter": "plain"}},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "koers.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("KOERS_LOG_LEVEL", "WARNING")},
}

# One cache for every app server (rate limits live in it): a table in the database unless
# KOERS_CACHE_URL names another backend's location (e.g. a Redis server).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "koers_cache"}}
if os.environ.get("KOERS_CACHE_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["KOERS_CACHE_URL"],
    }

# How many proxies in front of the app servers set X-Forwarded-For (0: use the peer address).
KOERS_TRUSTED_PROXIES = int(os.environ.get("KOERS_TRUSTED_PROXIES", "0"))
# Open survey links, per client address: new drafts and submissions as (count, seconds). A
# class answering from one school network stays within them; a script filling in does not.
KOERS_OPEN_LINK_STARTS = (60, 600)
KOERS_OPEN_LINK_SUBMITS = (20, 600)

# Retention in days, applied by `koers purge` (daily; docs/deploy.md).
# Two-step verification (an authenticator app) is open to everyone; with KOERS_REQUIRE_2FA=1
# admins and board roles must set it up before they see anything else.
KOERS_REQUIRE_2FA = os.environ.get("KOERS_REQUIRE_2FA", "0") == "1"
# Where Koers is reached, for links in mail sent without a request (the daily digest).
KOERS_BASE_URL = os.environ.get("KOERS_BASE_URL", "http://127.0.0.1:8000")
# How long an account invitation's link works; re-sending makes a new link.
KOERS_INVITATION_DAYS = int(os.environ.get("KOERS_INVITATION_DAYS", "14"))

KOERS_RETENTION = {
    "soft_deleted": 30,  # trajectories and rounds an admin can still restore
    "invitation_addresses": int(os.environ.get("KOERS_RETAIN_INVITATIONS_DAYS", "30")),
    "open_link_drafts": int(os.environ.get("KOERS_RETAIN_OPEN_DRAFTS_DAYS", "14")),
    "share_links": 30,  # after they expired or were withdrawn
    "generated_pdfs": int(os.environ.get("KOERS_RETAIN_PDFS_DAYS", "7")),
    "finished_tasks": 7,
    "staff_imports": 1,  # an uploaded staff file between its dry run and its import
    "sign_in_requests": 30,  # a school account's request after it was let in or refused
    "access_log": int(
        os.environ.get("KOERS_RETAIN_ACCESS_LOG_DAYS", "365")
    ),  # queued work keeps its arguments, such as an address asking for a reset
}
