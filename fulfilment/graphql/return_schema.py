"""Member returns in the API, under mall-only names: `returnRequestCreate` (the member),
`returnRequestDecide` and `returnRequestReceive` (the partner's staff or the operator, MANAGE_ORDERS), and
`Fulfillment`-level reads through `returnRequests`.
"""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry

from fulfilment.graphql.carrier_schema import RETURN_ERRORS, LogisticsErrorCode
from fulfilment.graphql.shipment_mutations import shipper_of
from fulfilment.models import ReturnEvent, ReturnLine
from fulfilment.models import ReturnRequest as ReturnModel
from fulfilment.services import returns
from mall.graphql.context import Info
from mall.graphql.ids import parse_int_id_for_mutation, to_global_id
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import require_user


@strawberry.type
class ReturnError:
    field: str | None = strawberry.field(description="Name of the input field with the problem, or null.")
    message: str | None = strawberry.field(description="The error message.")
    code: LogisticsErrorCode = strawberry.field(description="The error code.")


@strawberry.type(description="Points mall: one step of a return.")
class ReturnRequestEvent:
    status: str = strawberry.field(description="REQUESTED, APPROVED, REJECTED or RECEIVED.")
    date: datetime.datetime = strawberry.field(description="When.")
    note: str = strawberry.field(description="Why, when given.")


@strawberry.type(description="Points mall: units of a fulfillment line the member sends back.")
class ReturnRequestLine:
    fulfillment_line_id: strawberry.ID = strawberry.field(description="The fulfillment line.")
    quantity: int = strawberry.field(description="Units returned.")


@strawberry.type(description="Points mall: a member's request to return delivered gifts.")
class ReturnRequest:
    model: strawberry.Private[ReturnModel]

    @strawberry.field(description="The return's ID.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("ReturnRequest", self.model.id))

    @strawberry.field(description="REQUESTED, APPROVED, REJECTED or RECEIVED.")
    def status(self) -> str:
        return self.model.status.value.upper()

    @strawberry.field(description="The member's reason.")
    def reason(self) -> str:
        return self.model.reason

    @strawberry.field(description="Points given back when the goods were received.")
    def points_refunded(self) -> int:
        return self.model.points_refunded

    @strawberry.field(description="The fulfillment the gifts came in.")
    def fulfillment_id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Fulfillment", self.model.shipment_id))  # type: ignore[attr-defined]

    @strawberry.field(description="What is returned.")
    async def lines(self) -> list[ReturnRequestLine]:
        rows = await ReturnLine.filter(return_request_id=self.model.id)
        return [ReturnRequestLine(fulfillment_line_id=strawberry.ID(to_global_id(
            "FulfillmentLine", row.shipment_line_id)), quantity=row.quantity) for row in rows]  # type: ignore[attr-defined]

    @strawberry.field(description="The return's steps, oldest first.")
    async def events(self) -> list[ReturnRequestEvent]:
        rows = await ReturnEvent.filter(return_request_id=self.model.id).order_by("id")
        return [ReturnRequestEvent(status=row.status.value.upper(), date=row.created_at, note=row.note)
                for row in rows]


@strawberry.input(description="Points mall: units of a fulfillment line to return.")
class ReturnRequestLineInput:
    fulfillment_line_id: strawberry.ID = strawberry.field(description="The fulfillment line.")
    quantity: int = strawberry.field(description="Units to return.")


@strawberry.type(description="Points mall: the result of a return mutation.")
class ReturnRequestPayload:
    return_request: ReturnRequest | None = None
    errors: list[ReturnError] = strawberry.field(default_factory=list)


def _run(work: object) -> object:
    return run_in_transaction(ReturnRequestPayload, ReturnError, RETURN_ERRORS, work)  # type: ignore[arg-type]


@strawberry.type
class ReturnQueries:
    @strawberry.field(description="Points mall: returns waiting for a decision or for the goods (partner staff: "
                      "their own). Requires MANAGE_ORDERS.")
    async def return_requests(self, info: Info) -> list[ReturnRequest]:
        shipper = await shipper_of(info)
        query = ReturnModel.filter(status__in=["requested", "approved"])
        if shipper.partner_code is not None:
            query = query.filter(partner_code=shipper.partner_code)
        return [ReturnRequest(model=row) for row in await query.order_by("id").limit(100)]


@strawberry.type
class ReturnMutations:
    @strawberry.mutation(description="Points mall: the member asks to return delivered gifts of their order, "
                         "within the channel's return window. Requires a signed-in member (the order's owner).")
    async def return_request_create(
        self, info: Info, fulfillment: strawberry.ID, lines: list[ReturnRequestLineInput], reason: str = "",
    ) -> ReturnRequestPayload | None:
        user = await require_user(info)

        async def work() -> ReturnRequestPayload:
            shipment_id = parse_int_id_for_mutation(fulfillment, "Fulfillment", "fulfillment")
            picks = [returns.ReturnPick(parse_int_id_for_mutation(line.fulfillment_line_id, "FulfillmentLine",
                                                                  "lines"), line.quantity) for line in lines]
            created = await returns.request_return(user.id, shipment_id, picks, reason)
            return ReturnRequestPayload(return_request=ReturnRequest(model=created))

        return await _run(work)  # type: ignore[misc]

    @strawberry.mutation(description="Points mall: the partner approves or rejects a requested return. "
                         "Requires MANAGE_ORDERS.")
    async def return_request_decide(
        self, info: Info, id: strawberry.ID, approve: bool,
        note: Annotated[str, strawberry.argument(description="Why (shown to the member).")] = "",
    ) -> ReturnRequestPayload | None:
        shipper = await shipper_of(info)

        async def work() -> ReturnRequestPayload:
            request = await returns.return_for_change(shipper, parse_int_id_for_mutation(id, "ReturnRequest", "id"))
            decided = await returns.decide_return(shipper, request, approve, note)
            return ReturnRequestPayload(return_request=ReturnRequest(model=decided))

        return await _run(work)  # type: ignore[misc]

    @strawberry.mutation(description="Points mall: the partner received the returned goods: the member's points "
                         "(and cash) come back, the goods go back on the shelf. Requires MANAGE_ORDERS.")
    async def return_request_receive(self, info: Info, id: strawberry.ID) -> ReturnRequestPayload | None:
        shipper = await shipper_of(info)

        async def work() -> ReturnRequestPayload:
            request = await returns.return_for_change(shipper, parse_int_id_for_mutation(id, "ReturnRequest", "id"))
            received = await returns.receive_return(shipper, request)
            return ReturnRequestPayload(return_request=ReturnRequest(model=received))

        return await _run(work)  # type: ignore[misc]
