"""Config for tortoise's own CLI, so developers can write migrations:

    tortoise -c mall.tortoise_config.TORTOISE_ORM makemigrations [app_label]

It reads DATABASE_URL like the app (default: the SQLite file under ./var/).
"""

from __future__ import annotations

import os
from pathlib import Path

from mall.db import tortoise_config
from mall.settings import default_sqlite_url, normalise_database_url

TORTOISE_ORM = tortoise_config(
    normalise_database_url(os.environ.get("DATABASE_URL") or default_sqlite_url(Path("var").resolve()))
)
