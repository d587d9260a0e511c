// The words of the report pages (a partner's performance, the programme's health), in English and Simplified
// Chinese (merged into messages.js).

export const en = {
  "nav.performance": "Performance", "nav.health": "Programme health",
  "performance.partner": "Partner",
  "performance.intro": "{partner}'s figures for the last {months} months (months close as statements do).",
  "performance.shipments": "Parcels", "performance.shippedOnTime": "Shipped on time",
  "performance.deliveredOnTime": "Delivered on time", "performance.returnRate": "Return rate",
  "performance.pointsRedeemed": "Points redeemed",
  "performance.serviceTitle": "Service level by month",
  "performance.serviceCaption": "Parcels handed to the carrier on time, and units returned, in percent, by month",
  "performance.pointsTitle": "Points redeemed by month",
  "performance.pointsCaption": "Points members redeemed on your gifts, by month",
  "performance.definitions": "On time: handed to the carrier within its handover days, delivered within its "
    + "delivery days. Return rate: units asked back (rejected requests left out) over units delivered.",
  "health.intro": "Each bank's programme in its own points unit, as of {date}.",
  "health.unit": "Figures in {unit}.", "health.none": "No bank programme yet.",
  "health.figure.membersWithPoints": "Members with points", "health.figure.pointsOutstanding": "Outstanding",
  "health.figure.accrued": "Accrued", "health.figure.redeemed": "Redeemed",
  "health.figure.redemptionRatePercent": "Redemption rate", "health.figure.expired": "Expired",
  "health.figure.breakageRatePercent": "Breakage rate", "health.figure.breakageToDate": "Breakage to date",
  "health.monthsCaption": "{bank}: points accrued, redeemed and expired in each of the last {months} months",
  "health.partnerCaption": "{bank}: points redeemed per partner in the period",
  "health.categoryCaption": "{bank}: points redeemed per gift category in the period",
  "health.partner": "Partner", "health.category": "Category", "health.operatorOwn": "Mall's own gifts",
  "health.noCategory": "No category", "health.noRedemptions": "No redemptions in the period.",
  "health.definitions": "Redemption rate: points redeemed over points accrued in the period. Breakage rate: points "
    + "expired unspent over points accrued in the period.",
};

export const zh = {
  "nav.performance": "经营表现", "nav.health": "积分计划健康度",
  "performance.partner": "商户",
  "performance.intro": "{partner} 最近 {months} 个月的数据（月份与结算单一致）。",
  "performance.shipments": "包裹数", "performance.shippedOnTime": "准时发货",
  "performance.deliveredOnTime": "准时送达", "performance.returnRate": "退货率", "performance.pointsRedeemed": "兑换积分",
  "performance.serviceTitle": "每月服务水平",
  "performance.serviceCaption": "每月准时交给承运商的包裹和退货件数（百分比）",
  "performance.pointsTitle": "每月兑换积分",
  "performance.pointsCaption": "会员每月在您的礼品上兑换的积分",
  "performance.definitions": "准时：在承运商的交接天数内交给承运商，并在其配送天数内送达。退货率：申请退回的件数"
    + "（已拒绝的申请除外）除以送达件数。",
  "health.intro": "各银行的积分计划，以各自的积分单位计，截至 {date}。",
  "health.unit": "单位：{unit}。", "health.none": "尚无银行积分计划。",
  "health.figure.membersWithPoints": "持有积分的会员", "health.figure.pointsOutstanding": "未使用积分",
  "health.figure.accrued": "累积", "health.figure.redeemed": "兑换",
  "health.figure.redemptionRatePercent": "兑换率", "health.figure.expired": "过期",
  "health.figure.breakageRatePercent": "沉淀率", "health.figure.breakageToDate": "累计沉淀",
  "health.monthsCaption": "{bank}：最近 {months} 个月每月累积、兑换和过期的积分",
  "health.partnerCaption": "{bank}：期间内各商户的兑换积分",
  "health.categoryCaption": "{bank}：期间内各礼品类别的兑换积分",
  "health.partner": "商户", "health.category": "类别", "health.operatorOwn": "商城自营礼品",
  "health.noCategory": "未分类", "health.noRedemptions": "期间内没有兑换。",
  "health.definitions": "兑换率：期间内兑换的积分除以累积的积分。沉淀率：期间内过期未用的积分除以累积的积分。",
};
