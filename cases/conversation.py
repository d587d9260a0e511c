"""Writing in a case, reopening it, rating it.

Members, partner staff, bank staff and the operator write in a case. Staff may write internal notes, which
the member never sees (`messages_for`). A staff's first public answer moves the case to answered and starts
the resolution deadline. A resolved case may be reopened once, within the programme's window; the member
rates the answer once per resolution.

Errors (DomainError codes, CaseErrorCode): REQUIRED, INVALID, NOT_FOUND, REOPEN_NOT_ALLOWED, ALREADY_RATED.
"""

from __future__ import annotations

from cases.access import Viewer, locked_case_for
from cases.errors import CaseErrorCode, refusal
from cases.lifecycle import ACTIVE, move, record
from cases.models import Case, CaseEventKind, CaseMessage, CaseStatus, Party
from cases.notices import NoticeKind, notify_member
from cases.rules import deadlines_for, programme_rules, reopen_closes, route
from kernel import clock

MAX_BODY = 4_000
MAX_COMMENT = 1_000
FIRST_ANSWER_DUE = frozenset({CaseStatus.OPEN, CaseStatus.REOPENED})


def _checked_body(body: str, field: str = "body", required: bool = True) -> str:
    text = body.strip()
    if required and not text:
        raise refusal(CaseErrorCode.REQUIRED, "Write a message.", field)
    if len(text) > MAX_BODY:
        raise refusal(CaseErrorCode.INVALID, f"Use at most {MAX_BODY} characters.", field)
    return text


async def messages_for(viewer: Viewer, case: Case) -> list[CaseMessage]:
    """What the viewer may read of the conversation: members never see internal notes."""
    query = CaseMessage.filter(case_id=case.id)
    if not viewer.is_staff:
        query = query.filter(internal=False)
    return list(await query.order_by("id"))


async def _answered(viewer: Viewer, case: Case) -> None:
    """A staff's first public answer: the case is answered and its resolution deadline starts."""
    now = clock.now()
    rules = await programme_rules(case.issuer_code)
    deadlines = await deadlines_for(case.issuer_code, case.category)
    await move(case, CaseStatus.ANSWERED, CaseEventKind.ANSWERED, viewer.actor,
               first_answered_at=case.first_answered_at or now, due_at=rules.due(now, deadlines.resolve_hours))


async def post_message(viewer: Viewer, case_id: int, body: str, internal: bool = False) -> CaseMessage:
    text = _checked_body(body)
    case = await locked_case_for(viewer, case_id)
    if internal and not viewer.is_staff:
        raise refusal(CaseErrorCode.INVALID, "Members cannot write internal notes.", "internal")
    if CaseStatus(case.status) not in ACTIVE:
        raise refusal(CaseErrorCode.INVALID, "This case is resolved: reopen it to write again.", "id")
    message = await CaseMessage.create(case_id=case.id, author=viewer.actor, author_party=viewer.party, body=text,
                                       internal=internal)
    if viewer.is_staff and not internal and CaseStatus(case.status) in FIRST_ANSWER_DUE:
        await _answered(viewer, case)
    if viewer.is_staff and not internal:  # the member hears of answers, never of notes
        await notify_member(case, NoticeKind.MESSAGE, f"message:{message.id}")
    return message


async def reopen_case(viewer: Viewer, case_id: int, reason: str) -> Case:
    """Once, within the programme's window after the resolution: back to whoever the case is routed to, with a
    new first-answer deadline."""
    text = _checked_body(reason, "reason")
    case = await locked_case_for(viewer, case_id)
    if CaseStatus(case.status) != CaseStatus.RESOLVED:
        raise refusal(CaseErrorCode.INVALID, "Only a resolved case can be reopened.", "id")
    rules = await programme_rules(case.issuer_code)
    now = clock.now()
    if case.reopen_count >= 1 or case.resolved_at is None or now > reopen_closes(case.resolved_at, rules):
        raise refusal(CaseErrorCode.REOPEN_NOT_ALLOWED, "A case can be reopened once, within "
                      f"{rules.reopen_days} days of its resolution.", "id")
    deadlines = await deadlines_for(case.issuer_code, case.category)
    await CaseMessage.create(case_id=case.id, author=viewer.actor, author_party=viewer.party, body=text)
    return await move(case, CaseStatus.REOPENED, CaseEventKind.REOPENED, viewer.actor, text,
                      reopen_count=case.reopen_count + 1, assignee=route(case.partner_code, rules),
                      due_at=rules.due(now, deadlines.first_answer_hours), escalated_at=None, rating=None,
                      rating_comment="")


async def rate_case(viewer: Viewer, case_id: int, rating: int, comment: str = "") -> Case:
    """The member rates the resolution, 1 to 5, once."""
    if viewer.party != Party.MEMBER:
        raise refusal(CaseErrorCode.INVALID, "Only the member rates the answer.", "rating")
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise refusal(CaseErrorCode.INVALID, "Rate from 1 to 5.", "rating")
    text = comment.strip()
    if len(text) > MAX_COMMENT:
        raise refusal(CaseErrorCode.INVALID, f"Use at most {MAX_COMMENT} characters.", "comment")
    case = await locked_case_for(viewer, case_id)
    if CaseStatus(case.status) != CaseStatus.RESOLVED:
        raise refusal(CaseErrorCode.INVALID, "Rate a case once it is resolved.", "id")
    if case.rating is not None:
        raise refusal(CaseErrorCode.ALREADY_RATED, "You rated this answer already.", "id")
    await Case.filter(id=case.id).update(rating=rating, rating_comment=text)
    case.rating, case.rating_comment = rating, text
    await record(case, CaseEventKind.RATED, viewer.actor, text, {"rating": rating})
    return case
