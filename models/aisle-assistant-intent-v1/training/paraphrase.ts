/**
 * Wider training requests than the templates: small grammars per intent (question frames × verb phrases × objects ×
 * situations, in English, Chinese and both mixed) that say the same thing the many ways shoppers do, the shop's own
 * policy questions (its policy file's headings, public/catalog/policies.md for the demo) inside paraphrase frames,
 * and noise as shoppers type it (txt-speak, dropped words, a second typo, Chinese particles on English and English
 * fillers on Chinese). Words of language only: the catalog's names still come from the catalog (generate.ts fills
 * {cat}, {color}, {price}, {n}). Never reads the test requests. Deterministic for a seed.
 */
import type { Intent } from '../../../src/shared/protocol/assistant.ts';

type R = () => number;
const pick = <T>(r: R, list: readonly T[]): T => list[Math.floor(r() * list.length)];

/** A grammar: a list of frames whose {slots} are filled from the lists below (nested slots allowed). */
type Grammar = { frames: string[]; slots: Record<string, string[]>; share?: number };
// `share`: the part of an intent's requests this grammar gives (default: the intent's requests split evenly).

const FAQ_EN: Grammar = {
  share: 0.5,
  frames: [
    '{ask} {act}', '{ask} {act}?', '{ask} {act} {tail}', '{polite} {ask} {act}', 'what is your {noun} policy', '{noun} policy', '{noun} policy?', 'whats the {noun} policy',
    '{noun} rules', 'rules for {noun}', 'tell me about {noun}', 'info on {noun}', 'how does {noun} work', 'how long does {noun} take', 'how much is {noun}', 'is {noun} free',
    '{noun} time', '{noun} time?', '{noun} charges', '{noun} info', '{noun} process', 'do you offer {noun}', 'do you have {noun}', 'is there {noun}', 'any {noun}', '{noun}?', '{noun} available?', '{noun} kaise hoga', '{noun} details pls', 'what about {noun}',
    'what if {sit}', '{sit} what do i do', '{sit}, what now', '{sit}', 'help {sit}', '{sit} can you help', 'i have a problem {sit}', '{sit} {ask} {act}',
    'how many days {days}', 'how long {days}', 'when {when}', 'within how many days {days}', 'is it possible that {sit2}',
  ],
  slots: {
    ask: ['can i', 'how do i', 'how can i', 'is it possible to', 'am i able to', 'what if i want to', 'how to', 'steps to', 'whats the process to', 'can u help me', 'i want to', 'i need to', 'pls tell me how to', 'is there a way to', 'do you let me', 'will you let me', 'can we', 'where do i', 'where can i'],
    polite: ['hi', 'hello', 'quick question', 'sorry', 'excuse me', 'hey', 'um'],
    tail: ['pls', 'please', 'asap', 'today', 'for my order', 'with you', 'here', 'online'],
    act: [
      'return {obj}', 'send {obj} back', 'give {obj} back', 'get a refund', 'get my money back', 'exchange {obj}', 'swap {obj} for another size', 'replace {obj}', 'cancel my order', 'cancel {obj}',
      'track my order', 'track my parcel', 'check my delivery status', 'see where my package is', 'change my address', 'update the delivery address', 'fix the address on my order',
      'pay by {pay}', 'pay with {pay}', 'use {pay}', 'use a coupon', 'apply a promo code', 'use two coupons', 'contact support', 'talk to customer care', 'reach you', 'speak to someone', 'call you',
      'create an account', 'sign up', 'order without an account', 'checkout as guest', 'get an invoice', 'get a bill', 'get a receipt', 'leave a review', 'rate a product', 'write a review',
      'gift wrap {obj}', 'add a gift message', 'send {obj} as a gift', 'ship abroad', 'get it delivered outside india', 'get faster delivery', 'get it tomorrow', 'get express shipping',
      'report a damaged item', 'report a wrong item', 'get a replacement', 'claim warranty', 'get {obj} repaired', 'get it installed', 'buy in bulk', 'get a wholesale price',
      'preorder {obj}', 'order something out of stock', 'get notified when it is back', 'order by phone', 'get a price match', 'get the price difference back', 'join the loyalty program', 'redeem my points',
      'subscribe to the newsletter', 'unsubscribe from emails', 'keep my card details safe',
    ],
    obj: ['an item', 'my order', 'this', 'it', 'the product', 'a gift', 'something', 'my purchase', 'the shoes', 'a watch', 'the dress', 'a sale item', 'one item from my order', '{cat}'],
    pay: ['upi', 'paypal', 'credit card', 'debit card', 'cash on delivery', 'cod', 'net banking', 'emi', 'a gift card', 'paytm', 'google pay'],
    noun: [
      'returns', 'return', 'refund', 'refunds', 'exchange', 'exchanges', 'shipping', 'delivery', 'delivery charges', 'shipping cost', 'express delivery', 'cod', 'cash on delivery', 'emi', 'international shipping',
      'order tracking', 'cancellation', 'warranty', 'guarantee', 'gift wrapping', 'gift wrap', 'price match', 'price protection', 'loyalty points', 'reward points', 'membership', 'promo codes', 'coupons',
      'invoice', 'gst invoice', 'customer support', 'customer care', 'live chat', 'installation', 'bulk orders', 'size exchange', 'replacement', 'privacy', 'data security', 'payment options', 'newsletter',
      'guest checkout', 'pre orders', 'back orders', 'restocking', 'final sale', 'clearance items',
    ],
    sit: [
      'my parcel is late', 'my package hasnt arrived', 'the item arrived broken', 'i got the wrong size', 'you sent the wrong item', 'my order is missing', 'the product is defective', 'my coupon is not working',
      'my payment failed', 'i was charged twice', 'the package is damaged', 'i dont like the product', 'it doesnt fit', 'i changed my mind', 'i lost my receipt', 'i threw away the box', 'the courier lost my parcel',
      'the price dropped after i bought', 'i entered the wrong address', 'i ordered by mistake', 'it stopped working', 'the colour is different from the photo', 'my discount code is invalid',
    ],
    sit2: ['i return it after a month', 'you deliver on sunday', 'you ship to dubai', 'i pay at the door', 'i get it by friday'],
    days: ['to return', 'for delivery', 'for the refund', 'does shipping take', 'until it ships', 'to exchange', 'for my money to come back', 'is the warranty'],
    when: ['will my order arrive', 'will i get my refund', 'will it ship', 'does the sale end', 'is the item back in stock', 'will my parcel come'],
  },
};

/**
 * Policy questions told as stories: what happened to something the shopper bought, with or without the question
 * ("i bought a watch last week and it stopped working"): a policy question, not a look at the order history. Its
 * own share on top of the other two faq grammars, so that their short questions keep theirs.
 */
const FAQ_STORY: Grammar = {
  share: 0.5,
  frames: [
    '{past} {obj} {ago} and {prob}', '{past} {obj} {ago} but {prob}', '{past} {obj} {ago}, {prob}, {q}', '{past} {obj} and {prob} {q}', '{prob}, {q}', '{prob} {q}',
    'you {sent} {wrong}', 'you {sent} {wrong}, {q}', 'i {past2} {obj} but you {sent} {wrong}', '{wrong} came instead of what i ordered', 'i got {wrong}',
    'can i {mod} {item} {inorder}', 'how do i {mod} {item} {inorder}', 'i want to {mod} {item} {inorder}',
    'do the {cat} {fit}', 'does the {cat} {fit}', '{cat} {fit}?', 'do your {cat} {fit}', 'should i take a size {bigger} in {cat}', 'what size {cat} should i {order}',
  ],
  slots: {
    past: ['i bought', 'i ordered', 'i got', 'i purchased', 'i received', 'ordered', 'bought', 'got', 'my mom ordered', 'we bought'],
    past2: ['ordered', 'bought', 'paid for'],
    ago: ['last week', 'yesterday', 'two weeks ago', 'a month ago', 'on monday', '10 days ago', '', '', 'recently', 'for my sister', 'from you'],
    prob: [
      'it doesnt fit', 'it is too small', 'its too big', 'it came broken', 'the box was crushed', 'it stopped working', 'i dont like it', 'the price dropped', 'now its cheaper', 'it never arrived',
      'tracking hasnt moved', 'i moved house', 'i need it sooner', 'it was the wrong colour', 'i got something else', 'my friend has a birthday', 'i want my money back', 'the colour looks different',
      'i need a bill for it', 'the strap broke', 'it has a scratch', 'a part is missing', 'it still hasnt shipped', 'i dont need it anymore', 'the parcel shows delivered but i have nothing',
      'my card was charged twice', 'the code did not apply', 'nobody answers my email', 'it leaks', 'the stone fell out',
    ],
    q: ['what do i do', 'what now', 'can i send it back', 'what are my options', 'can you help', 'is that covered', 'can i get the difference', 'can i change it', 'how do i get my money back', 'help', 'who do i ask', 'can you fix this', ''],
    sent: ['sent me', 'delivered', 'shipped me', 'gave me', 'packed'],
    wrong: ['the wrong item', 'a different product', 'someone elses order', 'a different colour', 'the wrong size', 'a broken one', 'something i did not order', 'the wrong thing'],
    mod: ['remove', 'add', 'change', 'take out', 'drop', 'swap'],
    item: ['one item', 'a product', 'something', 'one thing', 'an item', 'the {cat}'],
    inorder: ['from my order', 'to my order', 'in my order', 'from the order i placed', 'after ordering'],
    fit: ['run small', 'run big', 'fit true to size', 'run large', 'fit well', 'come in standard sizes'],
    bigger: ['bigger', 'smaller', 'up', 'down'],
    order: ['order', 'pick', 'get', 'choose'],
  },
};

const FAQ_ZH: Grammar = {
  share: 0.5,
  frames: [
    '{n}怎么办', '{n}政策', '{n}政策是什么', '{n}规则', '{n}的规定', '可以{v}吗', '能{v}吗', '能不能{v}', '怎么{v}', '如何{v}', '我想{v}', '我要{v}怎么弄', '{v}要多久', '{v}需要几天',
    '我{zt}买的{cat}{zprob}', '{cat}{zprob}，{zq}', '我{zt}买的东西{zprob}{zq}', '买的{cat}{zprob}', '{zprob}{zq}', '{cat}{zfit}吗', '{cat}尺码{zfit}吗', '{cat}的尺码准吗',
    '{n}多少钱', '有{n}吗', '支持{n}吗', '{s}怎么办', '{s}了怎么处理', '{s}，怎么办', '请问{n}', '请问可以{v}吗', '{n}怎么算', '关于{n}', '{v}的流程', '多久能{v}', '{s}能{v}吗',
    'how to {v}', 'can i {v}', '{n} policy', '{s} what do i do', '{n} 怎么办', '{v} possible?', '请问 {n} policy', '{noun} 怎么弄', '{noun} 可以吗',
  ],
  slots: {
    n: ['退货', '退款', '换货', '运费', '配送', '快递', '发票', '保修', '积分', '会员', '优惠券', '优惠码', '礼品包装', '货到付款', '国际配送', '客服', '物流', '售后', '发货时间', '退换货', '价格保护', '分期付款', '预售', '缺货商品', '安装服务', '批发'],
    v: ['退货', '退款', '换货', '取消订单', '修改地址', '改地址', '查物流', '查询订单', '开发票', '用优惠券', '货到付款', '用支付宝付款', '用信用卡付款', '用微信支付', '联系客服', '注册账号', '不注册下单', '加急配送', '寄到国外', '包装成礼物', '写评价', '退回商品', '换尺码', '申请保修', '预订', '到货通知', '用两个优惠码'],
    s: ['包裹丢了', '商品坏了', '收到的东西坏了', '发错货了', '尺码不合适', '优惠码用不了', '付款失败', '快递一直没到', '东西不喜欢', '颜色和图片不一样', '地址填错了', '买错了', '扣了两次钱', '降价了'],
    noun: ['return', 'refund', 'shipping', 'delivery', 'cod', 'invoice', 'warranty', 'coupon'],
    zt: ['上次', '上周', '昨天', '前几天', '刚', '上个月'],
    zprob: ['坏了', '不合适', '太小了', '太大了', '降价了', '一直没到', '颜色不对', '发错了', '不喜欢', '有划痕', '少了配件', '还没发货', '不想要了', '收不到'],
    zq: ['怎么办', '能退吗', '能换吗', '怎么处理', '找谁', '', '可以退钱吗'],
    zfit: ['偏大', '偏小', '标准', '正码'],
  },
};

const ORDERS: Grammar = {
  frames: [
    'what did i {buy} {time}', 'what have i {bought} {time}', 'show me what i {bought} {time}', 'my {time2} order', 'my {time2} orders', 'list everything i {bought}', 'have i {bought} {cat} before',
    'did i ever {buy} {cat}', 'when did i {buy} the {cat}', 'what was my {time2} purchase', 'how much did i spend {time}', 'my order history {tail}', 'show my purchase history', 'which {cat} did i {buy}',
    'what did i {look} {time}', 'the {cat} i {looked} {time}', 'show what i {looked} {time}', '我{zt}买了什么', '我之前买过什么', '我的购买记录', '我买过哪些东西', '我{zt}下的单', '我{zt}看了什么',
    '我买过的{cat}', '上次买的{cat}是什么', 'my 购买记录', 'what did i 买 {time}',
  ],
  slots: {
    buy: ['buy', 'order', 'purchase', 'get'], bought: ['bought', 'ordered', 'purchased'], look: ['look at', 'view', 'check out', 'see'], looked: ['looked at', 'viewed', 'checked out', 'saw'],
    time: ['last time', 'last month', 'last week', 'yesterday', 'recently', 'so far', 'before', 'this year', 'in march', ''],
    time2: ['last', 'latest', 'previous', 'recent', 'most recent', 'past'], tail: ['pls', 'please', ''],
    zt: ['上次', '上个月', '最近', '之前', '昨天', '上周'],
  },
};

const PRODUCT_Q: Grammar = {
  frames: [
    'is the {n} one {adj}', 'is the {n} {adj}', 'what {attr} is the {n} one', 'what is the {attr} of the {n} one', 'does the {n} one have {feat}', 'does the {n} one come in {color}', 'how {adjq} is the {n} one',
    'tell me about the {n} one', 'more details on the {n} one', 'specs of the {n} one', 'is that {adj}', 'is it {adj}', 'what is it made of', 'who makes the {n} one', 'is the {n} one in stock',
    '第{zn}个是什么{zattr}', '第{zn}个{zadj}吗', '第{zn}个有{zfeat}吗', '介绍一下第{zn}个', '第{zn}个的{zattr}', '这个{zadj}吗', 'is 第{zn}个 {adj}', '第{zn}个 {attr}?',
  ],
  slots: {
    adj: ['waterproof', 'real gold', 'real leather', 'cotton', 'available', 'in stock', 'good quality', 'washable', 'adjustable', 'comfortable', 'original', 'for men', 'for women', 'heavy', 'big'],
    attr: ['material', 'size', 'colour', 'color', 'fabric', 'brand', 'weight', 'price', 'dial size', 'strap', 'capacity', 'warranty', 'length'],
    feat: ['a warranty', 'a box', 'pockets', 'a date display', 'a lid', 'laces', 'a zip'],
    adjq: ['heavy', 'big', 'long', 'wide', 'durable', 'good'],
    zattr: ['材质', '尺码', '颜色', '品牌', '面料', '重量', '价格', '尺寸'],
    zadj: ['防水', '有货', '是真皮', '是纯棉', '是金的', '好用', '耐用'],
    zfeat: ['保修', '盒子', '别的颜色'],
    zn: ['一', '二', '三', '四', '1', '2', '3'],
  },
};

const CART: Grammar = {
  frames: ['{add} the {n} one {to}', '{add} the {n} {to}', 'i will take the {n} one', "i'll take the {n} one", 'buy the {n} one', 'get me the {n} one', '{add} it {to}', '{add} this {to}', '{add} both {to}', '{add} {qty} of these {to}', 'i want the {n} one', '把第{zn}个{zadd}', '第{zn}个{zadd}', '我要第{zn}个', '就要第{zn}个', '{zadd}', 'add 第{zn}个 {to}'],
  slots: { add: ['add', 'put', 'throw', 'drop'], to: ['to cart', 'to my cart', 'in my cart', 'into the basket', 'in my bag', 'to the bag', ''], qty: ['2', 'two', '3', 'three'], zn: ['一', '二', '三', '1', '2'], zadd: ['加入购物车', '加到购物车', '放进购物车', '加购'] },
};

const COMPARE: Grammar = {
  frames: ['which is better the {n} or the {n}', '{n} vs {n}', '{n} or {n} which one', 'difference between the {n} and the {n}', 'difference between {n} and {n}', 'compare the {n} and the {n}', 'compare {n} with {n}', 'compare these {k}', 'compare them', 'which one is {better}', 'which of these is {better}', 'how do the {n} and {n} differ', '第{zn}个和第{zn}个哪个好', '第{zn}个和第{zn}个有什么区别', '这两个有什么区别', '比较一下这{zk}个', '哪个{zbetter}', 'which is better 第{zn}个 or 第{zn}个'],
  slots: { better: ['better', 'cheaper', 'better value', 'more durable', 'nicer', 'best'], k: ['two', 'three', 'watches', 'rings', 'ones'], zn: ['一', '二', '三'], zk: ['两', '几'], zbetter: ['更好', '更便宜', '性价比高', '质量好'] },
};

const RECOMMEND: Grammar = {
  frames: ['help me choose {gift}', 'what should i get for my {rel}', '{gift} for my {rel}', 'suggest something for my {rel}', 'recommend something for {occasion}', 'what would you suggest for {occasion}', 'pick something for me', 'surprise me', 'what do you think i would like', 'any suggestions for {occasion}', 'something nice for my {rel}', '送{zrel}什么好', '给{zrel}买什么礼物', '推荐点{zocc}穿的', '有什么推荐', '帮我挑一个', 'recommend 一个 {gift}'],
  slots: { gift: ['a gift', 'a present', 'something', 'a birthday gift', 'an anniversary gift'], rel: ['mom', 'dad', 'wife', 'husband', 'sister', 'brother', 'girlfriend', 'boyfriend', 'friend', 'boss', 'son', 'daughter'], occasion: ['a wedding', 'diwali', 'a party', 'office', 'college', 'a date', 'winter', 'a birthday'], zrel: ['妈妈', '爸爸', '老婆', '老公', '女朋友', '男朋友', '朋友'], zocc: ['上班', '约会', '婚礼', '过年'] },
};

const OTHER: Grammar = {
  frames: ['what is {thing}', 'who is {person}', 'tell me about {thing}', 'how do i {off}', 'can you {off2}', 'what is the {q} of {place}', 'explain {thing}', 'i want to {off}', '{chit}', '{zoff}', '{zchit}'],
  slots: {
    thing: ['bitcoin', 'the stock market', 'quantum physics', 'gravity', 'the weather', 'politics', 'the news', 'chatgpt', 'the world cup', 'history'],
    person: ['the president', 'virat kohli', 'elon musk', 'your creator', 'shakespeare'],
    off: ['fix my laptop', 'learn python', 'cook biryani', 'lose weight', 'book a train ticket', 'file my taxes', 'get a visa', 'learn guitar', 'make a website'],
    off2: ['write an essay', 'do my homework', 'tell a story', 'sing', 'translate this', 'play a game', 'solve this math problem', 'write code', 'predict the lottery'],
    q: ['capital', 'population', 'weather'], place: ['france', 'japan', 'mumbai', 'china', 'the moon'],
    chit: ['i am bored', 'lol', 'hmm ok', 'whatever', 'nothing', 'test', 'testing 123', 'blah blah', 'are you real', 'do you have feelings'],
    zoff: ['帮我写作业', '讲个故事', '翻译这句话', '股票怎么样', '明天会下雨吗', '怎么学英语', '帮我订火车票', '你喜欢什么电影'],
    zchit: ['无聊', '哈哈哈', '测试', '随便', '没事'],
  },
};

const EXPLAIN: Grammar = {
  frames: ['why {these}', 'why are you showing me {these}', 'why did you {pick} {these}', 'how did you {pick} {these}', 'what made you {pick} {these}', 'why is {this} {rec}', 'explain why {these}', 'reason for {these}', '为什么{zpick}{zthese}', '{zthese}为什么被推荐', 'why 推荐{zthese}'],
  slots: { these: ['these', 'this one', 'this', 'the first one', 'these results', 'that watch', 'them'], pick: ['pick', 'choose', 'recommend', 'suggest', 'show'], this: ['this', 'the first one', 'it'], rec: ['recommended', 'suggested', 'on top', 'for me'], zpick: ['推荐', '选', '给我看'], zthese: ['这个', '这些', '第一个'] },
};

const GREETING: Grammar = {
  frames: ['{hi}', '{hi} {there}', '{hi} {there} {help}', '{thanks}', '{thanks} {bye}', '{zhi}', '{zhi}，{zhelp}', '{hi} 你好'],
  slots: { hi: ['hi', 'hii', 'hiii', 'hello', 'helo', 'hey', 'heyy', 'good morning', 'good afternoon', 'good evening', 'namaste', 'yo'], there: ['there', 'assistant', 'team', 'friend', ''], help: ['can you help me', 'i need help', 'what can you do', 'are you there'], thanks: ['thanks', 'thank you', 'thx', 'ty', 'thanks a lot', 'great thanks', 'cool thanks'], bye: ['bye', 'see you', 'goodbye', ''], zhi: ['你好', '您好', '嗨', '哈喽', '早上好', '晚上好', '在吗', '谢谢', '谢谢你', '再见'], zhelp: ['能帮我吗', '你能做什么', '在吗'] },
};

/**
 * Short searches as shoppers type them: a describing word and a kind of thing ({cat} from the catalog, or a thing
 * word of language the catalog may not have: the model learns that a bare noun phrase is a search).
 */
const SEARCH: Grammar = {
  frames: [
    '{cat}', '{cat}', '{cat}', '{cat}?', 'show {cat}', '{cat} pls', '{adj} {cat}', '{adj} {cat} {price}', '{cat} {price}', '{thing}', '{adj} {thing}', '{thing} {price}', '{color} {thing}', 'need {a} {thing}', 'looking for {thing}', '{thing} for {who}', '{adj} {cat} for {who}',
    '{thing} chahiye', '{cat} chahiye {price}', 'any {adj} {cat}', 'got any {thing}', '{thing} pls', 'show {thing}', '{zadj}{cat}', '{zthing}', '{zthing}{price}', '有没有{zthing}', '想买{zthing}',
  ],
  slots: {
    adj: ['leather', 'cotton', 'silk', 'wooden', 'steel', 'scented', 'analog', 'digital', 'waterproof', 'casual', 'party', 'formal', 'running', 'sports', 'woolen', 'printed', 'plain', 'floral', 'sleeveless', 'slim fit', 'handmade', 'designer', 'ethnic', 'kids', 'mens', 'womens', 'small', 'big', 'soft', 'heavy', 'light', 'cheap', 'good', 'new', 'latest', 'stylish'],
    thing: ['yoga mat', 'hair oil', 'flip flops', 'earphones', 'umbrella', 'backpack', 'perfume', 'lipstick', 'jacket', 'sunglasses', 'water bottle', 'lunch box', 'power bank', 'face wash', 'hoodie', 'socks', 'cap', 'trolley bag', 'laptop sleeve', 'wall clock', 'photo frame', 'table lamp', 'dinner set', 'pressure cooker', 'saree', 'lehenga', 'dupatta', 'earrings', 'necklace', 'anklet', 'sandals', 'slippers', 'sneakers', 'phone cover', 'keychain', 'diary', 'teddy bear', 'dog bowl', 'helmet', 'football', 'badminton racket', 'jewellery set', 'gift set', 'bean bag'],
    a: ['a', 'an', 'some', ''],
    who: ['men', 'women', 'kids', 'my son', 'my wife', 'girls', 'boys', 'office', 'gym', 'a wedding', 'daily use', 'travel'],
    zadj: ['真皮', '纯棉', '防水', '男士', '女士', '儿童', '便宜的', '好看的', '新款'],
    zthing: ['瑜伽垫', '护发油', '拖鞋', '耳机', '雨伞', '背包', '香水', '口红', '夹克', '太阳镜', '水杯', '耳环', '项链', '凉鞋', '手机壳'],
  },
};

const GRAMMARS: Partial<Record<Intent, Grammar[]>> = {
  search: [SEARCH],
  faq: [FAQ_EN, FAQ_ZH, FAQ_STORY],
  orders: [ORDERS],
  product_question: [PRODUCT_Q],
  cart: [CART],
  compare: [COMPARE],
  recommend: [RECOMMEND],
  other: [OTHER],
  explain: [EXPLAIN],
  greeting: [GREETING],
};

const ORD = ['first', 'second', 'third', 'last', '1st', '2nd', '3rd'];

function fill(r: R, g: Grammar, frame: string, depth = 0): string {
  return frame.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (name === 'n') return pick(r, ORD);
    const list = g.slots[name];
    // Catalog slots ({cat}, {color}, {price}) are left for generate.ts to fill from the catalog.
    if (!list) return whole;
    return depth < 3 ? fill(r, g, pick(r, list), depth + 1) : pick(r, list);
  });
}

/** `count` requests per intent from the grammars, with catalog slots left as {cat}, {color}, {price}. */
export function grammarRequests(r: R, count: number): Array<{ text: string; intent: Intent }> {
  const out: Array<{ text: string; intent: Intent }> = [];
  for (const [intent, grammars] of Object.entries(GRAMMARS) as Array<[Intent, Grammar[]]>) {
    for (const g of grammars) {
      const n = Math.round(count * (g.share ?? 1 / grammars.length));
      for (let k = 0; k < n; k++) out.push({ intent, text: fill(r, g, pick(r, g.frames)).replace(/\s+/g, ' ').trim() });
    }
  }
  return out;
}

const FRAMES_EN = ['{q}', '{q}', 'can you tell me {q}', 'i want to know {q}', 'quick question: {q}', 'hi, {q}', 'um {q}', '{q} pls', 'question about {q}', 'do you know {q}'];
const FRAMES_ZH = ['{q}', '请问{q}', '我想知道{q}', '你好，{q}', '{q}呢'];

/** The shop's own policy questions (the headings of its policy file) inside paraphrase frames, as faq requests. */
export function policyQuestionRequests(r: R, questions: string[], perQuestion: number): Array<{ text: string; intent: Intent }> {
  const out: Array<{ text: string; intent: Intent }> = [];
  for (const q0 of questions) {
    const zh = /\p{Script=Han}/u.test(q0);
    for (let k = 0; k < perQuestion; k++) {
      const q = zh ? q0 : q0.charAt(0).toLowerCase() + q0.slice(1);
      out.push({ intent: 'faq', text: pick(r, zh ? FRAMES_ZH : FRAMES_EN).replace('{q}', q) });
    }
  }
  return out;
}

const TXT: Array<[RegExp, string]> = [
  [/\byou\b/g, 'u'], [/\byour\b/g, 'ur'], [/\bplease\b/g, 'pls'], [/\bare\b/g, 'r'], [/\bwhat's\b/g, 'whats'], [/\bdon't\b/g, 'dont'], [/\bcan't\b/g, 'cant'], [/\bi'm\b/g, 'im'],
  [/\bthanks\b/g, 'thx'], [/\bokay\b/g, 'ok'], [/\bbecause\b/g, 'coz'], [/\bthe\b/g, 'd'], [/\bfor\b/g, '4'], [/\bto\b/g, '2'],
];
const DROPPABLE = new Set(['the', 'a', 'an', 'do', 'i', 'is', 'it', 'my', 'me', 'to', 'can', 'you', 'please', 'of']);
const ZH_PARTICLES = ['吗', '呢', '啊', '哈', '呀'];
const EN_FILLERS = ['pls', 'ok', 'hi', 'thx', 'plz'];

/** Shoppers' noise beyond roughen(): txt-speak, a dropped small word, a particle or filler of the other language. */
export function noisify(r: R, text: string): string {
  let s = text;
  const han = /\p{Script=Han}/u.test(s);
  if (!han && r() < 0.3) for (const [re, to] of TXT) if (r() < 0.35) s = s.replace(re, to);
  if (!han && r() < 0.25) {
    const words = s.split(' ');
    const i = words.findIndex((w) => DROPPABLE.has(w.toLowerCase()) && r() < 0.6);
    if (i >= 0 && words.length > 2) words.splice(i, 1);
    s = words.join(' ');
  }
  if (r() < 0.08) s = han ? `${pick(r, EN_FILLERS)} ${s}` : `${s} ${pick(r, ZH_PARTICLES)}`;
  return s;
}
