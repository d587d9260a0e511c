"""Every notification in English and Simplified Chinese, word for word: title, body and text message."""

from __future__ import annotations

import pytest

from mall.notifications.templates import Language, language_of, render
from mall.notifications.templates import NotificationKind as Kind

COMMON = {"programme": "Bank A", "points": "500", "balance": "1200", "order": "1007",
          "expires_on": "2026-12-31 23:59", "time_zone": "Asia/Shanghai", "link": "https://mall.example/",
          "tracking": "SF123", "tracking_link": "https://track.example/SF123", "masked_code": "********",
          "code": "482913", "minutes": "10", "case": "#42"}
IN_WORDS = {
    # The unit as notify names it for the member's language (its programme's name, else these defaults).
    Language.EN: {"unit": "PTS",
                  "reason": "spend", "decision": "approved", "note": "Received in good order.", "tier": "Gold",
                  "previous": "Silver", "gift": "Coffee voucher", "title": "Double points",
                  "text": "Double points on kettles this week."},
    Language.ZH_HANS: {"unit": "积分",
                       "reason": "消费", "decision": "已通过", "note": "商品完好。", "tier": "金卡", "previous": "银卡",
                       "gift": "咖啡券", "title": "双倍积分", "text": "本周兑换水壶享双倍积分。"},
}
EXPECTED = [
    (Kind.POINTS_CREDITED, Language.EN, '500 PTS credited',
     '500 PTS were credited to your Bank A rewards: spend.\nYour balance is now 1200 PTS.',
     'Bank A: 500 PTS credited (spend). Balance 1200 PTS.'),
    (Kind.POINTS_CREDITED, Language.ZH_HANS, '500 积分已到账',
     '500 积分已存入您的Bank A账户：消费。\n当前余额 1200 积分。',
     '【Bank A】500 积分已到账（消费），余额 1200 积分。'),
    (Kind.POINTS_REDEEMED, Language.EN, '500 PTS redeemed for order 1007',
     'You redeemed 500 PTS of your Bank A rewards for order 1007.',
     'Bank A: 500 PTS redeemed for order 1007.'),
    (Kind.POINTS_REDEEMED, Language.ZH_HANS, '订单 1007 已使用 500 积分',
     '您在订单 1007 中使用了Bank A的 500 积分。',
     '【Bank A】订单 1007 已使用 500 积分。'),
    (Kind.POINTS_EXPIRING, Language.EN, '500 PTS expire soon',
     '500 PTS of your Bank A rewards expire on 2026-12-31 23:59 (Asia/Shanghai).\n'
     'Redeem them for a gift before then: https://mall.example/',
     'Bank A: 500 PTS expire on 2026-12-31 23:59. Redeem them: https://mall.example/'),
    (Kind.POINTS_EXPIRING, Language.ZH_HANS, '500 积分即将过期',
     '您在Bank A的 500 积分将于 2026-12-31 23:59（Asia/Shanghai）过期。\n请在此之前兑换礼品：https://mall.example/',
     '【Bank A】500 积分将于 2026-12-31 23:59 过期，立即兑换：https://mall.example/'),
    (Kind.ORDER_PLACED, Language.EN, 'Order 1007 placed',
     'Thank you! Your order 1007 for 500 PTS is placed. We will tell you when it ships.',
     'Order 1007 placed: 500 PTS.'),
    (Kind.ORDER_PLACED, Language.ZH_HANS, '订单 1007 已提交',
     '感谢您的兑换！订单 1007（500 积分）已提交，发货后我们会通知您。',
     '订单 1007 已提交：500 积分。'),
    (Kind.ORDER_SHIPPED, Language.EN, 'Order 1007 shipped',
     'Your gifts from order 1007 are on their way.\nTracking: SF123 https://track.example/SF123',
     'Order 1007 shipped. Tracking SF123 https://track.example/SF123'),
    (Kind.ORDER_SHIPPED, Language.ZH_HANS, '订单 1007 已发货',
     '您订单 1007 的礼品已发出。\n物流单号：SF123 https://track.example/SF123',
     '订单 1007 已发货，物流单号 SF123 https://track.example/SF123'),
    (Kind.ORDER_DELIVERED, Language.EN, 'Order 1007 delivered',
     'Your gifts from order 1007 were delivered. Enjoy them!',
     'Order 1007 delivered.'),
    (Kind.ORDER_DELIVERED, Language.ZH_HANS, '订单 1007 已送达',
     '您订单 1007 的礼品已送达，祝您使用愉快！',
     '订单 1007 已送达。'),
    (Kind.RETURN_DECIDED, Language.EN, 'Your return for order 1007 was approved',
     'Your return request for order 1007 was approved. Received in good order.',
     'Return for order 1007: approved.'),
    (Kind.RETURN_DECIDED, Language.ZH_HANS, '订单 1007 的退货申请已通过',
     '您订单 1007 的退货申请已通过。商品完好。',
     '订单 1007 退货申请已通过。'),
    (Kind.REFUND_MADE, Language.EN, '500 PTS refunded for order 1007',
     '500 PTS for order 1007 are back in your Bank A rewards.',
     'Bank A: 500 PTS refunded for order 1007.'),
    (Kind.REFUND_MADE, Language.ZH_HANS, '订单 1007 已退还 500 积分',
     '订单 1007 的 500 积分已退回您的Bank A账户。',
     '【Bank A】订单 1007 已退还 500 积分。'),
    (Kind.TIER_CHANGED, Language.EN, 'You are now Gold',
     'Your Bank A tier changed from Silver to Gold.',
     'Bank A: your tier is now Gold.'),
    (Kind.TIER_CHANGED, Language.ZH_HANS, '您的会员等级已变为金卡',
     '您在Bank A的会员等级已由银卡变为金卡。',
     '【Bank A】您的会员等级已变为金卡。'),
    (Kind.GIFT_CODE_ISSUED, Language.EN, 'Order 1007: your gift code is ready',
     'Your gift code for Coffee voucher from order 1007 is ready: ********.\n'
     'Open the order in the mall (My orders) to see the whole code and how to use it.',
     'Order 1007: gift code ******** for Coffee voucher is ready. See it in the mall.'),
    (Kind.GIFT_CODE_ISSUED, Language.ZH_HANS, '订单 1007：您的券码已发放',
     '您订单 1007 中 咖啡券 的券码已发放：********。\n请在商城“我的订单”中查看完整券码及使用方法。',
     '订单 1007：咖啡券 的券码 ******** 已发放，请在商城中查看。'),
    (Kind.CASE_OPENED, Language.EN, 'We have your request #42',
     'We have your request #42 and will answer it soon.\nFollow it in the mall: https://mall.example/',
     'Bank A: we have your request #42. Follow it: https://mall.example/'),
    (Kind.CASE_OPENED, Language.ZH_HANS, '我们已收到您的服务请求 #42',
     '我们已收到您的服务请求 #42，将尽快答复。\n请在商城中查看进度：https://mall.example/',
     '【Bank A】已收到您的服务请求 #42，查看进度：https://mall.example/'),
    (Kind.CASE_ANSWERED, Language.EN, 'New answer to your request #42',
     'There is a new answer to your request #42.\nRead it in the mall: https://mall.example/',
     'Bank A: new answer to your request #42: https://mall.example/'),
    (Kind.CASE_ANSWERED, Language.ZH_HANS, '您的服务请求 #42 有新回复',
     '您的服务请求 #42 有新回复。\n请在商城中查看：https://mall.example/',
     '【Bank A】您的服务请求 #42 有新回复：https://mall.example/'),
    (Kind.CASE_RESOLVED, Language.EN, 'Your request #42 is resolved',
     'Your request #42 is resolved. See how, and rate our answer, in the mall: https://mall.example/',
     'Bank A: your request #42 is resolved: https://mall.example/'),
    (Kind.CASE_RESOLVED, Language.ZH_HANS, '您的服务请求 #42 已处理完毕',
     '您的服务请求 #42 已处理完毕，请在商城中查看处理结果并评价：https://mall.example/',
     '【Bank A】您的服务请求 #42 已处理完毕：https://mall.example/'),
    (Kind.CONFIRMATION_CODE, Language.EN, 'Your confirmation code',
     'Your code to confirm redeeming 500 PTS is 482913. It expires in 10 minutes.\nNever share it with anyone.',
     '482913 is your code to confirm redeeming 500 PTS. Valid 10 min. Never share it.'),
    (Kind.CONFIRMATION_CODE, Language.ZH_HANS, '您的验证码',
     '您兑换 500 积分的验证码是 482913，10 分钟内有效。\n请勿告诉任何人。',
     '验证码 482913，用于确认兑换 500 积分，10 分钟内有效，请勿泄露。'),
    (Kind.OFFER, Language.EN, 'Double points',
     'Double points on kettles this week.',
     'Double points: Double points on kettles this week.'),
    (Kind.OFFER, Language.ZH_HANS, '双倍积分',
     '本周兑换水壶享双倍积分。',
     '双倍积分：本周兑换水壶享双倍积分。'),
]


@pytest.mark.parametrize(("kind", "language", "title", "body", "sms"), EXPECTED,
                         ids=[f"{row[0].value}-{row[1].value}" for row in EXPECTED])
def test_each_kind_reads_as_written_in_each_language(kind, language, title, body, sms):
    # when
    rendered = render(kind, language, COMMON | IN_WORDS[language])

    # then
    assert (rendered.title, rendered.body, rendered.sms) == (title, body, sms)


def test_every_kind_has_both_languages():
    # then
    assert {(kind, language) for kind, language, *_ in EXPECTED} == {(k, la) for k in Kind for la in Language}


def test_a_missing_parameter_is_refused_rather_than_sent_with_a_hole():
    # then
    with pytest.raises(KeyError, match="tracking"):
        render(Kind.ORDER_SHIPPED, Language.EN, {"order": "1007"})


@pytest.mark.parametrize(("code", "language"), [("EN", Language.EN), ("ZH_HANS", Language.ZH_HANS),
                                                ("ZH_HANS_CN", Language.ZH_HANS), ("FR", Language.EN)])
def test_account_languages_map_to_template_languages(code, language):
    # then
    assert language_of(code) is language
