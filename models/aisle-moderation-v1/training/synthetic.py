"""Synthetic training texts written for Aisle (MIT, like the rest of the repository): spam and scams, and ordinary
shop texts full of numbers, in English and Chinese.

Why: the SMS Spam Collection is the only real spam source, so without these the spam label would rest on one source
(and "leave SMS out" would have no spam at all), and a model that learnt "a long number means spam" from SMS flags
every review with a price, a size chart, an ISBN or an order number. The templates below were written from general
knowledge of what spam and scams say (prizes, loans, fake jobs, crypto, phishing, adult and pharmacy spam, "add me on
WeChat", review-for-cash offers) and of what shoppers write; none was copied from a data set, and none was tuned on
the SMS collection (which the leave-one-source-out evaluation holds out).

`generate(seed)` returns rows {text, spam, toxic, hate, source, row}; the sources are 'synthetic-spam' and
'synthetic-shop'. Deterministic for a seed.
"""
import random

# ------------------------------------------------------------------------------------------------------ vocabulary

PRODUCTS = ['phone', 'laptop', 'kettle', 'mixer grinder', 'saree', 'kurta', 'running shoes', 'backpack', 'watch',
            'headphones', 'earbuds', 'power bank', 'water bottle', 'pressure cooker', 'bedsheet', 'curtains', 'sofa cover',
            'jeans', 't-shirt', 'jacket', 'face wash', 'shampoo', 'trimmer', 'hair dryer', 'rice cooker', 'air fryer',
            'study table', 'office chair', 'mattress', 'pillow', 'tiffin box', 'lunch bag', 'school bag', 'umbrella',
            'smart band', 'monitor', 'keyboard', 'mouse', 'router', 'printer', 'tablet', 'book', 'novel', 'cookbook',
            'toy car', 'puzzle', 'baby stroller', 'yoga mat', 'dumbbells', 'cycle', 'helmet', 'tyre inflator', 'drill',
            'led bulb', 'extension board', 'ceiling fan', 'table lamp', 'wall clock', 'photo frame', 'dinner set',
            'steel bottle', 'handbag', 'wallet', 'belt', 'sunglasses', 'sandals', 'slippers', 'socks', 'bra', 'shorts']
ZH_PRODUCTS = ['手机', '笔记本电脑', '电水壶', '连衣裙', '运动鞋', '双肩包', '手表', '耳机', '充电宝', '保温杯', '电饭煲',
               '空气炸锅', '床单', '窗帘', '沙发套', '牛仔裤', 'T恤', '羽绒服', '洗面奶', '洗发水', '剃须刀', '吹风机',
               '书桌', '办公椅', '床垫', '枕头', '饭盒', '书包', '雨伞', '手环', '显示器', '键盘', '鼠标', '路由器',
               '打印机', '平板', '这本书', '小说', '玩具车', '拼图', '婴儿车', '瑜伽垫', '哑铃', '自行车', '头盔', '台灯',
               '挂钟', '餐具', '手提包', '钱包', '皮带', '太阳镜', '凉鞋', '拖鞋', '袜子', '短裤', '卫衣', '毛衣']
BRANDS = ['Samsung', 'Redmi', 'Apple', 'OnePlus', 'Realme', 'HP', 'Dell', 'Lenovo', 'Asus', 'Philips', 'Prestige',
          'Bajaj', 'Boat', 'Noise', 'Sony', 'JBL', 'Puma', 'Nike', 'Adidas', 'Titan', 'Fastrack', 'Milton', 'Havells',
          'Usha', 'Pigeon', 'Wildcraft', 'Skybags', 'Levis', 'Allen Solly', 'Biba', 'Xiaomi', 'Huawei', 'Canon', 'Logitech']
ZH_BRANDS = ['小米', '华为', '美的', '格力', '苏泊尔', '九阳', '李宁', '安踏', '海尔', '联想', 'OPPO', 'vivo', '荣耀', '罗技']
COLOURS = ['black', 'blue', 'navy', 'red', 'maroon', 'green', 'olive', 'grey', 'white', 'beige', 'pink', 'mustard']
ZH_COLOURS = ['黑色', '白色', '蓝色', '红色', '灰色', '粉色', '绿色', '米色', '卡其色', '藏青色']
MONTHS = ['Jan', 'Feb', 'March', 'April', 'May', 'June', 'July', 'Aug', 'Sept', 'Oct', 'Nov', 'December']
CITIES = ['Delhi', 'Mumbai', 'Pune', 'Chennai', 'Kolkata', 'Bangalore', 'Hyderabad', 'Jaipur', 'London', 'Leeds']
ZH_CITIES = ['北京', '上海', '广州', '深圳', '杭州', '成都', '武汉', '西安', '南京', '重庆']


def rs(r):
    return r.choice(['₹', 'Rs ', 'Rs. ', 'INR ', '₹ ', 'rs '])


def price(r, lo=99, hi=99999):
    v = r.randint(lo, hi)
    if r.random() < 0.6:
        v = (v // 100) * 100 + r.choice([0, 49, 99, 90, 50])
    s = f'{v:,}' if r.random() < 0.6 else str(v)
    return s


def dollars(r):
    return r.choice(['$', 'USD ', '£', '€']) + f'{r.randint(5, 900)}' + r.choice(['', '.99', '.49', '.00', '.95'])


def yuan(r):
    v = r.randint(9, 9999)
    return r.choice([f'{v}元', f'{v}块', f'¥{v}', f'￥{v}', f'{v}块钱', f'{v} 元'])


def digits(r, n):
    return ''.join(str(r.randint(0, 9)) for _ in range(n))


def phone(r):
    kind = r.randrange(8)
    if kind == 0:
        return r.choice('6789') + digits(r, 9)
    if kind == 1:
        return '+91 ' + r.choice('6789') + digits(r, 4) + ' ' + digits(r, 5)
    if kind == 2:
        return '09' + digits(r, 9)
    if kind == 3:
        return '0800 ' + digits(r, 3) + ' ' + digits(r, 4)
    if kind == 4:
        return '1' + r.choice('3456789') + digits(r, 9)
    if kind == 5:
        return f'({digits(r, 3)}) {digits(r, 3)}-{digits(r, 4)}'
    if kind == 6:
        return '+44 7' + digits(r, 3) + ' ' + digits(r, 6)
    return digits(r, 5)


def shortcode(r):
    return r.choice([digits(r, 5), digits(r, 5), digits(r, 4), '8' + digits(r, 4)])


def link(r):
    word = r.choice(['win', 'free', 'claim', 'bonus', 'deal', 'gift', 'lucky', 'cash', 'offer', 'prize', 'promo', 'earn'])
    tld = r.choice(['.com', '.xyz', '.top', '.info', '.net', '.club', '.site', '.online', '.in', '.cc'])
    path = r.choice(['', '/claim', '/win', '/' + digits(r, 4), '/offer?id=' + digits(r, 5), '/login'])
    host = word + r.choice(['', '-now', digits(r, 2), '4u', 'zone', 'hub']) + tld
    return r.choice(['', 'http://', 'https://', 'www.']) + host + path


def sometimes(r, text, p=0.5):
    return text if r.random() < p else ''


def shout(r, text):
    if r.random() < 0.25:
        return text.upper()
    return text


# ------------------------------------------------------------------------------------------------------ spam (en)

def spam_en(r):
    amount = r.choice([f'{rs(r)}{price(r, 1000, 500000)}', dollars(r), f'£{r.choice([100, 250, 500, 900, 1000, 2000, 5000])}',
                       f'{r.randint(1, 50)},000 rupees', f'${r.randint(1, 9)},000'])
    prize = r.choice(['a brand new iPhone', 'a cash prize', 'a free holiday', 'a Samsung TV', 'a gift voucher',
                      f'{amount} cash', 'a luxury car', 'a lucky draw prize', 'a shopping voucher', 'free recharge',
                      'a free laptop', 'two movie tickets', 'a mystery gift', 'free data for a year'])
    call = r.choice([f'call {phone(r)}', f'text WIN to {shortcode(r)}', f'reply YES to {shortcode(r)}',
                     f'SMS CLAIM to {shortcode(r)}', f'visit {link(r)}', f'click {link(r)}', f'WhatsApp {phone(r)}',
                     f'dial {phone(r)}', f'go to {link(r)}', f'message us on {phone(r)}', f'open {link(r)}'])
    urgency = r.choice(['now', 'today', 'within 24 hours', 'before midnight', 'immediately', 'asap', 'in 2 hours',
                        'while stocks last', 'offer ends today', 'limited time only', 'this week only', ''])
    templates = [
        lambda: f'Congratulations! You have won {prize}. To claim {call} {urgency}.',
        lambda: f'URGENT! Your number was selected in our lucky draw for {prize}. {call.capitalize()} to collect.',
        lambda: f'You are a WINNER! {prize.capitalize()} is waiting for you. {call.capitalize()} {urgency}!',
        lambda: f'FREE entry into our weekly draw to win {prize}. {call.capitalize()}. T&C apply, 18+ only.',
        lambda: f'Dear customer, your account will be blocked {urgency}. Update your KYC at {link(r)} to avoid suspension.',
        lambda: f'Your bank account has been suspended. Verify your details at {link(r)} or call {phone(r)}.',
        lambda: f'Get an instant personal loan up to {amount} with no documents. {call.capitalize()} {urgency}.',
        lambda: f'Pre-approved loan of {amount} at 0% interest! No CIBIL check. {call.capitalize()}.',
        lambda: f'Work from home and earn {amount} per week. No experience needed. {call.capitalize()}.',
        lambda: f'Part time job: earn {rs(r)}{price(r, 500, 9000)} daily just by liking videos. {call.capitalize()}.',
        lambda: f'Double your money in 7 days with our crypto trading plan. Join on Telegram, {call}.',
        lambda: f'Invest {rs(r)}{price(r, 500, 5000)} and get {rs(r)}{price(r, 10000, 90000)} guaranteed returns. {call.capitalize()}.',
        lambda: f'Hot singles in {r.choice(CITIES)} want to meet you tonight. {call.capitalize()}.',
        lambda: f'Cheap meds without prescription, viagra and weight loss pills, 80% off. Order at {link(r)}.',
        lambda: f'Buy followers and likes: 10,000 followers for just {rs(r)}{price(r, 99, 999)}. {call.capitalize()}.',
        lambda: f'Your parcel could not be delivered. Pay the {rs(r)}{r.randint(19, 99)} redelivery fee at {link(r)}.',
        lambda: f'Your electricity will be cut off tonight at 9.30 pm. Call the officer on {phone(r)} immediately.',
        lambda: f'Claim your free ringtone now! Text TONE to {shortcode(r)}. {r.choice(["150p", "£1.50", "Rs 5"])}/msg.',
        lambda: f'Great deal!!! Best price on {r.choice(PRODUCTS)} only at {link(r)} . Use code FREE{r.randint(10, 90)} for extra discount.',
        lambda: f'Want this {r.choice(PRODUCTS)} for free? Leave a 5 star review and WhatsApp me at {phone(r)} for a full refund.',
        lambda: f'Cheaper than this store! Buy the original {r.choice(BRANDS)} {r.choice(PRODUCTS)} at 70% off on {link(r)}',
        lambda: f'Earn money from home!! Contact me on WhatsApp {phone(r)} for a genuine online job, {amount} per month.',
        lambda: f'Selected customers get {prize}. Just pay {rs(r)}{r.randint(99, 999)} processing fee. {call.capitalize()}.',
        lambda: f'Your {r.choice(["Amazon", "Flipkart", "Netflix", "Paytm", "PayPal"])} account is on hold. Confirm your card at {link(r)}.',
        lambda: f'Final notice: you owe {amount} in unpaid tax. Pay now at {link(r)} or face arrest.',
        lambda: f'Lottery result: your mobile number won {amount}. Send your bank details to claim. {call.capitalize()}.',
        lambda: f'Earn {dollars(r)} a day with this one weird trick. Click {link(r)}',
        lambda: f'100% guaranteed weight loss of {r.randint(5, 20)} kg in {r.randint(7, 30)} days! Order now, {call}.',
        lambda: f'Get free gift cards worth {amount}! Complete a short survey at {link(r)}',
        lambda: f'Hi dear, I am {r.choice(["Anna", "Jessica", "Priya", "Linda"])}, I saw your profile and want to be friends. Text me on {phone(r)}',
        lambda: f'Limited offer: {r.choice(BRANDS)} {r.choice(PRODUCTS)} for {rs(r)}{r.randint(1, 99)} only! First 100 customers. {call.capitalize()}.',
        lambda: f'{shout(r, "Free")} recharge of {rs(r)}{r.choice([199, 299, 399, 499, 999])} for all users. Register at {link(r)} {urgency}.',
        lambda: f'Join our VIP trading group for sure-shot tips, {r.randint(200, 900)}% profit. {call.capitalize()}.',
        lambda: f'You have a pending reward of {amount}. Reply with your UPI PIN to receive it.',
        lambda: f'Make {amount} per month from home, no investment. Message "JOB" to {phone(r)}',
    ]
    text = r.choice(templates)()
    text = ' '.join(text.split())
    if r.random() < 0.2:
        text = text.replace('!', '!!!')
    return shout(r, text) if r.random() < 0.1 else text


# ------------------------------------------------------------------------------------------------------ spam (zh)

def spam_zh(r):
    wx = r.choice(['微信', 'vx', 'VX', 'v信', '薇信', '威信', 'wx', 'QQ', '扣扣'])
    contact = r.choice([f'加{wx} {r.choice(["abc", "mm", "lucky", "vip", "kf"])}{digits(r, r.randint(4, 8))}',
                        f'加{wx}：{digits(r, r.randint(8, 11))}', f'联系电话 {phone(r)}', f'点击 {link(r)}',
                        f'打开链接 {link(r)}', f'私聊我{wx}', f'加群 {digits(r, 9)}', f'拨打 {phone(r)}'])
    money = yuan(r)
    templates = [
        lambda: f'恭喜您获得{r.choice(["一等奖", "幸运大奖", "iPhone一部", "现金红包", "购物卡"])}，请{contact}领取，{r.choice(["今天截止", "过期作废", "名额有限"])}！',
        lambda: f'兼职刷单，日赚{money}，在家就能做，{contact}',
        lambda: f'无抵押贷款，当天放款，最高{r.randint(5, 50)}万，{contact}',
        lambda: f'高仿名牌包包手表，一比一做工，价格只要{money}，{contact}',
        lambda: f'您的账户存在风险，请立即点击 {link(r)} 验证身份，否则将被冻结。',
        lambda: f'好评返现{money}，晒图再送{yuan(r)}红包，{contact}',
        lambda: f'投资理财，稳赚不赔，月收益{r.randint(20, 300)}%，{contact}',
        lambda: f'低价出售各种{r.choice(ZH_PRODUCTS)}，比店里便宜一半，{contact}',
        lambda: f'美女在线陪聊，寂寞了就{contact}',
        lambda: f'代开发票，{r.choice(["增值税", "普通", "各类"])}发票，{contact}',
        lambda: f'免费领取{r.choice(ZH_PRODUCTS)}，只需支付{yuan(r)}邮费，{contact}',
        lambda: f'恭喜你被选中参加抽奖活动，中奖金额{money}，请{contact}',
        lambda: f'网络赚钱项目，零投资，每天{money}，想赚钱的{contact}',
        lambda: f'您的快递丢失，我们将赔偿您{money}，请{contact}办理退款。',
        lambda: f'刷信誉，刷好评，一单{yuan(r)}，{contact}',
        lambda: f'减肥神药，一个月瘦{r.randint(10, 40)}斤，不反弹，{contact}',
        lambda: f'{r.choice(ZH_BRANDS)}官方抽奖，{r.choice(ZH_PRODUCTS)}只要{yuan(r)}，{contact}',
        lambda: f'加我{wx}送你{yuan(r)}优惠券，买{r.choice(ZH_PRODUCTS)}更便宜',
        lambda: f'本店{r.choice(ZH_PRODUCTS)}不如去我家买，便宜{r.randint(100, 900)}块，{contact}',
        lambda: f'博彩平台，首充送{yuan(r)}，日赚万元，{contact}',
        lambda: f'您已获得{money}红包，点击 {link(r)} 立即提现',
        lambda: f'信用卡提额，套现，黑户也能办，{contact}',
    ]
    return r.choice(templates)()


# -------------------------------------------------------------------------------------------- ordinary shop (en)

def shop_en(r):
    p = r.choice(PRODUCTS)
    b = r.choice(BRANDS)
    c = r.choice(COLOURS)
    a, b2 = sorted([int(price(r, 199, 60000).replace(',', '')), int(price(r, 199, 60000).replace(',', ''))])
    cur = rs(r)
    order = r.choice([f'{digits(r, 3)}-{digits(r, 7)}-{digits(r, 7)}', f'OD{digits(r, 18)}', f'#{digits(r, 8)}',
                      digits(r, 10), f'{r.choice(["ORD", "INV", "AWB"])}{digits(r, 9)}'])
    isbn = r.choice([f'978-{digits(r, 1)}-{digits(r, 2)}-{digits(r, 6)}-{digits(r, 1)}', f'978{digits(r, 10)}',
                     f'{digits(r, 9)}X', f'978-{digits(r, 2)}-{digits(r, 4)}-{digits(r, 3)}-{digits(r, 1)}'])
    model = r.choice([f'{r.choice(["SM", "WH", "MX", "KD", "AX"])}-{r.choice("ABCDEFG")}{digits(r, 3)}{r.choice("ABZ")}',
                      f'{r.choice(["X", "Pro ", "Note ", "Series "])}{r.randint(2, 15)}', f'{digits(r, 4)}{r.choice("ABCK")}',
                      f'{r.choice("ABCDEFGHJK")}{digits(r, 2)}{r.choice("ABCDEFGH")}{digits(r, 1)}'])
    size = r.choice(['S', 'M', 'L', 'XL', 'XXL', str(r.choice([28, 30, 32, 34, 36, 38, 40, 42])), f'UK {r.randint(5, 11)}'])
    dims = r.choice([f'{r.randint(20, 200)} x {r.randint(20, 200)} x {r.randint(5, 120)} cm', f'{r.randint(10, 80)}x{r.randint(10, 80)} inches',
                     f'{r.randint(100, 2500)} mm', f'{r.randint(1, 30)}.{r.randint(0, 9)} kg', f'{r.randint(100, 3000)} ml',
                     f'{r.randint(1, 9)}.{r.randint(0, 9)} litres', f'{r.randint(10, 200)} W', f'{r.randint(1000, 30000)} mAh'])
    date = r.choice([f'{r.randint(1, 28)} {r.choice(MONTHS)} {r.randint(2019, 2025)}', f'{r.randint(1, 28)}/{r.randint(1, 12)}/{r.randint(2019, 2025)}',
                     f'{r.randint(2019, 2025)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}', f'{r.choice(MONTHS)} {r.randint(1, 28)}'])
    rating = r.choice([f'{r.randint(1, 5)}/5', f'{r.randint(1, 5)} stars', f'{r.randint(1, 9)}/10', f'{r.randint(1, 4)}.{r.randint(0, 9)} out of 5'])
    templates = [
        lambda: f'Price dropped from {cur}{a:,} to {cur}{b2:,} during the sale, so I bought two.',
        lambda: f'Got the {b} {p} for {cur}{a:,}. Worth every rupee.',
        lambda: f'I ordered size {size} but it fits like one size smaller. Chest is {r.randint(34, 46)} inches, length {r.randint(25, 32)} inches.',
        lambda: f'Size chart: S 36, M 38, L 40, XL 42, XXL 44. I am {r.randint(150, 190)} cm and {r.randint(45, 95)} kg and {size} fits well.',
        lambda: f'Dimensions are {dims}, exactly as listed. Weight about {r.randint(1, 20)} kg.',
        lambda: f'ISBN {isbn}, paperback, {r.randint(120, 900)} pages. The print quality is good.',
        lambda: f'My order {order} arrived on {date}, two days late, but the packing was fine.',
        lambda: f'Order number {order}: received the wrong colour ({c} instead of {r.choice(COLOURS)}). Replacement was quick.',
        lambda: f'Model {model} works with the {r.randint(12, 240)}V adapter. Battery {r.randint(1000, 6000)} mAh lasts {r.randint(2, 30)} hours.',
        lambda: f'Is the {model} compatible with the {b} {p}? Mine is the {r.randint(2018, 2025)} version.',
        lambda: f'Rating {rating}. Used it for {r.randint(2, 18)} months, {r.randint(2, 5)} times a week.',
        lambda: f'Bought on {date} for {cur}{a:,}; MRP was {cur}{b2:,}. The {c} colour looks exactly like the photo.',
        lambda: f'Does this come in {r.randint(2, 6)} GB / {r.choice([32, 64, 128, 256, 512])} GB? The listing says {r.choice([64, 128, 256])} GB.',
        lambda: f'Warranty is {r.randint(1, 5)} years. Customer care asked for the serial number {r.choice("ABCDEFGHJK")}{digits(r, 10)}.',
        lambda: f'{r.randint(2, 12)} pieces in the box, each {r.randint(5, 40)} cm. Good for {r.randint(2, 8)} people.',
        lambda: f'Screen is {r.randint(5, 16)}.{r.randint(0, 9)} inches, {r.choice(["1080p", "4K", "720p", "1920x1080", "2560 x 1440"])}, {r.choice([60, 90, 120, 144])} Hz.',
        lambda: f'Fits my {r.randint(13, 17)} inch laptop. Capacity {r.randint(15, 45)} L, {r.randint(2, 6)} compartments.',
        lambda: f'I paid {dollars(r)} with shipping. Arrived in {r.randint(2, 14)} days.',
        lambda: f'After {r.randint(3, 11)} washes the {c} {p} has not faded. Fabric is {r.randint(60, 100)}% cotton.',
        lambda: f'Pin code {r.choice(["110", "400", "560", "600", "700"])}{digits(r, 3)} is serviceable? Need delivery before {date}.',
        lambda: f'Power consumption around {r.randint(1, 9)}.{r.randint(0, 9)} units a day. Runs at {r.randint(1000, 3000)} rpm.',
        lambda: f'The {p} weighs {r.randint(100, 900)} g, {r.randint(10, 60)}% lighter than my old one.',
        lambda: f'Return window is {r.randint(7, 30)} days. I returned it on day {r.randint(2, 6)} and got {cur}{a:,} back in {r.randint(3, 10)} days.',
        lambda: f'Version {r.randint(1, 9)}.{r.randint(0, 9)}.{r.randint(0, 20)} firmware fixed the bluetooth issue. Pairs in {r.randint(2, 9)} seconds.',
        lambda: f'{r.randint(2, 9)} out of {r.randint(10, 12)} pieces were perfect, {r.randint(1, 2)} had scratches.',
        lambda: f'Room temperature dropped from {r.randint(32, 40)} to {r.randint(22, 27)} degrees in {r.randint(10, 40)} minutes.',
        lambda: f'Comes with {r.randint(2, 4)} extra tips (S, M, L) and a {r.randint(50, 150)} cm cable. Charges from 0 to 100% in {r.randint(40, 150)} minutes.',
        lambda: f'Delivered to {r.choice(CITIES)} on {date}. The invoice number was {order}, the courier AWB {digits(r, 12)}.',
        lambda: f'Is the price of {cur}{a:,} including GST? The bill showed {r.choice([5, 12, 18, 28])}% tax.',
        lambda: f'My {r.randint(3, 12)} year old loves it. Recommended age {r.randint(3, 8)}+, {r.randint(50, 500)} pieces.',
        lambda: f'Call quality is fine, and I can hear clearly even at {r.randint(40, 90)} km/h on my bike.',
        lambda: f'Ordered {r.randint(2, 10)} units on {date} for the office, all {r.randint(2, 10)} work. {rating}.',
        lambda: f'It says {r.randint(5, 60)} minutes but my rice took {r.randint(15, 45)} minutes for {r.randint(1, 4)} cups.',
        lambda: f'Bought it in the {r.choice(["Diwali", "Big Billion Days", "Republic Day", "Prime Day", "year end"])} sale at {r.randint(10, 70)}% off.',
        lambda: f'Coupon saved me {cur}{r.randint(50, 900)}; final price {cur}{a:,} with free delivery.',
        lambda: f'Does size {size} have a {r.randint(26, 44)} inch waist? My usual jeans are {r.randint(28, 40)}.',
        lambda: f'Edition {r.randint(1, 12)}, printed {r.randint(1995, 2024)}, ISBN-13 {isbn}.',
        lambda: f'The box says {model}, manufactured {r.choice(MONTHS)} {r.randint(2021, 2025)}, batch {digits(r, 6)}.',
    ]
    return ' '.join(r.choice(templates)().split())


# -------------------------------------------------------------------------------------------- ordinary shop (zh)

def shop_zh(r):
    p = r.choice(ZH_PRODUCTS)
    b = r.choice(ZH_BRANDS)
    c = r.choice(ZH_COLOURS)
    order = r.choice([digits(r, 18), digits(r, 16), f'SF{digits(r, 12)}', f'YT{digits(r, 13)}', digits(r, 12)])
    date = r.choice([f'{r.randint(1, 12)}月{r.randint(1, 28)}日', f'{r.randint(2019, 2025)}年{r.randint(1, 12)}月{r.randint(1, 28)}日',
                     f'{r.randint(2019, 2025)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}', f'{r.randint(1, 12)}.{r.randint(1, 28)}'])
    a, b2 = sorted([r.randint(19, 9999), r.randint(19, 9999)])
    templates = [
        lambda: f'原价{b2}元，活动价{a}元，很划算。',
        lambda: f'{b}{p}{a}块买的，用了{r.randint(2, 12)}个月没问题。',
        lambda: f'身高{r.randint(150, 190)}厘米，体重{r.randint(40, 95)}公斤，买的{r.choice(["S", "M", "L", "XL"])}码刚好。',
        lambda: f'尺寸{r.randint(20, 200)}x{r.randint(20, 200)}x{r.randint(5, 100)}厘米，和描述一致。',
        lambda: f'订单号{order}，{date}到货，物流很快。',
        lambda: f'快递单号{order}，三天就到了，包装完好。',
        lambda: f'型号{r.choice(["MI", "HW", "M", "X"])}{r.randint(10, 99)}{r.choice(["A", "B", "Pro", "S"])}，{r.choice([64, 128, 256])}G内存，{r.randint(3000, 6000)}毫安电池。',
        lambda: f'{c}的很好看，洗了{r.randint(2, 10)}次没有掉色，含棉量{r.randint(60, 100)}%。',
        lambda: f'评分{r.randint(1, 5)}分，{r.randint(1, 5)}星，用了{r.randint(1, 30)}天。',
        lambda: f'请问{r.randint(36, 44)}码的脚长是多少？我平时穿{r.randint(36, 44)}码。',
        lambda: f'功率{r.randint(500, 2200)}瓦，{r.randint(3, 15)}分钟烧开{r.randint(1, 2)}.{r.randint(0, 9)}升水。',
        lambda: f'这本书ISBN {r.choice(["978-7-", "9787"])}{digits(r, 9)}，{r.randint(100, 800)}页，印刷清楚。',
        lambda: f'双十一{a}元入手，比平时便宜{r.randint(50, 500)}元。',
        lambda: f'屏幕{r.randint(5, 16)}.{r.randint(0, 9)}英寸，分辨率{r.choice(["1920x1080", "2560x1440", "3840x2160"])}，刷新率{r.choice([60, 90, 120, 144])}Hz。',
        lambda: f'{date}下单，{r.randint(2, 7)}天后收到，一共{r.randint(2, 12)}件，少了{r.randint(1, 2)}件，客服补发了。',
        lambda: f'重量{r.randint(100, 900)}克，比旧的轻了{r.randint(10, 60)}%。',
        lambda: f'保修{r.randint(1, 3)}年，序列号{r.choice("ABCDEFGH")}{digits(r, 10)}，可以查到。',
        lambda: f'{r.randint(3, 12)}岁的孩子很喜欢，{r.randint(100, 1000)}片拼图，适合{r.randint(3, 8)}岁以上。',
        lambda: f'第{r.randint(1, 9)}版，{r.randint(2000, 2024)}年印刷，价格{yuan(r)}。',
        lambda: f'容量{r.randint(300, 2000)}毫升，保温{r.randint(6, 24)}小时，{c}。',
        lambda: f'送到{r.choice(ZH_CITIES)}用了{r.randint(2, 6)}天，运费{r.randint(0, 20)}元。',
        lambda: f'这个{p}多少钱？{a}元包邮吗？',
        lambda: f'买了{r.randint(2, 6)}个，每个{yuan(r)}，总共{r.randint(100, 999)}元，很值。',
        lambda: f'{r.randint(1, 5)}档风速，噪音{r.randint(30, 60)}分贝，晚上开着也不吵。',
    ]
    return r.choice(templates)()


def generate(seed=20240611, n_spam_en=2500, n_spam_zh=1500, n_shop_en=3000, n_shop_zh=2000):
    r = random.Random(seed)
    rows = []
    seen = set()

    def add(text, spam, source):
        if text in seen:
            return
        seen.add(text)
        rows.append({'text': text, 'toxic': 0, 'hate': 0, 'spam': spam, 'source': source, 'row': len(rows)})

    for _ in range(n_spam_en):
        add(spam_en(r), 1, 'synthetic-spam')
    for _ in range(n_spam_zh):
        add(spam_zh(r), 1, 'synthetic-spam')
    for _ in range(n_shop_en):
        add(shop_en(r), 0, 'synthetic-shop')
    for _ in range(n_shop_zh):
        add(shop_zh(r), 0, 'synthetic-shop')
    return rows


if __name__ == '__main__':
    for row in generate()[::400]:
        print(row['source'], row['text'])
