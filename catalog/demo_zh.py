"""The demo catalogue's Simplified Chinese wording (ZH_HANS translations): most cardholders of a Chinese
bank read the mall in Chinese, so every demo gift, variant, category, collection and page has its name and
description in both languages. Kept apart from catalog/demo.py, which stays the one place that plans rows.
"""

from __future__ import annotations

LANGUAGE_CODE = "ZH_HANS"

PARTNER_NAMES = {
    "JADE-HOME": "玉家居厨具",
    "VOLT-TECH": "伏特电子",
    "SILK-ROAD": "丝路旅行用品",
    "LOTUS-CARE": "莲花美妆护理",
    "CITY-PERKS": "城市优享券",
}

CATEGORY_NAMES = {
    "home-kitchen": "家居厨房",
    "cookware": "厨具",
    "tea-coffee": "茶与咖啡",
    "electronics": "数码电器",
    "audio": "影音",
    "smart-home": "智能家居",
    "travel": "旅行",
    "luggage": "箱包",
    "outdoor": "户外",
    "beauty-care": "美妆护理",
    "skincare": "护肤",
    "grooming": "个护",
    "food-drink": "食品饮料",
    "snacks": "零食",
    "gourmet": "美食",
    "kids-toys": "母婴玩具",
    "toys": "玩具",
    "books": "图书",
    "sports-fitness": "运动健身",
    "fitness": "健身",
    "cycling": "骑行",
    "vouchers-experiences": "礼券与体验",
    "dining": "餐饮",
    "movies-events": "电影与活动",
}

ADJECTIVES = {
    "Classic": "经典",
    "Deluxe": "豪华",
    "Premium": "臻选",
    "Everyday": "日常",
    "Compact": "小巧",
    "Signature": "招牌",
    "Heritage": "传承",
    "Urban": "都市",
    "Family": "家庭装",
    "Travel": "旅行款",
    "Limited Edition": "限量版",
    "Essential": "必备",
    "Pro": "专业版",
}

NOUNS = {
    "Wok": "炒锅",
    "Casserole": "砂锅",
    "Knife Set": "刀具套装",
    "Frying Pan": "煎锅",
    "Steamer Basket": "蒸笼",
    "Tea Set": "茶具套装",
    "Pour-over Kettle": "手冲壶",
    "Coffee Grinder": "磨豆机",
    "Tea Caddy": "茶叶罐",
    "Espresso Cups": "浓缩咖啡杯",
    "Wireless Earbuds": "无线耳机",
    "Bluetooth Speaker": "蓝牙音箱",
    "Headphones": "头戴式耳机",
    "Soundbar": "回音壁",
    "Radio": "收音机",
    "Smart Lamp": "智能台灯",
    "Air Purifier": "空气净化器",
    "Robot Vacuum": "扫地机器人",
    "Smart Plug Set": "智能插座套装",
    "Video Doorbell": "可视门铃",
    "Carry-on Suitcase": "登机箱",
    "Duffel Bag": "旅行袋",
    "Backpack": "双肩包",
    "Packing Cubes": "收纳袋套装",
    "Garment Bag": "西服袋",
    "Camping Chair": "露营椅",
    "Hiking Poles": "登山杖",
    "Thermos": "保温杯",
    "Picnic Blanket": "野餐垫",
    "Headlamp": "头灯",
    "Face Serum": "精华液",
    "Night Cream": "晚霜",
    "Sheet Mask Box": "面膜礼盒",
    "Cleansing Oil": "卸妆油",
    "Sunscreen Duo": "防晒霜两支装",
    "Electric Shaver": "电动剃须刀",
    "Hair Dryer": "吹风机",
    "Trimmer Kit": "理发器套装",
    "Manicure Set": "美甲套装",
    "Styling Brush": "造型梳",
    "Nut Gift Box": "坚果礼盒",
    "Mooncake Box": "月饼礼盒",
    "Dried Fruit Hamper": "果干礼篮",
    "Cookie Tin": "曲奇铁盒",
    "Chocolate Box": "巧克力礼盒",
    "Olive Oil Set": "橄榄油套装",
    "Premium Rice": "优质大米",
    "Honey Jar Trio": "蜂蜜三罐装",
    "Spice Collection": "香料组合",
    "Oolong Tea Gift": "乌龙茶礼盒",
    "Building Blocks": "积木",
    "Plush Panda": "熊猫毛绒玩具",
    "Puzzle Set": "拼图套装",
    "RC Car": "遥控车",
    "Wooden Train": "木制小火车",
    "Picture Book Set": "绘本套装",
    "Science Kit": "科学实验套装",
    "Drawing Set": "绘画套装",
    "Story Collection": "故事集",
    "Atlas": "地图册",
    "Yoga Mat": "瑜伽垫",
    "Dumbbell Pair": "哑铃一对",
    "Fitness Tracker": "运动手环",
    "Resistance Bands": "弹力带",
    "Foam Roller": "泡沫轴",
    "Bike Helmet": "骑行头盔",
    "Cycling Gloves": "骑行手套",
    "Bike Light Set": "车灯套装",
    "Water Bottle Cage": "水壶架",
    "Saddle Bag": "鞍座包",
    "Hotpot Voucher": "火锅代金券",
    "Dim Sum Brunch": "早茶点心套餐",
    "Steakhouse Dinner": "牛排晚餐",
    "Coffee Card": "咖啡卡",
    "Bakery Voucher": "面包店代金券",
    "Cinema Tickets": "电影票",
    "Concert Pass": "演唱会门票",
    "Theme Park Day": "主题乐园一日票",
    "Museum Pass": "博物馆通票",
    "Spa Day": "水疗一日体验",
}

VARIANT_NAMES = {"Red": "红色", "Blue": "蓝色", "Grey": "灰色", "Small": "小号", "Large": "大号"}

COLLECTIONS = {
    "featured": ("精选好礼", "会员最爱的精选礼品。"),
    "under-20000-points": ("两万积分以内", "小积分也能换的心意好礼。"),
    "travel-season": ("旅行季", "下一次出行需要的一切。"),
}

# The programme's pages in Chinese, block for block as catalog.demo.PAGES: ("h" | "p" | "ul", value).
PAGES = {
    "about": ("关于积分计划", [
        ("p", "积分商城是银行持卡人使用刷卡所得奖励积分的地方。每件礼品都由合作商户发出，"
              "银行按您兑换的积分向商户结算。"),
        ("h", "各方分工"),
        ("ul", ["银行管理您的积分账户，制定积分计划的规则。",
                "商城团队挑选合作商户，礼品上架前逐一审核，并解答您的问题。",
                "合作商户负责打包发货，或通过邮件向您发送电子券。",
                "物流公司配送包裹并回传每一步状态，您可在订单中查看。"]),
        ("h", "价格公道"),
        ("p", "每件礼品都标明所需积分折合的现金价值，以及同款商品在商店的售价，兑换前即可看清是否划算。"),
    ]),
    "points-rules": ("积分规则", [
        ("h", "积分如何获得"),
        ("ul", ["刷卡消费：每笔消费均可获得积分，银行每日发送积分文件后入账。",
                "入会即送欢迎积分，参加银行活动也可获得积分。",
                "每日签到等互动可得积分，每年上限见“会员权益”页。"]),
        ("h", "积分何时过期"),
        ("p", "积分在获得当年的下一个自然年年底过期：2026年获得的积分可使用至2027年12月31日。"
              "兑换时优先使用最早过期的积分。"),
        ("p", "积分到期前30天，我们会通过站内消息和邮件提醒您，首页也会显示即将过期的积分。已过期的积分无法恢复。"),
        ("h", "退款与取消"),
        ("ul", ["下单时积分先被冻结，订单确认后才正式扣除。",
                "订单取消或礼品无法发货时，积分立即退回。",
                "退货后退回的积分保留原有效期。",
                "积分不可兑换现金，也不可转让给其他会员。"]),
        ("p", "银行向商户结算时，100积分折合1元人民币。"),
    ]),
    "delivery-and-returns": ("配送与退货", [
        ("h", "配送时间"),
        ("p", "合作商户在2个工作日内发货，大多数包裹在下单后3至7个工作日送达，偏远地区可能更久。"
              "电子券几分钟内通过邮件发送，并显示在“我的券”页面。"),
        ("p", "订单页面显示从下单到送达的每一步，以及快递单号。"),
        ("h", "退货"),
        ("ul", ["签收后7天内，可在订单页面申请退货。",
                "礼品须未经使用，包装及配件齐全。",
                "商户会告知退货地址，地址显示在您的订单中。",
                "商户收到退货后，积分按原有效期退回您的账户。"]),
        ("p", "礼品到货破损或与订单不符：请在7天内通过订单页面告诉我们，我们将安排换货或退回积分。"),
    ]),
    "privacy": ("隐私政策", [
        ("p", "银行向商城提供您的姓名、会员编号和积分余额，以便您兑换积分。我们仅将其用于运营积分计划。"),
        ("h", "合作商户能看到什么"),
        ("p", "商户只能看到发货所需的信息：该订单的收货人姓名、电话和地址。商户看不到您的银行卡信息和积分余额。"),
        ("h", "您可以做什么"),
        ("ul", ["在账户页面修改个人资料、地址和语言。",
                "向我们索取我们保存的您的信息副本，或申请注销账户。",
                "积分加现金的银行卡付款由收单机构处理，我们从不保存卡号。"]),
    ]),
    "faq": ("常见问题", [
        ("h", "礼品为什么显示售罄？"),
        ("p", "每件礼品的数量由合作商户决定。商户给出补货日期时，售罄礼品会显示补货日期。"),
        ("h", "积分不够还能兑换吗？"),
        ("p", "如果您的银行允许，可以用银行卡支付部分金额（积分加现金）。结算页面在填写地址之前就会显示。"),
        ("h", "我的积分不见了。"),
        ("p", "请查看“我的积分”：每一笔变动都列有原因，包括已过期的积分。"
              "如有疑问，请在“帮助”页面联系我们，我们会与银行核查。"),
        ("h", "配送需要多久？"),
        ("p", "通常3至7个工作日。详见“配送与退货”。"),
    ]),
}


def gift_name(adjective: str, noun: str) -> str:
    """A gift's Chinese name: the adjective joined to the noun, no space (Chinese writes none)."""
    return f"{ADJECTIVES[adjective]}{NOUNS[noun]}"


def gift_description(name: str, partner_code: str, category_slug: str) -> str:
    return f"{PARTNER_NAMES[partner_code]}出品的{name}，{CATEGORY_NAMES[category_slug]}类人气好物。由合作商户发货。"


def category_description(slug: str, top_level: bool) -> str:
    name = CATEGORY_NAMES[slug]
    return f"适合各种积分余额的{name}礼品。" if top_level else f"来自合作商户的{name}。"
