from __future__ import annotations

import pytest

from mall.accounts.models import User
from mall.channels.models import Channel
from tests.factories import make_channel, make_member


@pytest.fixture
async def channel() -> Channel:
    return await make_channel()


@pytest.fixture
async def member(settings) -> User:
    return await make_member(settings, "mei@example.com")
