"""Amazon SES and SNS as moto's server plays them (the session's moto server: real HTTP, real boto3)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import boto3
import httpx
import pytest

from mall.settings import Settings

ACCOUNT = "123456789012"  # moto's default account
REGION = "us-east-1"
SENDER = "noreply@pointsmall.local"


@dataclass(frozen=True)
class Aws:
    url: str

    def settings(self, base: Settings) -> Settings:
        """The mall's settings with e-mail through SES and SMS through SNS, both at moto."""
        return dataclasses.replace(base, mail_backend="ses", sms_backend="sns", ses_endpoint_url=self.url,
                                   sns_endpoint_url=self.url, aws_region=REGION,
                                   mail_sender=f"Points Mall <{SENDER}>")

    def environment(self) -> dict[str, str]:
        """The same for a `mall worker` process."""
        return {"MAIL_BACKEND": "ses", "SMS_BACKEND": "sns", "SES_ENDPOINT_URL": self.url,
                "SNS_ENDPOINT_URL": self.url, "AWS_REGION": REGION, "MAIL_SENDER": f"Points Mall <{SENDER}>"}

    def emails(self) -> list[EmailMessage]:
        """Every e-mail SES accepted, oldest first, parsed."""
        from moto.backends import get_backend  # the server runs in this process: its backend is readable

        sent: list[Any] = get_backend("ses")[ACCOUNT][REGION].sent_messages
        return [message_from_bytes(m.raw_data.encode() if isinstance(m.raw_data, str) else m.raw_data,
                                   policy=policy.default) for m in sent]  # type: ignore[misc]

    def texts(self) -> list[tuple[str, str]]:
        """Every text message SNS accepted: (phone number, text), oldest first."""
        from moto.backends import get_backend

        return list(get_backend("sns")[ACCOUNT][REGION].sms_messages.values())


@pytest.fixture
def aws(s3_server: Any) -> Aws:
    """moto emptied for one test, with the mall's sender verified (SES refuses unverified senders)."""
    httpx.post(f"{s3_server.endpoint_url}/moto-api/reset").raise_for_status()
    ses = boto3.client("ses", endpoint_url=s3_server.endpoint_url, region_name=REGION)
    ses.verify_email_identity(EmailAddress=SENDER)
    return Aws(s3_server.endpoint_url)
