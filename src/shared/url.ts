/**
 * The one check for URLs that come from data (a catalog file, an imported file, a model manifest, a host the user
 * typed). Browsers are forgiving in ways a string test is not: `\\evil.example/a.png` and `/\evil.example/a.png` are
 * read as `//evil.example/a.png` (another host), and a tab or line break inside a URL is silently dropped
 * (`/<TAB>/evil.example`). So a value is refused outright when it holds a backslash or any invisible or control
 * character (src/shared/text/invisible.ts), then resolved with `new URL(value, base)` exactly as the browser would,
 * and kept only when the result is on the expected origin. Pure; runs on every thread and in Node.
 */
import { hasInvisible } from './text/invisible.ts';

/** Why a value is not a plain web address (a backslash, a space, an invisible or control character), or null. */
export function urlTextProblem(value: string): string | null {
  if (value.includes('\\')) return 'it contains a backslash, which browsers read as a slash';
  // Tab, line feed and carriage return are not in hasInvisible's set (text keeps them) but browsers drop them from URLs.
  if (/[\t\n\r]/.test(value) || hasInvisible(value)) return 'it contains an invisible or control character';
  if (/^\s|\s$/.test(value)) return 'it starts or ends with a space';
  return null;
}

/**
 * `value` resolved against `base`, when it is a plain web address on `base`'s origin (same scheme, host and port);
 * otherwise null. `base` is where the value came from: the page's `document.baseURI`, a worker's `location.href`,
 * or the URL of the file that named it.
 */
export function sameOriginUrl(value: string, base: string | URL): URL | null {
  if (typeof value !== 'string' || value === '' || urlTextProblem(value)) return null;
  let url: URL;
  let baseUrl: URL;
  try {
    baseUrl = new URL(base);
    url = new URL(value, baseUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.origin === baseUrl.origin ? url : null;
}

/** Inline images in the formats browsers show; they are part of the file and fetch nothing. */
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp|avif|svg\+xml);/i;

/** A product image the app may show: an inline raster data image, or a same-origin URL (resolved); else null. */
export function imageUrl(value: string, base: string | URL): string | null {
  if (typeof value === 'string' && DATA_IMAGE.test(value) && !urlTextProblem(value)) return value;
  return sameOriginUrl(value, base)?.href ?? null;
}

/**
 * A host a person typed (a model hub, the merchant's server), as an absolute http(s) URL ending in "/", or an Error
 * whose message says what to type instead.
 */
export function webAddress(value: string): URL | Error {
  const v = value.trim();
  const problem = urlTextProblem(v);
  if (problem) return new Error(`"${v}" is not a plain web address: ${problem}. Type it again as https://host/.`);
  let url: URL;
  try {
    url = new URL(v.endsWith('/') ? v : `${v}/`);
  } catch {
    return new Error(`"${v}" is not a web address. Give the host as https://host/.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return new Error(`"${v}" is not a web address (it must start with https://).`);
  if (url.username || url.password) return new Error(`"${v}" carries a user name or password; give the host alone, as https://host/.`);
  return url;
}

/** The origin this code runs on (page, worker or service worker), or null in Node. */
export function ownLocation(): string | null {
  return (globalThis as { location?: { href?: string } }).location?.href ?? null;
}
