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

PAGES = {
    "about": ("关于积分商城", "用刷卡积累的积分兑换合作商户的礼品。"),
    "terms": ("兑换条款", "下单时扣除积分，订单取消后积分退回。"),
    "faq": ("常见问题", "配送需要3至7个工作日。电子券通过邮件发送。"),
}


def gift_name(adjective: str, noun: str) -> str:
    """A gift's Chinese name: the adjective joined to the noun, no space (Chinese writes none)."""
    return f"{ADJECTIVES[adjective]}{NOUNS[noun]}"


def gift_description(name: str, partner_code: str, category_slug: str) -> str:
    return f"{PARTNER_NAMES[partner_code]}出品的{name}，{CATEGORY_NAMES[category_slug]}类人气好物。由合作商户发货。"


def category_description(slug: str, top_level: bool) -> str:
    name = CATEGORY_NAMES[slug]
    return f"适合各种积分余额的{name}礼品。" if top_level else f"来自合作商户的{name}。"
