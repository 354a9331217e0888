/**
 * Personal data rules. Positives: every e-mail address, phone number and card number in realistic review and chat
 * text must be found, whole (the finding's text is exactly the number). Negatives: product codes, prices, sizes,
 * dates, order/tracking/model numbers and PIN codes must raise nothing.
 */
import { describe, expect, test } from 'vitest';
import { cardNetwork, findPersonalData, luhnValid } from '../../../workers/language/moderation/personal-data.ts';

type Kind = 'email' | 'phone' | 'card' | 'address' | 'contact-handle';

/** [text, the findings expected in it as [kind, exact text]] */
const POSITIVES: Array<[string, Array<[Kind, string]>]> = [
  // e-mail addresses
  ['Contact me at priya.sharma92@gmail.com for details', [['email', 'priya.sharma92@gmail.com']]],
  ['my mail: john_doe+shop@outlook.co.uk', [['email', 'john_doe+shop@outlook.co.uk']]],
  ['email ME at Wei.Zhang@163.com if it breaks', [['email', 'Wei.Zhang@163.com']]],
  ['Write to support-team@my-store.example.org.', [['email', 'support-team@my-store.example.org']]],
  ['我的邮箱是 zhangsan@qq.com 谢谢', [['email', 'zhangsan@qq.com']]],
  ['邮箱：ｌｉｓａ＠ｑｑ．ｃｏｍ', [['email', 'ｌｉｓａ＠ｑｑ．ｃｏｍ']]],
  ['anna.smith at gmail dot com, message me', [['email', 'anna.smith at gmail dot com']]],
  ['mail me: mike [at] example [dot] com', [['email', 'mike [at] example [dot] com']]],
  ['seller is tom(at)yahoo.com, avoid', [['email', 'tom(at)yahoo.com']]],
  ['Great blender! (K.Lee@Example.COM)', [['email', 'K.Lee@Example.COM']]],
  // phone numbers: North America
  ['Reach them at +1 (415) 555-0132 for a refund', [['phone', '+1 (415) 555-0132']]],
  ['Call 415-555-0198 after 6pm', [['phone', '415-555-0198']]],
  ['call me on 212.555.0147 please', [['phone', '212.555.0147']]],
  ['1-800-555-0199 is their hotline', [['phone', '1-800-555-0199']]],
  ['text (646) 555-0110 for the code', [['phone', '(646) 555-0110']]],
  ['+1 415 555 0132 is my cell', [['phone', '+1 415 555 0132']]],
  // UK and Europe
  ['Their office: +44 20 7946 0958.', [['phone', '+44 20 7946 0958']]],
  ['ring 020 7946 0958 and ask for Sam', [['phone', '020 7946 0958']]],
  ['my mobile 07700 900123', [['phone', '07700 900123']]],
  ['+44 7700 900123 (WhatsApp)', [['phone', '+44 7700 900123']]],
  ['dial 0044 20 7946 0958 from abroad', [['phone', '0044 20 7946 0958']]],
  ['Berlin shop +49 30 901820 was helpful', [['phone', '+49 30 901820']]],
  ['Appelez le +33 6 12 34 56 78', [['phone', '+33 6 12 34 56 78']]],
  ['Service client 01 42 68 53 00', [['phone', '01 42 68 53 00']]],
  // India
  ['Delivery boy number +91 98765 43210', [['phone', '+91 98765 43210']]],
  ['call +91-98765-43210 for bulk orders', [['phone', '+91-98765-43210']]],
  ['whatsapp 9876543210 for cheaper price', [['phone', '9876543210']]],
  ['My number is 98450 12345, call anytime', [['phone', '98450 12345']]],
  ['call 098765 43210 now', [['phone', '098765 43210']]],
  ['Office 022-2345-6789 (Mumbai)', [['phone', '022-2345-6789']]],
  ['contact 080 4567 8901 in Bengaluru', [['phone', '080 4567 8901']]],
  // China (also full-width digits and numerals spelt in characters)
  ['客服电话 +86 138 0013 8000', [['phone', '+86 138 0013 8000']]],
  ['有问题打13800138000', [['phone', '13800138000']]],
  ['电话：010-6552 9988', [['phone', '010-6552 9988']]],
  ['手机号１３９１２３４５６７８', [['phone', '１３９１２３４５６７８']]],
  ['座机 (010) 8888 6666', [['phone', '(010) 8888 6666']]],
  ['深圳门店 0755-26712345', [['phone', '0755-26712345']]],
  ['手机一三八零零一三八零零零', [['phone', '一三八零零一三八零零零']]],
  ['微信同号 139-1234-5678', [['phone', '139-1234-5678']]],
  // Japan, Australia, local numbers next to a phone word
  ['Tokyo store 03-1234-5678', [['phone', '03-1234-5678']]],
  ['my cell +81 90-1234-5678', [['phone', '+81 90-1234-5678']]],
  ['Sydney (02) 9876 5432', [['phone', '(02) 9876 5432']]],
  ['mobile 0412 345 678', [['phone', '0412 345 678']]],
  ['tel: 555 0199 ext 4', [['phone', '555 0199']]],
  ['电话 8765 4321', [['phone', '8765 4321']]],
  // card numbers (test numbers published by the networks; all pass Luhn)
  ['Card 4111 1111 1111 1111 exp 12/25', [['card', '4111 1111 1111 1111']]],
  ['used 5555-5555-5555-4444 and it was charged twice', [['card', '5555-5555-5555-4444']]],
  ['amex 378282246310005', [['card', '378282246310005']]],
  ['Discover 6011 1111 1111 1117 works', [['card', '6011 1111 1111 1117']]],
  ['JCB 3530 1113 3330 0000', [['card', '3530 1113 3330 0000']]],
  ['银联卡 6212 3456 7890 1232', [['card', '6212 3456 7890 1232']]],
  ['visa 4012888888881881 declined', [['card', '4012888888881881']]],
  ['card no 5105 1051 0510 5100', [['card', '5105 1051 0510 5100']]],
  ['Amex 3782 822463 10005 was fine', [['card', '3782 822463 10005']]],
  ['new MC 2223 0031 2200 3222', [['card', '2223 0031 2200 3222']]],
  ['卡号４１１１１１１１１１１１１１１１', [['card', '４１１１１１１１１１１１１１１１']]],
  // addresses and messaging handles
  ['Send it to 221B Baker Street, London', [['address', '221B Baker Street']]],
  ['office at 1600 Pennsylvania Ave NW, Washington', [['address', '1600 Pennsylvania Ave NW']]],
  ['I live at 42 West Elm Road, Apt 5B', [['address', '42 West Elm Road, Apt 5B']]],
  ['寄到北京市朝阳区建国路88号', [['address', '北京市朝阳区建国路88号']]],
  ['地址：上海市浦东新区世纪大道100号2号楼301室', [['address', '上海市浦东新区世纪大道100号2号楼301室']]],
  ['Returns go to P.O. Box 1234', [['address', 'P.O. Box 1234']]],
  ['Flat No. 12, 3rd Cross Road, Indiranagar. Fast delivery', [['address', 'Flat No. 12, 3rd Cross Road, Indiranagar']]],
  ['加我微信 wxid_abc123 便宜卖', [['contact-handle', '加我微信 wxid_abc123']]],
  ['QQ：12345678 联系', [['contact-handle', 'QQ：12345678']]],
  ['add me on telegram @cheap_deals_22', [['contact-handle', 'add me on telegram @cheap_deals_22']]],
  // several in one text
  [
    'Mail priya@gmail.com or call +91 98765 43210, card 4111-1111-1111-1111',
    [
      ['email', 'priya@gmail.com'],
      ['phone', '+91 98765 43210'],
      ['card', '4111-1111-1111-1111'],
    ],
  ],
];

const NEGATIVES: string[] = [
  'Order #123-4567890-1234567 arrived on time',
  'Order ID: 402-9876543-1234567, no issues',
  'Price was $1,299.99 but I got it on sale for $999',
  'Only ₹ 12,999, MRP 15999, great deal',
  'Paid Rs. 1499 for two of them',
  '¥1999 太贵了，1999 元不值',
  'Sizes 32 34 36 38 40 42 available',
  'Sizes 6 8 10 12 14 16 all fit true',
  'Waist 32, length 34, fits well',
  'Screen 1920 x 1080, 15.6 inch, bright',
  'Battery 5000 mAh lasts 2 days',
  'Delivered on 2023-04-05 as promised',
  'Bought on 05/12/2023, returned 12/01/2024',
  'Arrived 12.05.2023 in good condition',
  'Model no. SM-G991B/DS works fine',
  'Model 4402851 replaced the old one',
  'Part number 1234-5678-90 fits my washer',
  'SKU 8901234567890 was out of stock',
  'ISBN 978-0-306-40615-7 is the hardback',
  'IMEI 490154203237518 registered',
  'Tracking number 1Z999AA10123456784 shows delivered',
  'AWB 7894561230 via Bluedart, fast',
  'Pin code 560001, delivery in 2 days',
  'Delivered to pincode 110001 quickly',
  'ZIP 94103 area gets next-day delivery',
  'Invoice INV-2023-00042 attached',
  'Transaction ID 9876543210123 refunded',
  'Rated 4.5 out of 5 by 12,345 buyers',
  'Serial: 5CD1234XYZ on the back',
  'Capacity 256 GB, RAM 8 GB',
  'Weight 1.25 kg, 30 x 20 x 10 cm',
  'Pack of 3, 2 x 250 ml bottles',
  'Version 2.10.3 update fixed it',
  'Flight AI 302 at 10:45 was on time',
  'Chapter 3, pages 120-145 are missing',
  'Year 2019 model, 3 years warranty',
  '订单号：2023040512345678 已收到',
  '快递单号 SF1234567890123 很快',
  '价格 1299 元，很划算',
  '尺码 42，颜色 黑色',
  '2023年4月5日收到，2023-04-05',
  '型号 A2894，很好用',
  '邮编 100020 三天到',
  'Score 98/100, temperature 37.5 degrees',
  'Shoe size UK 9 / EU 43 fits',
  'Reference 0306406152 on the box',
  'Lot 20230415 expires 2025',
  '1,000,000 downloads and counting',
  '1 200 000 sold worldwide',
  'Covers 1200 sq ft easily',
  'Call of Duty 4 is a great game',
  'Phone case for iPhone 14 Pro Max, 6.7 inch',
  'Walked 200 Miles Down The Road In These Boots',
  '5 Stars Way Better Than Expected',
  'Card 4111 1111 1111 1112 (a typo, fails the checksum)',
  'Account 12345678 closed',
  'I called them 3 times between 9 and 5',
  'Room 1203 on floor 12, gate 3, terminal 2',
  'Bought 2 for 1499 and 3 for 1999',
  'Used it 2-3 times a week for 6-8 months',
  'Ratio 16:9, 60 Hz, 1080p',
  'It costs 4999 and delivery was 12/04',
  'We paid $140 at hotels.com for the night',
  'Rooms were 99 at booking dot com last week',
];

describe('personal data: positives', () => {
  test(`the suite has at least 50 cases with e-mail, phone or card numbers`, () => {
    const withNumbers = POSITIVES.filter(([, want]) => want.some(([k]) => k === 'email' || k === 'phone' || k === 'card'));
    expect(withNumbers.length).toBeGreaterThanOrEqual(50);
  });
  test.each(POSITIVES)('%s', (text, want) => {
    const found = findPersonalData(text).map((f) => [f.kind, f.text]);
    for (const w of want) expect(found).toContainEqual(w);
    expect(found).toHaveLength(want.length);
  });
});

describe('personal data: negatives', () => {
  test('the suite has at least 50 cases', () => {
    expect(NEGATIVES.length).toBeGreaterThanOrEqual(50);
  });
  test.each(NEGATIVES)('%s', (text) => {
    expect(findPersonalData(text).map((f) => `${f.kind}: ${f.text}`)).toEqual([]);
  });
});

describe('personal data: details', () => {
  test('spans are offsets into the original text, also after full-width characters', () => {
    const text = '请联系：１３８００１３８０００ 或 a@b.cn';
    for (const f of findPersonalData(text)) expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(findPersonalData(text).map((f) => f.kind)).toEqual(['phone', 'email']);
  });

  test('each finding has a reason a person understands', () => {
    for (const f of findPersonalData('mail a@b.com, call +44 20 7946 0958, card 4111 1111 1111 1111')) {
      expect(f.reason.length).toBeGreaterThan(30);
      expect(f.reason).toMatch(/remove|never post/i);
    }
  });

  test('luhn and card networks', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('12a4')).toBe(false);
    expect(cardNetwork('4111111111111111')).toBe('Visa');
    expect(cardNetwork('378282246310005')).toBe('American Express');
    expect(cardNetwork('5555555555554444')).toBe('Mastercard');
    expect(cardNetwork('1234567812345670')).toBeNull();
  });

  test('a Luhn-valid number with no card issuer prefix is not a card', () => {
    // 16 digits, passes Luhn, starts with 1: an order or ticket number, not a card
    expect(luhnValid('1234567812345670')).toBe(true);
    expect(findPersonalData('ticket 1234 5678 1234 5670').filter((f) => f.kind === 'card')).toEqual([]);
  });
});
