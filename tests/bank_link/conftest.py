from __future__ import annotations

import pytest

from bank_link.issuers import IssuerData, create_issuer
from bank_link.models import Issuer
from mall.channels.models import Channel
from tests.factories import make_channel


@pytest.fixture
async def issuer() -> Issuer:
    """Bank A: points expire at the end of the year after they were earned; reminders 30 days ahead."""
    return await create_issuer(IssuerData(code="BANKA", name="Bank A", points_unit="PTS", expiry_rule="end_of_year",
                                          expiry_count=1, reminder_days=30))


@pytest.fixture
async def channel(issuer: Issuer) -> Channel:
    return await make_channel("bank-a-mall", issuer_code=issuer.code)
