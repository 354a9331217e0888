/**
 * A drawn picture for a product without a photo: the kind of thing it is (a dress, a heel, a ring, a watch, a mug…)
 * read from its category and title, in its own colour (the catalog's Color attribute or a colour word in the title)
 * and pattern (striped, printed, checked, dotted), with small variations seeded by its id, so that two products of
 * one category do not look the same. Pure data (shapes with attributes), rendered by ProductImage.svelte: nothing
 * from the catalog becomes markup, and colours come from a fixed palette, never from the catalog's text.
 */
import type { Product } from '../../shared/catalog/types.ts';

export type ArtShape =
  | { tag: 'path'; d: string; fill?: string; stroke?: string; width?: number; opacity?: number }
  | { tag: 'rect'; x: number; y: number; w: number; h: number; r?: number; fill?: string; stroke?: string; width?: number; opacity?: number }
  | { tag: 'circle'; cx: number; cy: number; r: number; fill?: string; stroke?: string; width?: number; opacity?: number }
  | { tag: 'ellipse'; cx: number; cy: number; rx: number; ry: number; fill?: string; stroke?: string; width?: number; opacity?: number };

export type ArtPattern = 'none' | 'stripes' | 'dots' | 'checks' | 'print';

export interface ProductArt {
  kind: ArtKind;
  /** Background hue (degrees) and the object's colours. */
  hue: number;
  main: string;
  accent: string;
  outline: string;
  pattern: ArtPattern;
  /** Shapes in a 160 × 120 box; those marked by `patterned` receive the pattern on top. */
  shapes: ArtShape[];
  patterned: ArtShape[];
}

export type ArtKind =
  | 'dress'
  | 'top'
  | 'shirt'
  | 'kurta'
  | 'trousers'
  | 'jacket'
  | 'heel'
  | 'sneaker'
  | 'flat'
  | 'ring'
  | 'bracelet'
  | 'watch'
  | 'mug'
  | 'candle'
  | 'clutch'
  | 'belt'
  | 'charger'
  | 'pouch'
  | 'pillow'
  | 'mat'
  | 'sofa'
  | 'bulb'
  | 'notebook'
  | 'bat'
  | 'bottle'
  | 'figurine'
  | 'glasses'
  | 'scarf'
  | 'toy'
  | 'box';

/** Named colours people write in catalogs, mapped to the palette (hex). */
const COLOURS: Array<[RegExp, string]> = [
  [/\bblack|charcoal|jet\b/i, '#2b2b2e'],
  [/\bwhite|cream|ivory|off[- ]white\b/i, '#f4f1ea'],
  [/\bnavy\b/i, '#26355d'],
  [/\bblue|denim|turquoise|teal|aqua\b/i, '#3f6fb5'],
  [/\bred|maroon|wine|burgundy\b/i, '#b8383b'],
  [/\bpink|magenta|rose|peach\b/i, '#e48aa8'],
  [/\bpurple|violet|lavender|amethyst\b/i, '#7a5aa6'],
  [/\bgreen|olive|mint|emerald\b/i, '#4d8b5a'],
  [/\byellow|mustard|lemon\b/i, '#e9c23f'],
  [/\borange|rust|coral\b/i, '#e07b39'],
  [/\bgold|golden\b/i, '#d4a93c'],
  [/\bsilver|steel|chrome\b/i, '#b9bec6'],
  [/\bgr[ae]y|grey|gray\b/i, '#8a8d93'],
  [/\bbrown|tan|camel|coffee|chocolate|taupe|khaki\b/i, '#8a5a3c'],
  [/\bbeige|nude|sand\b/i, '#d9c3a0'],
];

/** Colours for products that name none, chosen by hue of the category so a shelf stays calm. */
const FALLBACK = ['#3f6fb5', '#b8383b', '#4d8b5a', '#7a5aa6', '#e07b39', '#2b2b2e', '#e48aa8', '#26355d', '#8a5a3c', '#d4a93c'];

/** A small deterministic hash of the product id: the same product always gets the same picture. */
export function seedOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function pick<T>(list: readonly T[], seed: number, salt = 0): T {
  return list[(seed >>> salt) % list.length]!;
}

function colourOf(p: Product, seed: number): string {
  const named = [p.attributes?.Color, p.attributes?.Colour, p.title].filter((v): v is string => typeof v === 'string');
  for (const text of named) {
    for (const [re, hex] of COLOURS) if (re.test(text)) return hex;
  }
  return pick(FALLBACK, seed, 3);
}

function patternOf(p: Product, seed: number): ArtPattern {
  const text = `${p.attributes?.Pattern ?? ''} ${p.title}`;
  if (/strip/i.test(text)) return 'stripes';
  if (/check|plaid/i.test(text)) return 'checks';
  if (/polka|dot/i.test(text)) return 'dots';
  if (/print|floral|geometric|graphic/i.test(text)) return 'print';
  if (/solid|plain/i.test(text)) return 'none';
  return seed % 5 === 0 ? 'print' : 'none';
}

const KIND_RULES: Array<[RegExp, ArtKind]> = [
  [/\b(dress|gown|frock|jumpsuit)/i, 'dress'],
  [/\bkurt(a|i)|salwar|saree|sari|lehenga|ethnic/i, 'kurta'],
  [/\b(jeans|trouser|pant|legging|jegging|short|capri|track ?pant|palazzo)/i, 'trousers'],
  [/\b(jacket|blazer|coat|sweater|sweatshirt|hoodie|cardigan|shrug|winter)/i, 'jacket'],
  [/\bt-?shirt|\btees?\b/i, 'top'],
  [/\bshirt\b/i, 'shirt'],
  [/\b(t-shirt|tee|top|tunic|blouse|camisole|bra|lingerie|tank|polo)/i, 'top'],
  [/\b(heel|pump|stiletto|wedge)/i, 'heel'],
  [/\b(ballerina|bellies|flat|sandal|slipper|flip|chappal)/i, 'flat'],
  [/\b(shoe|sneaker|loafer|boot|footwear|moccasin|lace up)/i, 'sneaker'],
  [/\bring\b/i, 'ring'],
  [/\b(bracelet|bangle|armlet|kada)/i, 'bracelet'],
  [/\bwatch/i, 'watch'],
  [/\b(mug|cup|jug|glass set)\b/i, 'mug'],
  [/\b(sunglass|spectacle|eyewear|aviator|wayfarer)/i, 'glasses'],
  [/\b(stole|scarf|dupatta|shawl|muffler)/i, 'scarf'],
  [/\b(showpiece|sculpture|figurine|idol|statue|buddha|platter)/i, 'figurine'],
  [/\b(toy|teddy|game|puzzle|doll)/i, 'toy'],
  [/\b(candle|fragrance|diffuser|aroma|incense)/i, 'candle'],
  [/\b(clutch|wallet|purse|handbag|bag)\b/i, 'clutch'],
  [/\bbelt\b/i, 'belt'],
  [/\b(charger|cable|adapter|power ?bank)/i, 'charger'],
  [/\b(pouch|case|cover|screen ?guard)/i, 'pouch'],
  [/\b(pillow|cushion)/i, 'pillow'],
  [/\b(mat|rug|carpet|bedsheet|towel|curtain|linen|diwan)/i, 'mat'],
  [/\b(sofa|futon|chair|furniture)/i, 'sofa'],
  [/\b(bulb|lamp|light)/i, 'bulb'],
  [/\b(notebook|diary|pen|folder|file|stationery|paper)/i, 'notebook'],
  [/\b(bat|cricket|golf|skat|ball|racket)/i, 'bat'],
  [/\b(shampoo|conditioner|oil|lotion|cream|serum|bottle|supplement|protein)/i, 'bottle'],
];

/** What kind of thing the product is: the title first (it is the most specific), then the deepest category. */
export function artKind(p: Product): ArtKind {
  const texts = [p.title, ...[...p.categoryPath].reverse()];
  for (const text of texts) for (const [re, kind] of KIND_RULES) if (re.test(text)) return kind;
  if (/clothing|wear/i.test(p.categoryPath.join(' '))) return 'top';
  if (/footwear/i.test(p.categoryPath[0] ?? '')) return 'sneaker';
  if (/jewell?ery/i.test(p.categoryPath[0] ?? '')) return 'ring';
  return 'box';
}

/** Lighter or darker version of a hex colour (f > 0 lightens). */
export function shade(hex: string, f: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const ch = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => Math.round(f >= 0 ? c + (255 - c) * f : c * (1 + f)));
  return `#${ch.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

function hueOf(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => c / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === min) return 40;
  const d = max - min;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return Math.round((h * 60 + 360) % 360);
}

/** The shapes of each kind, in a 160 × 120 box; `v` (0..1) varies proportions, `body` are the patterned parts. */
function draw(kind: ArtKind, c: { main: string; accent: string; outline: string }, v: number, p: Product): { shapes: ArtShape[]; body: ArtShape[] } {
  const line = { stroke: c.outline, width: 1.4 };
  const fill = { fill: c.main, ...line };
  const sleeve = /sleeveless|strap/i.test(`${p.attributes?.Sleeve ?? ''} ${p.title}`) ? 0 : /full|long/i.test(p.attributes?.Sleeve ?? '') ? 2 : 1;
  switch (kind) {
    case 'dress': {
      const flare = 22 + v * 16;
      const body: ArtShape = { tag: 'path', d: `M66 24 L94 24 L98 50 L${80 + flare} 104 L${80 - flare} 104 L62 50 Z`, ...fill };
      const arms: ArtShape[] = sleeve ? [{ tag: 'path', d: `M66 26 L54 ${sleeve === 2 ? 62 : 40} L61 44 Z M94 26 L106 ${sleeve === 2 ? 62 : 40} L99 44 Z`, ...fill }] : [];
      return { shapes: [...arms, body, { tag: 'path', d: 'M62 50 L98 50', stroke: c.accent, width: 3 }], body: [body] };
    }
    case 'kurta': {
      const len = 92 + v * 12;
      const body: ArtShape = { tag: 'path', d: `M64 22 L96 22 L102 ${len} L58 ${len} Z`, ...fill };
      return {
        shapes: [{ tag: 'path', d: 'M64 24 L48 62 L56 65 L68 40 Z M96 24 L112 62 L104 65 L92 40 Z', ...fill }, body, { tag: 'path', d: 'M80 22 L80 46', stroke: c.accent, width: 2.5 }],
        body: [body],
      };
    }
    case 'top':
    case 'shirt': {
      const body: ArtShape = { tag: 'path', d: 'M60 28 L72 22 Q80 30 88 22 L100 28 L100 98 L60 98 Z', ...fill };
      const arms: ArtShape[] = sleeve
        ? [{ tag: 'path', d: `M60 28 L${sleeve === 2 ? 46 : 42} ${sleeve === 2 ? 84 : 50} L${sleeve === 2 ? 54 : 52} ${sleeve === 2 ? 86 : 56} L60 46 Z M100 28 L${sleeve === 2 ? 114 : 118} ${sleeve === 2 ? 84 : 50} L${sleeve === 2 ? 106 : 108} ${sleeve === 2 ? 86 : 56} L100 46 Z`, ...fill }]
        : [];
      const details: ArtShape[] =
        kind === 'shirt'
          ? [{ tag: 'path', d: 'M72 22 L80 34 L88 22 M80 34 L80 98', stroke: c.accent, width: 1.6, fill: 'none' }, ...[46, 60, 74, 88].map((y): ArtShape => ({ tag: 'circle', cx: 80, cy: y, r: 1.4, fill: c.accent }))]
          : [];
      return { shapes: [...arms, body, ...details], body: [body] };
    }
    case 'trousers': {
      const end = /short|capri|hot pant/i.test(p.title) ? 64 : 104;
      const body: ArtShape = { tag: 'path', d: `M62 20 L98 20 L${102 + v * 4} ${end} L84 ${end} L80 48 L76 ${end} L${58 - v * 4} ${end} Z`, ...fill };
      return { shapes: [body, { tag: 'rect', x: 62, y: 20, w: 36, h: 6, fill: c.accent }], body: [body] };
    }
    case 'jacket': {
      const body: ArtShape = { tag: 'path', d: 'M58 26 L72 20 L80 40 L88 20 L102 26 L102 100 L58 100 Z', ...fill };
      return {
        shapes: [{ tag: 'path', d: 'M58 26 L44 90 L54 92 L60 50 Z M102 26 L116 90 L106 92 L100 50 Z', ...fill }, body, { tag: 'path', d: 'M80 40 L80 100', stroke: c.accent, width: 2 }],
        body: [body],
      };
    }
    case 'heel': {
      const body: ArtShape = { tag: 'path', d: `M40 80 Q60 ${74 - v * 6} 88 56 Q100 48 112 50 Q124 54 122 66 L118 74 L60 92 Q44 94 40 80 Z`, ...fill };
      return { shapes: [body, { tag: 'path', d: 'M112 70 L116 100 L110 100 L104 72 Z', fill: c.accent, ...line }], body: [body] };
    }
    case 'flat': {
      const body: ArtShape = { tag: 'path', d: 'M36 78 Q38 62 62 60 L112 60 Q128 62 126 76 Q124 88 104 88 L52 88 Q36 88 36 78 Z', ...fill };
      return { shapes: [body, { tag: 'ellipse', cx: 66, cy: 64, rx: 8 + v * 4, ry: 4, fill: c.accent }], body: [body] };
    }
    case 'sneaker': {
      const body: ArtShape = { tag: 'path', d: `M34 86 L34 ${60 - v * 6} Q50 ${52 - v * 4} 68 62 L96 70 Q124 74 128 86 Z`, ...fill };
      return {
        shapes: [body, { tag: 'rect', x: 32, y: 86, w: 98, h: 8, r: 4, fill: c.accent, ...line }, { tag: 'path', d: 'M56 62 L64 72 M66 64 L74 74 M76 66 L84 76', stroke: c.accent, width: 2 }],
        body: [body],
      };
    }
    case 'ring': {
      const gem = /ruby/i.test(p.attributes?.Gemstone ?? '') ? '#b8383b' : /amethyst/i.test(p.attributes?.Gemstone ?? '') ? '#7a5aa6' : /turquoise/i.test(p.attributes?.Gemstone ?? '') ? '#3fb5b0' : '#dff3fb';
      const band = /silver|platinum|white gold/i.test(`${p.attributes?.['Base Material'] ?? ''} ${p.title}`) ? '#c3c8cf' : '#d4a93c';
      return {
        shapes: [
          { tag: 'ellipse', cx: 80, cy: 72, rx: 30, ry: 26, fill: 'none', stroke: band, width: 7 },
          { tag: 'path', d: `M${70 - v * 4} 46 L80 ${30 - v * 4} L${90 + v * 4} 46 L80 54 Z`, fill: gem, stroke: c.outline, width: 1.2 },
        ],
        body: [],
      };
    }
    case 'bracelet':
      return {
        shapes: [
          { tag: 'ellipse', cx: 80, cy: 62, rx: 36, ry: 24, fill: 'none', stroke: c.main === '#f4f1ea' ? '#d4a93c' : c.main, width: 8 },
          ...[0, 1, 2, 3, 4].map((i): ArtShape => ({ tag: 'circle', cx: 52 + i * 14, cy: 84 - Math.abs(2 - i) * 4, r: 3.5, fill: c.accent })),
        ],
        body: [],
      };
    case 'watch': {
      const dial = (p.attributes?.['Dial Shape'] ?? '').toLowerCase();
      const face: ArtShape =
        dial === 'square' || dial === 'rectangle'
          ? { tag: 'rect', x: 60, y: 40, w: 40, h: 40, r: 6, fill: '#f7f7f4', stroke: c.outline, width: 3 }
          : { tag: 'circle', cx: 80, cy: 60, r: 22, fill: '#f7f7f4', stroke: c.outline, width: 3 };
      const angle = v * Math.PI * 2;
      return {
        shapes: [
          { tag: 'rect', x: 68, y: 8, w: 24, h: 104, r: 6, fill: c.main, ...line },
          face,
          { tag: 'path', d: `M80 60 L${80 + 14 * Math.sin(angle)} ${60 - 14 * Math.cos(angle)} M80 60 L88 64`, stroke: '#2b2b2e', width: 2 },
        ],
        body: [],
      };
    }
    case 'mug': {
      const body: ArtShape = { tag: 'rect', x: 54, y: 34, w: 46 + v * 6, h: 60, r: 6, ...fill };
      return { shapes: [{ tag: 'path', d: 'M100 46 Q122 48 118 66 Q114 82 100 80', fill: 'none', stroke: c.main, width: 7 }, body], body: [body] };
    }
    case 'candle':
      return {
        shapes: [
          { tag: 'rect', x: 62, y: 48, w: 36, h: 52, r: 4, fill: c.main, ...line },
          { tag: 'path', d: 'M80 48 L80 38', stroke: '#2b2b2e', width: 2 },
          { tag: 'path', d: `M80 18 Q${88 + v * 4} 30 80 38 Q${72 - v * 4} 30 80 18 Z`, fill: '#f2a93b' },
        ],
        body: [],
      };
    case 'clutch': {
      const body: ArtShape = { tag: 'rect', x: 40, y: 44, w: 80, h: 46, r: 8, ...fill };
      return { shapes: [body, { tag: 'path', d: 'M40 56 Q80 80 120 56', fill: 'none', stroke: c.accent, width: 2 }, { tag: 'circle', cx: 80, cy: 68, r: 4, fill: c.accent }], body: [body] };
    }
    case 'belt':
      return {
        shapes: [
          { tag: 'rect', x: 20, y: 54, w: 120, h: 14, r: 3, fill: c.main, ...line },
          { tag: 'rect', x: 66, y: 48, w: 24, h: 26, r: 3, fill: 'none', stroke: '#b9bec6', width: 4 },
        ],
        body: [],
      };
    case 'charger':
      return {
        shapes: [
          { tag: 'rect', x: 58, y: 26, w: 44, h: 40, r: 8, fill: c.main, ...line },
          { tag: 'path', d: 'M72 26 L72 14 M88 26 L88 14', stroke: '#8a8d93', width: 4 },
          { tag: 'path', d: `M80 66 Q80 ${86 + v * 10} 60 96 Q42 104 50 112`, fill: 'none', stroke: c.outline, width: 3 },
        ],
        body: [],
      };
    case 'pouch': {
      const body: ArtShape = { tag: 'rect', x: 60, y: 16, w: 40, h: 88, r: 9, ...fill };
      return { shapes: [body, { tag: 'circle', cx: 90, cy: 28, r: 5, fill: '#2b2b2e' }], body: [body] };
    }
    case 'pillow': {
      const body: ArtShape = { tag: 'path', d: 'M34 34 Q80 24 126 34 Q134 60 126 88 Q80 98 34 88 Q26 60 34 34 Z', ...fill };
      return { shapes: [body], body: [body] };
    }
    case 'mat': {
      const body: ArtShape = { tag: 'rect', x: 30, y: 30, w: 100, h: 62, r: 4, ...fill };
      return { shapes: [body, { tag: 'rect', x: 36, y: 36, w: 88, h: 50, r: 2, fill: 'none', stroke: c.accent, width: 2 }], body: [body] };
    }
    case 'sofa': {
      const body: ArtShape = { tag: 'rect', x: 36, y: 44, w: 88, h: 36, r: 6, ...fill };
      return {
        shapes: [{ tag: 'rect', x: 28, y: 56, w: 16, h: 36, r: 5, fill: shade(c.main, -0.15), ...line }, { tag: 'rect', x: 116, y: 56, w: 16, h: 36, r: 5, fill: shade(c.main, -0.15), ...line }, body, { tag: 'rect', x: 40, y: 72, w: 80, h: 18, r: 4, fill: shade(c.main, 0.1), ...line }],
        body: [body],
      };
    }
    case 'bulb':
      return {
        shapes: [
          { tag: 'circle', cx: 80, cy: 48, r: 26, fill: '#fbe7a1', ...line },
          { tag: 'rect', x: 70, y: 72, w: 20, h: 20, r: 3, fill: '#b9bec6', ...line },
        ],
        body: [],
      };
    case 'notebook': {
      const body: ArtShape = { tag: 'rect', x: 52, y: 18, w: 56 + v * 4, h: 84, r: 4, ...fill };
      return { shapes: [body, ...[28, 40, 52, 64, 76, 88].map((y): ArtShape => ({ tag: 'circle', cx: 56, cy: y, r: 2, fill: c.accent })), { tag: 'rect', x: 66, y: 34, w: 32, h: 12, r: 2, fill: '#f7f7f4' }], body: [body] };
    }
    case 'bat':
      return {
        shapes: [
          { tag: 'path', d: `M${52 + v * 8} 100 L96 30 L108 38 L${62 + v * 8} 106 Z`, fill: c.main === '#2b2b2e' ? '#d9c3a0' : c.main, ...line },
          { tag: 'circle', cx: 112, cy: 86, r: 10, fill: '#b8383b', ...line },
        ],
        body: [],
      };
    case 'bottle': {
      const body: ArtShape = { tag: 'rect', x: 60, y: 36, w: 40, h: 68, r: 10, ...fill };
      return { shapes: [{ tag: 'rect', x: 70, y: 18, w: 20, h: 20, r: 3, fill: c.accent, ...line }, body, { tag: 'rect', x: 66, y: 56, w: 28, h: 24, r: 3, fill: '#f7f7f4' }], body: [body] };
    }
    case 'figurine':
      return {
        shapes: [
          { tag: 'rect', x: 56, y: 92, w: 48, h: 10, r: 2, fill: shade(c.main, -0.2), ...line },
          { tag: 'path', d: `M66 92 Q62 ${64 - v * 8} 80 58 Q98 ${64 - v * 8} 94 92 Z`, ...fill },
          { tag: 'circle', cx: 80, cy: 46, r: 12 + v * 3, ...fill },
        ],
        body: [],
      };
    case 'glasses':
      return {
        shapes: [
          { tag: 'path', d: `M36 52 L124 52`, stroke: c.outline, width: 3 },
          { tag: 'ellipse', cx: 60, cy: 64, rx: 20, ry: 14 + v * 3, fill: shade(c.main, -0.3), stroke: c.outline, width: 3, opacity: 0.9 },
          { tag: 'ellipse', cx: 100, cy: 64, rx: 20, ry: 14 + v * 3, fill: shade(c.main, -0.3), stroke: c.outline, width: 3, opacity: 0.9 },
        ],
        body: [],
      };
    case 'scarf': {
      const body: ArtShape = { tag: 'path', d: `M50 20 Q80 ${34 + v * 6} 110 20 L104 100 L90 100 L84 44 Q80 46 76 44 L70 100 L56 100 Z`, ...fill };
      return { shapes: [body], body: [body] };
    }
    case 'toy':
      return {
        shapes: [
          { tag: 'circle', cx: 66, cy: 36, r: 9, ...fill },
          { tag: 'circle', cx: 94, cy: 36, r: 9, ...fill },
          { tag: 'circle', cx: 80, cy: 50, r: 20, ...fill },
          { tag: 'ellipse', cx: 80, cy: 86, rx: 24, ry: 20, ...fill },
          { tag: 'circle', cx: 73, cy: 47, r: 2, fill: c.outline },
          { tag: 'circle', cx: 87, cy: 47, r: 2, fill: c.outline },
        ],
        body: [],
      };
    case 'box': {
      const body: ArtShape = { tag: 'path', d: 'M44 44 L80 28 L116 44 L116 90 L80 106 L44 90 Z', ...fill };
      return { shapes: [body, { tag: 'path', d: 'M44 44 L80 60 L116 44 M80 60 L80 106', fill: 'none', stroke: c.outline, width: 1.4 }], body: [body] };
    }
  }
}

/** The picture of a product without a photo. */
export function productArt(p: Product): ProductArt {
  const seed = seedOf(p.id);
  const kind = artKind(p);
  const main = colourOf(p, seed);
  const light = main === '#f4f1ea' || main === '#e9c23f' || main === '#d9c3a0';
  const accent = light ? shade(main, -0.45) : shade(main, 0.55);
  const outline = shade(main, -0.5);
  const v = (seed % 1000) / 1000;
  const { shapes, body } = draw(kind, { main, accent, outline }, v, p);
  return { kind, hue: hueOf(main), main, accent, outline, pattern: patternOf(p, seed >>> 7), shapes, patterned: body };
}
