"""The app uvicorn workers import (`mall.asgi:app`), configured from the environment."""

from __future__ import annotations

from kernel import clock
from mall.app import create_app
from mall.logging import configure_logging
from mall.settings import Settings

clock.configure_from_environment()  # only tests set MALL_CLOCK_START
configure_logging()
app = create_app(Settings.from_environ())
