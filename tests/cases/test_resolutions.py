"""Each resolution does what it says: an explanation moves nothing; a reshipment creates a shipment; a return
goes through the return flow; a refund gives points back through the ledger; goodwill is booked in the
ledger from the account of whoever is at fault and shows on that party's settlement statement."""

from __future__ import annotations

from decimal import Decimal

from tortoise.transactions import in_transaction

from cases.models import Case, CaseEvent, CaseEventKind, CaseStatus, Party, ResolutionKind
from cases.services import LineUnits, Resolution, resolve_case
from catalog.models import Stock
from fulfilment.models import ReturnRequest, ReturnStatus, Shipment, ShipmentLine
from fulfilment.services.reshipments import RESHIPMENT_OF
from ledger.models import Account, Transfer
from ledger.services import points_balance
from settlement.models import LineKind, StatementLine
from tests.cases.world import ACME_STAFF, BANK_STAFF, OPERATOR, Mall, build_mall, deliver, opened, shipment_case
from tests.settlement.helpers import AFTER_EVERYTHING, at, settle_issuers
from tests.settlement.partner.helpers import GIFT_POINTS, record_delivery, settle_partner


async def balance(mall: Mall) -> int:
    return (await points_balance(mall.shop.bank.channel.id, mall.shop.bank.member.id)).points_available


async def resolved(viewer, case: Case, resolution: Resolution) -> Case:
    async with in_transaction():
        return await resolve_case(viewer, case.id, resolution)


async def test_an_explanation_closes_the_case_and_moves_nothing(settings):
    # given
    mall = await build_mall(settings)
    case = await opened(settings, mall.member, shipment_case(mall))
    points, transfers = await balance(mall), await Transfer.all().count()

    # when
    done = await resolved(ACME_STAFF, case, Resolution(ResolutionKind.EXPLANATION, "Delivery takes five days."))

    # then
    assert (done.status, done.resolution_kind, done.resolution_note) == (
        CaseStatus.RESOLVED, ResolutionKind.EXPLANATION, "Delivery takes five days.")
    assert (await balance(mall), await Transfer.all().count()) == (points, transfers)
    assert await CaseEvent.filter(case_id=case.id).values_list("kind", "from_status", "to_status") == [
        (CaseEventKind.OPENED, "open", "open"), (CaseEventKind.RESOLVED, "open", "resolved")]


async def test_a_reshipment_creates_a_new_shipment_of_the_same_goods(settings):
    # given: the kettle was lost; the partner's depot holds 19 more (20 - 1 shipped)
    mall = await build_mall(settings)
    case = await opened(settings, mall.member, shipment_case(mall))

    # when
    done = await resolved(ACME_STAFF, case, Resolution(ResolutionKind.RESHIPMENT, "We send another kettle."))

    # then
    new = await Shipment.filter(order_id=mall.order_id).exclude(id=mall.shipment_id).get()
    assert done.resolution_reference == f"fulfillment:{new.id}"
    assert (new.partner_code, new.sequence, new.private_metadata) == ("ACME", 2, {RESHIPMENT_OF: str(mall.shipment_id)})
    assert await ShipmentLine.filter(shipment_id=new.id).values_list("order_line_id", "quantity") == [
        (mall.line.id, 1)]
    assert (await Stock.get(variant_id=mall.shop.variant_id)).quantity == 18


async def test_a_delivered_reshipment_is_not_paid_to_the_partner_a_second_time(settings):
    # given: the kettle arrived broken on 3 November; ACME sent another, delivered on 5 November
    mall = await build_mall(settings)
    await deliver(mall, "2026-11-03T03:00:00")
    case = await opened(settings, mall.member, shipment_case(mall))
    await resolved(ACME_STAFF, case, Resolution(ResolutionKind.RESHIPMENT, "We send another kettle."))
    again = await ShipmentLine.filter(shipment__order_id=mall.order_id).exclude(shipment_id=mall.shipment_id).get()
    await record_delivery(again, at("2026-11-05T03:00:00"))

    # when
    outcome = await settle_partner(settings)

    # then: one kettle delivered and paid (50.00 less the 0.60 fee), the run reconciled
    [statement] = outcome.issued
    lines = await StatementLine.filter(statement_id=statement.id).values_list("kind", "quantity")
    assert lines == [(LineKind.DELIVERY, 1)]
    assert (statement.gross_amount, statement.amount_due) == (Decimal("50.00"), Decimal("49.40"))


async def test_a_return_opens_an_approved_return_request(settings):
    # given: the kettle arrived damaged
    mall = await build_mall(settings)
    await deliver(mall, "2026-11-02T01:00:00")
    case = await opened(settings, mall.member, shipment_case(mall))

    # when
    done = await resolved(ACME_STAFF, case, Resolution(ResolutionKind.RETURN, "Send it back, please."))

    # then: the points come back when ACME receives it (the return flow)
    returned = await ReturnRequest.get()
    assert done.resolution_reference == f"return:{returned.id}"
    assert (returned.status, returned.shipment_id, returned.partner_code) == (  # type: ignore[attr-defined]
        ReturnStatus.APPROVED, mall.shipment_id, "ACME")


async def test_a_refund_gives_the_lines_points_back(settings):
    # given
    mall = await build_mall(settings)
    case = await opened(settings, mall.member, shipment_case(mall))
    before = await balance(mall)

    # when
    done = await resolved(OPERATOR, case, Resolution(ResolutionKind.REFUND, "Refunded one kettle.",
                                                     lines=[LineUnits(str(mall.line.id), 1)]))

    # then
    assert await balance(mall) == before + GIFT_POINTS
    assert done.resolution_reference == f"refund:case:{case.id}:refund:0"


async def test_goodwill_paid_by_the_partner_is_in_the_ledger_and_on_its_statement(settings):
    # given: a delivered kettle (cost 50.00) and a case about it
    mall = await build_mall(settings)
    await deliver(mall)
    case = await opened(settings, mall.member, shipment_case(mall))
    before = await balance(mall)

    # when: ACME gives 500 points of goodwill, then November is settled
    done = await resolved(ACME_STAFF, case, Resolution(ResolutionKind.GOODWILL, "Sorry for the delay.", points=500,
                                                       payer=Party.PARTNER))
    statement = (await settle_partner(settings)).issued[0]

    # then: the member has 500 more; the transfer comes from ACME's payable account; ACME is paid 5.00 less
    transfer = await Transfer.get(reference=f"case:{case.id}")
    payer = await Account.get(id=transfer.debit_account_id)  # type: ignore[attr-defined]
    assert await balance(mall) == before + 500
    assert (payer.name, transfer.points, transfer.kind) == ("partner:ACME", 500, "adjustment")
    assert (done.goodwill_points, done.goodwill_payer) == (500, Party.PARTNER)
    goodwill = await StatementLine.filter(statement_id=statement.id, kind=LineKind.GOODWILL).values_list(
        "reference", "amount_micros")
    assert goodwill == [(f"case:{case.id}", -5_000_000)]
    # 50.00 delivered - 5 % fee on 1,200 points x 0.01 (0.60) - 5.00 goodwill
    assert (statement.gross_amount, statement.fee_amount, statement.amount_due) == (
        Decimal("50.00"), Decimal("0.60"), Decimal("44.40"))


async def test_goodwill_paid_by_the_operator_or_the_issuer_comes_from_their_accounts(settings):
    # given
    mall = await build_mall(settings)
    first = await opened(settings, mall.member, shipment_case(mall))
    second = await opened(settings, mall.member, shipment_case(mall))

    # when: the operator pays 100 points, the bank 200; then the bank's November is settled
    await resolved(OPERATOR, first, Resolution(ResolutionKind.GOODWILL, "Our mistake.", points=100,
                                               payer=Party.OPERATOR))
    await resolved(BANK_STAFF, second, Resolution(ResolutionKind.GOODWILL, "The bank's gift.", points=200,
                                                  payer=Party.ISSUER))
    outcome = await settle_issuers(settings, "2026-11", "BANKA", now=AFTER_EVERYTHING)

    # then: each from its own account; the bank's statement shows its 200 points (no amount), and its
    # members' liability grew by both as adjustments
    payers = [(await Account.get(id=t.debit_account_id)).name  # type: ignore[attr-defined]
              for t in await Transfer.filter(reference__startswith="case:").order_by("id")]
    assert payers == ["operator_fee", "issuer:BANKA"]
    [statement] = outcome.issued
    goodwill = await StatementLine.filter(statement_id=statement.id, kind=LineKind.GOODWILL).values_list(
        "reference", "points_value", "amount_micros")
    assert goodwill == [(f"case:{second.id}", 200, 0)]
    assert (statement.points_net, statement.liability_adjusted) == (GIFT_POINTS * 2, 300)
