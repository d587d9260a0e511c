"""What each notification says, in English and Simplified Chinese, per channel.

A template is three texts: a title (the e-mail subject and the inbox title), a body (the e-mail and the
inbox) and a short SMS. Parameters are filled with `str.format`; every kind lists the parameters it needs
and `render` refuses a missing one (a bug in the caller, never a message with a hole in it). Codes of
digital gifts arrive here masked for the inbox; the e-mail and the text message that carry them whole are
`SECRET_TEMPLATES`, rendered by the worker at send time (mall/notifications/secrets.py), so the whole code
never sits in the outbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class NotificationKind(StrEnum):
    POINTS_CREDITED = "points_credited"
    POINTS_REDEEMED = "points_redeemed"
    POINTS_EXPIRING = "points_expiring"
    ORDER_PLACED = "order_placed"
    ORDER_SHIPPED = "order_shipped"
    ORDER_DELIVERED = "order_delivered"
    RETURN_DECIDED = "return_decided"
    REFUND_MADE = "refund_made"
    TIER_CHANGED = "tier_changed"
    GIFT_CODE_ISSUED = "gift_code_issued"
    CONFIRMATION_CODE = "confirmation_code"
    CASE_OPENED = "case_opened"
    CASE_ANSWERED = "case_answered"
    CASE_RESOLVED = "case_resolved"
    OFFER = "offer"  # marketing: sent only on the channels the member chose


class Language(StrEnum):
    EN = "en"
    ZH_HANS = "zh-Hans"


MARKETING_KINDS = frozenset({NotificationKind.OFFER})


@dataclass(frozen=True)
class Texts:
    title: str
    body: str
    sms: str


@dataclass(frozen=True)
class Rendered:
    language: Language
    title: str
    body: str
    sms: str


_EN: dict[NotificationKind, Texts] = {
    NotificationKind.POINTS_CREDITED: Texts(
        "{points} {unit} credited",
        "{points} {unit} were credited to your {programme} rewards: {reason}.\n"
        "Your balance is now {balance} {unit}.",
        "{programme}: {points} {unit} credited ({reason}). Balance {balance} {unit}."),
    NotificationKind.POINTS_REDEEMED: Texts(
        "{points} {unit} redeemed for order {order}",
        "You redeemed {points} {unit} of your {programme} rewards for order {order}.",
        "{programme}: {points} {unit} redeemed for order {order}."),
    NotificationKind.POINTS_EXPIRING: Texts(
        "{points} {unit} expire soon",
        "{points} {unit} of your {programme} rewards expire on {expires_on} ({time_zone}).\n"
        "Redeem them for a gift before then: {link}",
        "{programme}: {points} {unit} expire on {expires_on}. Redeem them: {link}"),
    NotificationKind.ORDER_PLACED: Texts(
        "Order {order} placed",
        "Thank you! Your order {order} for {points} {unit} is placed. We will tell you when it ships.",
        "Order {order} placed: {points} {unit}."),
    NotificationKind.ORDER_SHIPPED: Texts(
        "Order {order} shipped",
        "Your gifts from order {order} are on their way.\nTracking: {tracking} {tracking_link}",
        "Order {order} shipped. Tracking {tracking} {tracking_link}"),
    NotificationKind.ORDER_DELIVERED: Texts(
        "Order {order} delivered",
        "Your gifts from order {order} were delivered. Enjoy them!",
        "Order {order} delivered."),
    NotificationKind.RETURN_DECIDED: Texts(
        "Your return for order {order} was {decision}",
        "Your return request for order {order} was {decision}. {note}",
        "Return for order {order}: {decision}."),
    NotificationKind.REFUND_MADE: Texts(
        "{points} {unit} refunded for order {order}",
        "{points} {unit} for order {order} are back in your {programme} rewards.",
        "{programme}: {points} {unit} refunded for order {order}."),
    NotificationKind.TIER_CHANGED: Texts(
        "You are now {tier}",
        "Your {programme} tier changed from {previous} to {tier}.",
        "{programme}: your tier is now {tier}."),
    NotificationKind.GIFT_CODE_ISSUED: Texts(
        "Order {order}: your gift code is ready",
        "Your gift code for {gift} from order {order} is ready: {masked_code}.\n"
        "Open the order in the mall (My orders) to see the whole code and how to use it.",
        "Order {order}: gift code {masked_code} for {gift} is ready. See it in the mall."),
    NotificationKind.CONFIRMATION_CODE: Texts(
        "Your confirmation code",
        "Your code to confirm redeeming {points} {unit} is {code}. It expires in {minutes} minutes.\n"
        "Never share it with anyone.",
        "{code} is your code to confirm redeeming {points} {unit}. Valid {minutes} min. Never share it."),
    NotificationKind.CASE_OPENED: Texts(
        "We have your request {case}",
        "We have your request {case} and will answer it soon.\nFollow it in the mall: {link}",
        "{programme}: we have your request {case}. Follow it: {link}"),
    NotificationKind.CASE_ANSWERED: Texts(
        "New answer to your request {case}",
        "There is a new answer to your request {case}.\nRead it in the mall: {link}",
        "{programme}: new answer to your request {case}: {link}"),
    NotificationKind.CASE_RESOLVED: Texts(
        "Your request {case} is resolved",
        "Your request {case} is resolved. See how, and rate our answer, in the mall: {link}",
        "{programme}: your request {case} is resolved: {link}"),
    NotificationKind.OFFER: Texts("{title}", "{text}", "{title}: {text}"),
}

_ZH: dict[NotificationKind, Texts] = {
    NotificationKind.POINTS_CREDITED: Texts(
        "{points} {unit}已到账",
        "{points} {unit}已存入您的{programme}账户：{reason}。\n当前余额 {balance} {unit}。",
        "【{programme}】{points} {unit}已到账（{reason}），余额 {balance} {unit}。"),
    NotificationKind.POINTS_REDEEMED: Texts(
        "订单 {order} 已使用 {points} {unit}",
        "您在订单 {order} 中使用了{programme}的 {points} {unit}。",
        "【{programme}】订单 {order} 已使用 {points} {unit}。"),
    NotificationKind.POINTS_EXPIRING: Texts(
        "{points} {unit}即将过期",
        "您在{programme}的 {points} {unit}将于 {expires_on}（{time_zone}）过期。\n请在此之前兑换礼品：{link}",
        "【{programme}】{points} {unit}将于 {expires_on} 过期，立即兑换：{link}"),
    NotificationKind.ORDER_PLACED: Texts(
        "订单 {order} 已提交",
        "感谢您的兑换！订单 {order}（{points} {unit}）已提交，发货后我们会通知您。",
        "订单 {order} 已提交：{points} {unit}。"),
    NotificationKind.ORDER_SHIPPED: Texts(
        "订单 {order} 已发货",
        "您订单 {order} 的礼品已发出。\n物流单号：{tracking} {tracking_link}",
        "订单 {order} 已发货，物流单号 {tracking} {tracking_link}"),
    NotificationKind.ORDER_DELIVERED: Texts(
        "订单 {order} 已送达",
        "您订单 {order} 的礼品已送达，祝您使用愉快！",
        "订单 {order} 已送达。"),
    NotificationKind.RETURN_DECIDED: Texts(
        "订单 {order} 的退货申请{decision}",
        "您订单 {order} 的退货申请{decision}。{note}",
        "订单 {order} 退货申请{decision}。"),
    NotificationKind.REFUND_MADE: Texts(
        "订单 {order} 已退还 {points} {unit}",
        "订单 {order} 的 {points} {unit}已退回您的{programme}账户。",
        "【{programme}】订单 {order} 已退还 {points} {unit}。"),
    NotificationKind.TIER_CHANGED: Texts(
        "您的会员等级已变为{tier}",
        "您在{programme}的会员等级已由{previous}变为{tier}。",
        "【{programme}】您的会员等级已变为{tier}。"),
    NotificationKind.GIFT_CODE_ISSUED: Texts(
        "订单 {order}：您的券码已发放",
        "您订单 {order} 中 {gift} 的券码已发放：{masked_code}。\n请在商城“我的订单”中查看完整券码及使用方法。",
        "订单 {order}：{gift} 的券码 {masked_code} 已发放，请在商城中查看。"),
    NotificationKind.CONFIRMATION_CODE: Texts(
        "您的验证码",
        "您兑换 {points} {unit}的验证码是 {code}，{minutes} 分钟内有效。\n请勿告诉任何人。",
        "验证码 {code}，用于确认兑换 {points} {unit}，{minutes} 分钟内有效，请勿泄露。"),
    NotificationKind.CASE_OPENED: Texts(
        "我们已收到您的服务请求 {case}",
        "我们已收到您的服务请求 {case}，将尽快答复。\n请在商城中查看进度：{link}",
        "【{programme}】已收到您的服务请求 {case}，查看进度：{link}"),
    NotificationKind.CASE_ANSWERED: Texts(
        "您的服务请求 {case} 有新回复",
        "您的服务请求 {case} 有新回复。\n请在商城中查看：{link}",
        "【{programme}】您的服务请求 {case} 有新回复：{link}"),
    NotificationKind.CASE_RESOLVED: Texts(
        "您的服务请求 {case} 已处理完毕",
        "您的服务请求 {case} 已处理完毕，请在商城中查看处理结果并评价：{link}",
        "【{programme}】您的服务请求 {case} 已处理完毕：{link}"),
    NotificationKind.OFFER: Texts("{title}", "{text}", "{title}：{text}"),
}

TEMPLATES: dict[Language, dict[NotificationKind, Texts]] = {Language.EN: _EN, Language.ZH_HANS: _ZH}

# The e-mail and text message of news that carries a secret ({codes}, {usage}: filled at send time).
SECRET_TEMPLATES: dict[Language, dict[NotificationKind, Texts]] = {
    Language.EN: {
        NotificationKind.GIFT_CODE_ISSUED: Texts(
            "Order {order}: your gift code is ready",
            "Your gift code for {gift} from order {order}:\n\n{codes}\n\nHow to use it: {usage}\n"
            "The code is also in the mall, under My orders. Never share it with anyone but the shop.",
            "{programme}: your {gift} code (order {order}): {codes}. {usage}"),
    },
    Language.ZH_HANS: {
        NotificationKind.GIFT_CODE_ISSUED: Texts(
            "订单 {order}：您的券码已发放",
            "您订单 {order} 中 {gift} 的券码：\n\n{codes}\n\n使用方法：{usage}\n"
            "您也可在商城“我的订单”中查看券码。除商户外，请勿将券码告诉任何人。",
            "【{programme}】订单 {order} {gift} 券码：{codes}。{usage}"),
    },
}

# How a code's last day reads beside it in a message.
VALID_UNTIL: dict[Language, str] = {Language.EN: "valid until {date}", Language.ZH_HANS: "有效期至 {date}"}

# Words inside a sentence that change with the language (a return's decision).
DECISIONS: dict[Language, dict[str, str]] = {
    Language.EN: {"approved": "approved", "rejected": "declined"},
    Language.ZH_HANS: {"approved": "已通过", "rejected": "未通过"},
}


def language_of(language_code: str) -> Language:
    """The template language for a Saleor `LanguageCodeEnum` value: Chinese ones read Simplified Chinese."""
    return Language.ZH_HANS if language_code.upper().startswith("ZH") else Language.EN


def render(kind: NotificationKind, language: Language, params: dict[str, str]) -> Rendered:
    """The texts of `kind` in `language`. Raises KeyError naming a parameter the caller did not give."""
    texts = TEMPLATES[language][kind]
    return Rendered(language, texts.title.format(**params), texts.body.format(**params).strip(),
                    texts.sms.format(**params).strip())


def render_secret(kind: NotificationKind, language: Language, params: dict[str, str]) -> Rendered:
    """The e-mail and text of `kind` that carry its secret (SECRET_TEMPLATES). Raises KeyError for a kind
    without such texts or a missing parameter."""
    texts = SECRET_TEMPLATES[language][kind]
    return Rendered(language, texts.title.format(**params), texts.body.format(**params).strip(),
                    texts.sms.format(**params).strip())
