"""Settings for the clinic portal, read from the environment (see README.md)."""

import datetime
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from clinic.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only-never-use-this-key-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "clinic",
    "leaflets",
    "patients",
    "clinic.admin_site.ClinicAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "clinic.middleware_headers.PrivacyHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "clinic.middleware.Utf8FormsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "clinic.middleware_mfa.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "clinic.middleware_sessions.SessionTimeoutMiddleware",
    "clinic.middleware_mfa.MFARequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clinic.urls"
WSGI_APPLICATION = "clinic.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clinic.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
VAR_DIR.mkdir(exist_ok=True)
ENGINE_OPTIONS = {
    # Several requests write at once (two patients reporting at the same moment): WAL lets
    # readers go on while one writes, IMMEDIATE takes the write lock when a transaction
    # starts (so none fails on upgrading a read lock), and a writer waits up to 20 s for the
    # lock instead of failing with "database is locked".
    "django.db.backends.sqlite3": {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
    },
    # Parameters sent apart from the SQL, and a query a connection has run 5 times prepared
    # (psycopg's prepare_threshold): the server plans it once instead of on every request
    # (planning the patient pages' queries took longer than running them). Behind a pooler
    # that cannot keep prepared statements, set DATABASE_PREPARE_THRESHOLD=0.
    "django.db.backends.postgresql": {
        "server_side_binding": env_bool("DATABASE_SERVER_SIDE_BINDING", default=True),
        "prepare_threshold": env_int("DATABASE_PREPARE_THRESHOLD", 5) or None,
    },
}


def database(url: str) -> dict:
    config = dj_database_url.parse(
        url, conn_max_age=env_int("CONN_MAX_AGE", 60), conn_health_checks=True
    )
    config["OPTIONS"] = {**ENGINE_OPTIONS.get(config["ENGINE"], {}), **config.get("OPTIONS", {})}
    return config


DATABASES = {"default": database(env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Users and authentication
AUTH_USER_MODEL = "clinic.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "clinic.backends.LoginNameLengthGuard",
    # Django's ModelBackend, loading the patient's or dermatologist's profile with the user.
    "patients.backends.ProfileBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["email", "full_name"]},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

# Brute-force protection (clinic/throttle.py). Failed logins are counted per account (the
# e-mail in any letter case), per client address and per both; any count at its limit
# pauses logging in for AXES_COOLOFF_TIME, never for good.
AXES_HANDLER = "clinic.throttle.LoginThrottle"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)  # one account from one address
LOGIN_FAILURE_LIMIT_PER_ACCOUNT = env_int("LOGIN_FAILURE_LIMIT_PER_ACCOUNT", 10)
LOGIN_FAILURE_LIMIT_PER_ADDRESS = env_int("LOGIN_FAILURE_LIMIT_PER_ADDRESS", 20)
LOGIN_COOLOFF_MINUTES = env_int("LOGIN_COOLOFF_MINUTES", 60)
if LOGIN_COOLOFF_MINUTES < 1:
    raise ImproperlyConfigured("LOGIN_COOLOFF_MINUTES must be at least 1 (no permanent locks).")
AXES_COOLOFF_TIME = datetime.timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address", ["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "clinic.throttle.login_username"
AXES_CLIENT_IP_CALLABLE = "clinic.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "clinic.throttle.lockout_response"
AXES_RESET_ON_SUCCESS = True  # only that account from that address (LoginThrottle)
AXES_VERBOSE = False
# The login form keeps Django's field name `username` (design contract), holding the e-mail.
AXES_USERNAME_FORM_FIELD = "username"
# Number of reverse proxies of our own in front of the app. 0: X-Forwarded-For is ignored.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Password reset requests: at most this many per e-mail address and per client address in
# PASSWORD_RESET_THROTTLE_SECONDS; further requests get the same answer and no mail.
PASSWORD_RESET_LIMIT_PER_EMAIL = env_int("PASSWORD_RESET_LIMIT_PER_EMAIL", 3)
PASSWORD_RESET_LIMIT_PER_ADDRESS = env_int("PASSWORD_RESET_LIMIT_PER_ADDRESS", 10)
PASSWORD_RESET_THROTTLE_SECONDS = 60 * 60

# Internationalisation
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "clinic" / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365

# Static files, served by whitenoise
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
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

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: the console in development, SMTP otherwise.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Hudklinikken <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: django-tasks with its database backend; `manage.py db_worker` runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Scale-out: shared cache and sessions, optional read replica (README "Scaling out") ---
# App servers keep no state of their own, so any number of them can run behind a load
# balancer. Whatever must be shared (sessions, login lock-outs, tasks, mail) lives in
# PostgreSQL, or in Redis when REDIS_URL is set; nothing is written to local disk.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "clinic.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "clinic",
            # A hung Redis fails the request in seconds instead of holding a worker.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # Sessions are read from Redis and written through to the database, so a Redis restart
    # or eviction does not log everyone out (plain "cache" sessions would).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    # Without Redis the cache is a table every worker and host shares (`migrate` creates it),
    # never a per-process memory cache that would differ between workers.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "clinic_cache",
        }
    }
# Login lock-outs (AXES_HANDLER above) are rows in the database, seen by every app server.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
# After a POST a browser reads from the primary for this long (longer than the replica's lag).
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 10)
if DATABASE_REPLICA_URL:
    # Under test the replica is the test database itself.
    DATABASES["replica"] = {**database(DATABASE_REPLICA_URL), "TEST": {"MIRROR": "default"}}
    DATABASE_ROUTERS = ["clinic.db_router.ReplicaRouter"]
    MIDDLEWARE = ["clinic.db_router.PrimaryAfterWriteMiddleware", *MIDDLEWARE]
# --- end of scale-out ---

# Security headers. Behind a proxy that terminates TLS, it must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# The __Host- prefix binds the cookies to this host over HTTPS (path "/", no domain).
SESSION_COOKIE_DOMAIN = CSRF_COOKIE_DOMAIN = None
SESSION_COOKIE_PATH = CSRF_COOKIE_PATH = "/"
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# Content Security Policy: only our own scripts, styles and images; no third parties.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Bootstrap's stylesheet draws the menu button, check boxes and select arrows as
        # data: SVG images, so every page needs them; an image cannot run script.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Features no page uses are switched off for the page and anything it embeds.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
    "gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), "
    "serial=(), usb=(), xr-spatial-tracking=()"
)

# Sessions end after a time without activity (staff and dermatologists sooner) and at the
# latest a fixed time after login, whatever the activity.
SESSION_IDLE_MINUTES_STAFF = env_int("SESSION_IDLE_MINUTES_STAFF", 30)
SESSION_IDLE_MINUTES_PATIENT = env_int("SESSION_IDLE_MINUTES_PATIENT", 60)
SESSION_ABSOLUTE_HOURS = env_int("SESSION_ABSOLUTE_HOURS", 12)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_HOURS * 60 * 60

# Two-step login (django-otp): required for staff and dermatologists, optional for patients
# unless the clinic turns this on.
MFA_REQUIRED_FOR_PATIENTS = env_bool("MFA_REQUIRED_FOR_PATIENTS", default=False)
# The admin never shows a user's authenticator secret or QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Axes logs every login; failures and lock-outs (WARNING) are what operators need.
    "loggers": {"axes": {"level": "WARNING"}},
}

CLINIC_NAME = env_str("CLINIC_NAME", "Hudklinikken")
# A leaflet version can be published only when it has a text in each of these languages.
LEAFLET_REQUIRED_LANGUAGES = env_list("LEAFLET_REQUIRED_LANGUAGES", ["nb", "en"])
# The name authenticator apps show next to the code.
OTP_TOTP_ISSUER = CLINIC_NAME

# The dermatologist's overview lists leaflets still unconfirmed after this many days.
UNCONFIRMED_AFTER_DAYS = env_int("UNCONFIRMED_AFTER_DAYS", 7)
