"""Redemption confirmation (mall-only): ask for a one-time code, then confirm the checkout with it.

The member mall calls these when `checkoutComplete` answers CONFIRMATION_REQUIRED (orders.services.confirmation).
"""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry

from kernel.errors import DomainError
from mall.graphql.context import Info
from mall.graphql.mutations import refused
from orders.graphql.errors import CHECKOUT_ERRORS, ERRORS, ID_TYPES, CheckoutError, run_checkout
from orders.graphql.inputs import checkout_token
from orders.graphql.order_access import ensure_may_use
from orders.models import Checkout as CheckoutModel
from orders.services import confirmation
from orders.services.checkouts import checkout_by_token

CHECKOUT_ID = "ID of the checkout."


@strawberry.type(description="Points mall: a one-time code sent to confirm a redemption.")
class CheckoutConfirmationRequest:
    required: bool = strawberry.field(default=False, description="False when this checkout needs no code (none "
                                      "was sent).")
    channel: str | None = strawberry.field(default=None, description="Where the code went: `sms` or `email`.")
    expires_at: datetime.datetime | None = strawberry.field(default=None, description="When the code expires.")
    sends_left: int = strawberry.field(default=0, description="How many more codes may be sent for this checkout.")
    errors: list[CheckoutError] = strawberry.field(default_factory=list, description=ERRORS)


@strawberry.type(description="Points mall: the redemption confirmed with its one-time code.")
class CheckoutConfirmationVerify:
    confirmed: bool = strawberry.field(default=False, description="True once the code matched: complete the "
                                       "checkout now (its total must not change).")
    errors: list[CheckoutError] = strawberry.field(default_factory=list, description=ERRORS)


async def _checkout(info: Info, id: strawberry.ID) -> CheckoutModel:
    checkout: CheckoutModel = await ensure_may_use(info, await checkout_by_token(checkout_token(id)))
    return checkout


@strawberry.type
class ConfirmationMutations:
    @strawberry.mutation(description="Points mall: sends a one-time code (by SMS or e-mail, as the programme says) "
                         "to confirm redeeming the checkout's current total. Needed when checkoutComplete answers "
                         "CONFIRMATION_REQUIRED; codes expire in 10 minutes, 5 may be sent, one a minute.")
    async def checkout_confirmation_request(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description=CHECKOUT_ID)],
    ) -> CheckoutConfirmationRequest | None:
        async def send() -> CheckoutConfirmationRequest:
            sent = await confirmation.request_code(await _checkout(info, id))
            return CheckoutConfirmationRequest(required=sent.required, channel=sent.via or None,
                                               expires_at=sent.expires_at, sends_left=sent.sends_left)

        result: CheckoutConfirmationRequest = await run_checkout(CheckoutConfirmationRequest, send)
        return result

    @strawberry.mutation(description="Points mall: confirms the redemption with the code sent (5 tries a code). "
                         "The confirmation holds for the checkout's total at the time the code was sent.")
    async def checkout_confirmation_verify(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description=CHECKOUT_ID)],
        code: Annotated[str, strawberry.argument(description="The code the member received.")],
    ) -> CheckoutConfirmationVerify | None:
        # Not in one transaction: a wrong code's try stays counted although the answer is an error.
        try:
            checkout = await _checkout(info, id)
            if len(code) > 16:
                raise DomainError.single("code", "Type the code you received.",
                                         confirmation.Code.CONFIRMATION_CODE_INVALID)
            await confirmation.verify_code(checkout, code)
        except DomainError as failure:
            answer: CheckoutConfirmationVerify = refused(CheckoutConfirmationVerify, CheckoutError, CHECKOUT_ERRORS,
                                                         failure, ID_TYPES)
            return answer
        return CheckoutConfirmationVerify(confirmed=True)
