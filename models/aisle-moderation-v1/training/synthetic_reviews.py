"""Synthetic shop reviews of several sentences, written for Aisle (MIT): ordinary reviews and questions (praise,
complaints that are not abuse, strong-but-fine words, people and places, numbers) and, as their contrast, the same
kind of review with an insult aimed at someone in it. English and Chinese.

Why: the toxic and hate heads flagged genuine long reviews (the OTT hotel reviews, evaluation only: 114 of 800
flagged, 30 of them blocked). Every real source with negatives is short (tweets, SMS, forum sentences, talk
comments) while Civil Comments, the one source of long fluent prose about places, prices and people, gives
positives only: the model learnt that a paragraph of ordinary prose is offensive. These rows give it ordinary
paragraphs (toxic 0, hate 0, spam 0, source 'synthetic-review') and paragraphs that differ only by an insult aimed at
a person (toxic 1, hate unknown, spam 0, source 'synthetic-abuse'), so that the insult, not the prose, carries the
score. Written from general knowledge of how shoppers write about products, delivery, sellers and their families;
no sentence was copied from a data set, none from the project's suites (tests/fixtures/moderation) and none from the
hotel reviews, which stay evaluation only.

`generate(seed)` returns rows {text, toxic, hate, spam, source, row} (row numbers from 100000, apart from synthetic.py's). Deterministic for a seed; independent of
synthetic.py's random stream, so adding these rows changes no earlier row or split.
"""
import random

from synthetic import BRANDS, CITIES, COLOURS, MONTHS, PRODUCTS, ZH_BRANDS, ZH_CITIES, ZH_PRODUCTS, rs

PEOPLE = ['my husband', 'my wife', 'my mother', 'my dad', 'my sister', 'my son', 'my daughter', 'our kids', 'my flatmate',
          'my grandmother', 'my colleague', 'a friend', 'my neighbour', 'my brother-in-law']
STAFF = ['the delivery man', 'the courier', 'customer care', 'the seller', 'the support team', 'the technician',
         'the store staff', 'the person on the phone', 'the installation guy', 'the shop assistant']
GOOD = ['great', 'excellent', 'solid', 'superb', 'fantastic', 'very good', 'amazing', 'impressive', 'lovely', 'decent',
        'brilliant', 'outstanding', 'wonderful', 'reliable', 'sturdy']
BAD = ['terrible', 'awful', 'poor', 'disappointing', 'flimsy', 'cheap-feeling', 'useless', 'horrible', 'bad',
       'the worst I have owned', 'a letdown', 'not acceptable', 'frustrating', 'annoying']
STRONG_FINE = [
    'This thing is insanely powerful for its size.', 'Honestly it blew my mind how quiet it is.',
    'The price is crazy low for what you get.', 'It absolutely destroys the old one I had.',
    'I hate that the cable is so short.', 'I hate how long the delivery took, but the product is fine.',
    'It crushes everything you throw at it.', 'The suction is brutal, in a good way.',
    'Worst part is the manual, which explains nothing.', 'I was so angry when the box arrived open.',
    'The colour is a bit loud for my taste.', 'It is a monster in the kitchen.', 'Performance is wild for the money.',
    'The fan sounds like a jet engine on the top speed.', 'The battery dies way too fast when it is cold.',
    'I am obsessed with how soft it is.', 'This deal was a steal.', 'It survived a fall down the stairs.',
    'The smell of plastic was awful for a day.', 'Sharp enough to shave with, so be careful.',
    'Do not believe the hype about the camera.', 'The app is a total mess, the hardware is fine.',
]
CLOSE = ['Would buy again.', 'Recommended.', 'Not recommended.', 'Four stars from me.', 'Two stars.', 'Returning it.',
         'Happy overall.', 'Worth it at this price.', 'Think twice before buying.', 'Five stars.', 'Mixed feelings.',
         'Still using it every day.', 'I will update this review in a month.']
QUESTIONS = ['Does it come with a warranty card?', 'Is the {n} {unit} version worth the extra money?',
             'Can anyone tell me if it works in {city}?', 'Will it fit a {n} cm shelf?', 'Is the {colour} one darker than the photo?',
             'Does the seller ship to {city} on weekends?', 'How long does the battery last for you?']
INSULTS_EN = ['you are an idiot', 'what a stupid moron', 'the seller is a worthless idiot', 'go to hell, you liar',
              'shut up and refund me, you clown', 'you people are pathetic losers', 'customer care are a bunch of idiots',
              'the delivery man is a brainless fool', 'screw you and your fake product', 'you absolute jerk',
              'whoever packed this is a complete imbecile', 'the owner is a lying bastard']


def pick(r, xs):
    return r.choice(xs)


def review_en(r, insult=False):
    p, b, c, city = pick(r, PRODUCTS), pick(r, BRANDS), pick(r, COLOURS), pick(r, CITIES)
    who, staff = pick(r, PEOPLE), pick(r, STAFF)
    n = r.randint(2, 48)
    cur = rs(r)
    money = f'{cur}{r.randint(199, 40000):,}'
    opener = pick(r, [
        f'I bought this {b} {p} for {who} in {pick(r, MONTHS)}.', f'Ordered the {c} {p} to {city} and it came in {n % 9 + 1} days.',
        f'We have been using the {p} for {n} weeks now.', f'Got it for {money} in the sale.',
        f'{who.capitalize()} picked this {p} after reading the reviews.', f'This is my second {b} {p}.',
        f'Bought it from the {city} warehouse, delivered on a Sunday.', f'Paid {money} for the {p}, which is a lot.'])
    body = [pick(r, [
        f'The build quality is {pick(r, GOOD)} and the finish is {pick(r, GOOD)}.',
        f'Sadly the quality is {pick(r, BAD)}, the lid cracked after {n} days.',
        f'{staff.capitalize()} was {pick(r, ["polite", "helpful", "rude", "slow", "quick", "late", "friendly", "unhelpful"])} and {pick(r, ["sorted it out", "did nothing", "called me back twice", "promised a refund", "took a photo of the damage"])}.',
        f'{who.capitalize()} {pick(r, ["loves", "hates", "likes", "is not sure about", "uses", "complains about"])} the {pick(r, ["colour", "size", "weight", "noise", "smell", "buttons", "strap"])}.',
        f'The packaging was {pick(r, BAD + GOOD)} and the box had a dent.',
        pick(r, STRONG_FINE), pick(r, STRONG_FINE),
        f'It is {pick(r, ["heavier", "smaller", "louder", "brighter", "cheaper", "slower"])} than the {b} one I had before.',
        f'Support said the replacement takes {n % 10 + 2} working days, which is {pick(r, ["fine", "too long", "annoying", "okay"])}.',
    ]) for _ in range(r.randint(1, 3))]
    if insult:
        body.insert(r.randint(0, len(body)), pick(r, [f'{pick(r, INSULTS_EN).capitalize()}.', f'Seriously, {pick(r, INSULTS_EN)}.',
                                                     f'{staff.capitalize()}? {pick(r, INSULTS_EN).capitalize()}!']))
    parts = [opener, *body]
    if r.random() < 0.6:
        parts.append(pick(r, CLOSE))
    if r.random() < 0.2:
        parts.append(pick(r, QUESTIONS).format(n=n, unit=pick(r, ['GB', 'litre', 'inch']), city=city, colour=c))
    return ' '.join(parts)


ZH_PEOPLE = ['我老公', '我老婆', '我妈', '我爸', '孩子', '家里老人', '同事', '室友', '朋友', '我姐']
ZH_STAFF = ['快递小哥', '客服', '卖家', '安装师傅', '售后', '店员']
ZH_GOOD = ['很好', '不错', '挺满意', '超出预期', '很结实', '做工精细', '非常好用', '质感很好']
ZH_BAD = ['很差', '太失望了', '一般般', '不太行', '做工粗糙', '有点坑', '很糟糕', '不值这个价']
ZH_STRONG_FINE = ['吸力猛到离谱。', '这个价格真的太狠了。', '声音大得吓人，不过能接受。', '我真的讨厌它的充电线这么短。',
                  '效果强得可怕。', '快递慢得让人抓狂。', '颜色有点扎眼。', '说明书写得一塌糊涂。', '味道大得要命，放了两天才散。',
                  '便宜到不敢相信。', '用起来爽翻了。', '这次物流真是气死我了，东西本身没问题。']
ZH_CLOSE = ['会回购。', '推荐购买。', '不推荐。', '给四星。', '给两星。', '已申请退货。', '总体满意。', '物有所值。']
INSULTS_ZH = ['卖家是傻逼', '客服都是一群废物', '你脑子有病吧', '滚你妈的', '卖家就是个骗子王八蛋', '快递员是个白痴',
              '你们这些蠢货', '去死吧垃圾卖家']


def review_zh(r, insult=False):
    p, b, city = pick(r, ZH_PRODUCTS), pick(r, ZH_BRANDS), pick(r, ZH_CITIES)
    who, staff = pick(r, ZH_PEOPLE), pick(r, ZH_STAFF)
    n = r.randint(2, 48)
    opener = pick(r, [f'给{who}买的{b}{p}，', f'{pick(r, ["双十一", "618", "年货节", "周末"])}在店里买了{p}，', f'这是第二次买{b}的{p}了，',
                      f'{p}寄到{city}用了{n % 9 + 1}天，', f'用了{n}天的{p}，', f'花了{r.randint(29, 8999)}元买的，'])
    body = [pick(r, [
        f'质量{pick(r, ZH_GOOD + ZH_BAD)}。', f'{staff}{pick(r, ["态度很好", "态度一般", "回复很慢", "很负责", "一直不回消息", "帮忙解决了"])}。',
        f'{who}{pick(r, ["很喜欢", "不太喜欢", "天天用", "嫌它太重", "说颜色好看"])}。', pick(r, ZH_STRONG_FINE), pick(r, ZH_STRONG_FINE),
        f'包装{pick(r, ["完好", "有点破", "很简陋", "很用心"])}，{pick(r, ["没有磕碰", "盒子压扁了", "里面有泡沫", "少了一个配件"])}。',
        f'比之前那个{pick(r, ["重", "轻", "吵", "安静", "便宜", "贵"])}一点。', f'售后说{n % 10 + 2}个工作日内换新，{pick(r, ["还行", "太久了", "可以接受"])}。',
    ]) for _ in range(r.randint(1, 3))]
    if insult:
        body.insert(r.randint(0, len(body)), pick(r, INSULTS_ZH) + pick(r, ['！', '。', '，气死了。']))
    parts = [opener, *body]
    if r.random() < 0.6:
        parts.append(pick(r, ZH_CLOSE))
    return ''.join(parts)


def generate(seed=20240612, n_en=3000, n_zh=2000, n_abuse_en=900, n_abuse_zh=600):
    r = random.Random(seed)
    rows, seen = [], set()

    def add(text, toxic, source):
        if text in seen:
            return
        seen.add(text)
        rows.append({'text': text, 'toxic': toxic, 'hate': 0 if toxic == 0 else -1, 'spam': 0, 'source': source, 'row': 100000 + len(rows)})

    for _ in range(n_en):
        add(review_en(r), 0, 'synthetic-review')
    for _ in range(n_zh):
        add(review_zh(r), 0, 'synthetic-review')
    for _ in range(n_abuse_en):
        add(review_en(r, insult=True), 1, 'synthetic-abuse')
    for _ in range(n_abuse_zh):
        add(review_zh(r, insult=True), 1, 'synthetic-abuse')
    return rows


if __name__ == '__main__':
    for row in generate()[::500]:
        print(row['source'], row['toxic'], row['text'])
