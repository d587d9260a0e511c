"""Settings read from environment variables, with defaults that run the mall on one machine.

Every default is safe for a laptop: a SQLite file and folders under `./var/`, a JWT signing key and a
secret generated there on first use. Production sets `DATABASE_URL`, `PUBLIC_URL` and the keys.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

RSA_KEY_BITS = 2048
STRIPE_API_BASE = "https://api.stripe.com"
STRIPE_JS_URL = "https://js.stripe.com/v3/"
# Set by `mall serve --demo` for the app it serves: the app then also plays the demo partners' APIs.
DEMO_MODE = "MALL_DEMO"


@dataclass(frozen=True)
class Settings:
    """The whole configuration of one mall process; built once by `Settings.from_environ`."""

    database_url: str
    public_url: str
    var_dir: Path
    storage_dir: Path
    mail_dir: Path
    jwt_private_key_pem: str
    secret_key: str
    shop_name: str = "Points Mall"
    debug: bool = False
    account_confirmation_required: bool = False
    access_token_ttl: timedelta = timedelta(minutes=5)
    refresh_token_ttl: timedelta = timedelta(days=30)
    max_query_cost: int = 50_000
    max_query_depth: int = 20
    max_aliases: int = 100
    max_mutations: int = 4
    max_batch: int = 1
    max_body_bytes: int = 1_000_000
    max_upload_bytes: int = 12_000_000
    response_cache_seconds: float = 0.0
    # Products' rendered answers reused by list pages while their render versions hold
    # (mall/graphql/planned/reuse.py): how many are kept per worker, and for how long at most. Keep the age
    # well below the S3 media URLs' expiry (an hour), since an answer holds its signed thumbnail URL.
    render_cache_entries: int = 10_000
    render_cache_seconds: float = 300.0
    # Catalogue reads run on query plans (mall/graphql/planned) instead of graphql-core's executor.
    planned_execution: bool = True
    # Stripe (the cash part of points + cash redemptions): off while no secret key is set.
    stripe_secret_key: str = ""
    stripe_publishable_key: str = ""
    stripe_api_base: str = STRIPE_API_BASE
    stripe_js_url: str = STRIPE_JS_URL
    stripe_webhook_secret: str = ""
    # Hosts `productMediaCreate(mediaUrl)` may fetch from although they resolve to private addresses (an
    # internal image store); none by default: only public addresses are fetched (kernel/outbound.py).
    media_fetch_private_hosts: frozenset[str] = frozenset()
    # Encrypts digital gifts' codes at rest (a Fernet key, urlsafe base64 of 32 bytes). Empty: a key derived
    # from `secret_key`, so a laptop needs no extra setting. Production sets its own and keeps it safe.
    digital_codes_key: str = ""
    # Browser origins allowed to call /graphql/ from another origin (a Saleor Dashboard served elsewhere),
    # Saleor's ALLOWED_GRAPHQL_ORIGINS; none by default, so production opts in origin by origin.
    allowed_graphql_origins: tuple[str, ...] = ()
    # Notifications (mall/notifications): e-mail as files in `mail_dir` or through Amazon SES; SMS as files
    # in `sms_dir` or through Amazon SNS. Endpoints point boto3 at an AWS-compatible server (moto in tests).
    mail_backend: str = "folder"
    sms_backend: str = "folder"
    sms_dir: Path | None = None
    ses_endpoint_url: str = ""
    sns_endpoint_url: str = ""
    aws_region: str = "us-east-1"
    mail_sender: str = "Points Mall <noreply@pointsmall.local>"
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def graphql_url(self) -> str:
        """The absolute URL of the API; it is the `iss` of every token (Saleor's auth SDK compares them)."""
        return f"{self.public_url.rstrip('/')}/graphql/"

    @property
    def stripe_enabled(self) -> bool:
        """Whether members may pay a shortfall in cash through Stripe (`mall.stripe`)."""
        return bool(self.stripe_secret_key)

    @property
    def sms_folder(self) -> Path:
        """Where text messages are written when no SMS provider is configured."""
        return self.sms_dir or self.var_dir / "sms"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read the settings; creates `var/` and generated keys on first use.

        Raises ValueError for a `DATABASE_URL` with an unsupported scheme.
        """
        env = os.environ if environ is None else environ
        var_dir = Path(env.get("MALL_VAR_DIR", "var")).resolve()
        var_dir.mkdir(parents=True, exist_ok=True)
        return cls(
            database_url=normalise_database_url(env.get("DATABASE_URL") or default_sqlite_url(var_dir)),
            public_url=env.get("PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/"),
            var_dir=var_dir,
            storage_dir=Path(env.get("STORAGE_DIR", var_dir / "storage")).resolve(),
            mail_dir=Path(env.get("MAIL_DIR", var_dir / "mail")).resolve(),
            jwt_private_key_pem=env.get("JWT_PRIVATE_KEY") or read_or_create_rsa_key(var_dir / "jwt-private.pem"),
            secret_key=env.get("SECRET_KEY") or read_or_create_secret(var_dir / "secret-key"),
            shop_name=env.get("SHOP_NAME", "Points Mall"),
            debug=env.get("DEBUG", "").lower() in {"1", "true", "yes"},
            account_confirmation_required=env.get("ACCOUNT_CONFIRMATION_REQUIRED", "").lower() in {"1", "true", "yes"},
            response_cache_seconds=float(env.get("RESPONSE_CACHE_SECONDS", "2")),
            render_cache_entries=int(env.get("RENDER_CACHE_ENTRIES", "10000")),
            render_cache_seconds=float(env.get("RENDER_CACHE_SECONDS", "300")),
            planned_execution=env.get("PLANNED_EXECUTION", "1").lower() not in {"0", "false", "no"},
            stripe_secret_key=env.get("STRIPE_SECRET_KEY", ""),
            stripe_publishable_key=env.get("STRIPE_PUBLISHABLE_KEY", ""),
            stripe_api_base=env.get("STRIPE_API_BASE") or STRIPE_API_BASE,
            stripe_js_url=env.get("STRIPE_JS_URL") or STRIPE_JS_URL,
            stripe_webhook_secret=env.get("STRIPE_WEBHOOK_SECRET", ""),
            media_fetch_private_hosts=host_names(env.get("MEDIA_FETCH_PRIVATE_HOSTS", "")),
            digital_codes_key=env.get("DIGITAL_CODES_KEY", ""),
            allowed_graphql_origins=origins(env.get("ALLOWED_GRAPHQL_ORIGINS", "")),
            mail_backend=env.get("MAIL_BACKEND", "folder").lower(),
            sms_backend=env.get("SMS_BACKEND", "folder").lower(),
            sms_dir=Path(env.get("SMS_DIR", var_dir / "sms")).resolve(),
            ses_endpoint_url=env.get("SES_ENDPOINT_URL", ""),
            sns_endpoint_url=env.get("SNS_ENDPOINT_URL", ""),
            aws_region=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "us-east-1",
            mail_sender=env.get("MAIL_SENDER") or "Points Mall <noreply@pointsmall.local>",
            extra=dict(env),
        )


def host_names(text: str) -> frozenset[str]:
    """Comma-separated host names, compared as DNS compares them: lower case, without a trailing dot."""
    return frozenset(name.strip().lower().rstrip(".") for name in text.split(",") if name.strip())


def origins(text: str) -> tuple[str, ...]:
    """Comma-separated browser origins (`scheme://host[:port]`, or `*` for any), as browsers send them:
    without a trailing slash."""
    return tuple(dict.fromkeys(origin.strip().rstrip("/") for origin in text.split(",") if origin.strip()))


def default_sqlite_url(var_dir: Path) -> str:
    # WAL lets readers run beside the one writer; the busy timeout makes a writer wait instead of failing.
    return f"sqlite://{var_dir / 'mall.db'}?journal_mode=WAL&busy_timeout=5000"


def normalise_database_url(url: str) -> str:
    """Accept the usual spellings; tortoise knows `postgres://` (asyncpg) and `sqlite://`."""
    for prefix in ("postgresql://", "postgresql+asyncpg://", "asyncpg://"):
        if url.startswith(prefix):
            return "postgres://" + url[len(prefix) :]
    if url.startswith(("postgres://", "sqlite://")):
        return url
    raise ValueError(f"DATABASE_URL must start with postgres:// or sqlite://, got {url.split(':', 1)[0]}://")


def read_or_create_rsa_key(path: Path) -> str:
    """Return the PEM at `path`, generating an RS256 key there (mode 0600) the first time."""
    if not path.exists():
        key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_KEY_BITS)
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()
        write_private_file(path, pem)
    return path.read_text()


def read_or_create_secret(path: Path) -> str:
    if not path.exists():
        write_private_file(path, secrets.token_urlsafe(48))
    return path.read_text().strip()


def write_private_file(path: Path, text: str) -> None:
    """Write a new secret file readable by its owner only; a file another process wrote first wins."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(text)
    try:
        os.link(temporary, path)  # atomic: fails if several workers raced and one already won
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
