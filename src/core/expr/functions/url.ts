import { newObject, str, truthy, type Value } from '../values';
import type { FnSpec } from './types';

/** RFC 3986's own splitting regex: scheme, authority, path, query, fragment. */
const URI = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;
/** A Map: a scheme taken from the data (`constructor://h`) is looked up among these entries only. */
const DEFAULT_PORTS: ReadonlyMap<string, number> = new Map(
  Object.entries({
    http: 80,
    https: 443,
    ws: 80,
    wss: 443,
    ftp: 21,
    sftp: 22,
    ssh: 22,
    scp: 22,
    telnet: 23,
    smtp: 25,
    dns: 53,
    gopher: 70,
    ldap: 389,
    ldaps: 636,
    imap: 143,
    imaps: 993,
    pop3: 110,
    nntp: 119,
    rtsp: 554,
    mysql: 3306,
    postgresql: 5432,
    redis: 6379,
    mongodb: 27017,
  }),
);

interface Parts {
  scheme: string;
  host: string;
  port: number | null;
  path: string;
  query: string | null;
  fragment: string | null;
}

function parse(v: Value): Parts | null {
  const s = str(v);
  if (s === null) return null;
  const m = URI.exec(s.trim());
  if (!m?.[1] || m[2] === undefined) return null;
  const authority = m[2].replace(/^[^@]*@/, '');
  const hp = /^(\[[^\]]+\]|[^:]*)(?::(\d*))?$/.exec(authority);
  if (!hp?.[1]) return null;
  return { scheme: m[1].toLowerCase(), host: hp[1], port: hp[2] ? Number(hp[2]) : null, path: m[3] ?? '', query: m[4] ?? null, fragment: m[5] ?? null };
}

const URL_SAFE = /[A-Za-z0-9._-]/;

/**
 * Percent-encoding as AEP's table of special characters shows it: letters, digits and `._-`
 * stay; everything else, space (%20), `*` (%2A) and `~` (%7E) included, becomes `%XX` of UTF-8.
 */
export function urlEncode(s: string): string {
  let out = '';
  for (const ch of s) {
    if (URL_SAFE.test(ch)) out += ch;
    else for (const b of new TextEncoder().encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Java's URLDecoder: `+` is a space, `%XX` sequences are UTF-8 bytes. */
export function urlDecode(s: string): string | null {
  const bytes: number[] = [];
  let out = '';
  const flush = () => {
    if (bytes.length) {
      out += new TextDecoder().decode(new Uint8Array(bytes));
      bytes.length = 0;
    }
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return null;
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
      continue;
    }
    flush();
    out += c === '+' ? ' ' : c;
  }
  flush();
  return out;
}

export const URL_FUNCTIONS: FnSpec[] = [
  {
    name: 'get_url_protocol',
    family: 'url',
    params: ['URL'],
    description: "The URL's scheme (https), or null when it is not a URL.",
    call: ([u]) => parse(u!)?.scheme ?? null,
  },
  { name: 'get_url_host', family: 'url', params: ['URL'], description: "The URL's host name, or null.", call: ([u]) => parse(u!)?.host ?? null },
  {
    name: 'get_url_port',
    family: 'url',
    params: ['URL'],
    description: "The URL's port: the one written, else the scheme's default (443 for https, 22 for sftp); null when unknown.",
    call: ([u]) => {
      const p = parse(u!);
      return p ? (p.port ?? DEFAULT_PORTS.get(p.scheme) ?? null) : null;
    },
  },
  {
    name: 'get_url_path',
    family: 'url',
    params: ['URL', 'FULL_PATH?'],
    description: "The URL's path; with FULL_PATH false, only its last segment.",
    call: ([u, full]) => {
      const p = parse(u!);
      if (!p) return null;
      if (full === undefined || full === null || truthy(full)) return p.path;
      const segs = p.path.split('/').filter(Boolean);
      return segs[segs.length - 1] ?? '';
    },
  },
  {
    name: 'get_url_query_str',
    family: 'url',
    params: ['URL', 'ANCHOR'],
    description:
      'The query string as a map of names to values; ANCHOR "retain" keeps the #fragment on the last value, "remove" drops it, "append" adds it as _anchor_.',
    call: ([u, anchor]) => {
      const p = parse(u!);
      if (!p || p.query === null) return null;
      const mode = (str(anchor!) ?? 'retain').toLowerCase();
      const out = newObject();
      let q = p.query;
      if (mode === 'retain' && p.fragment !== null) q = `${q}#${p.fragment}`;
      for (const pair of q.split('&')) {
        if (!pair) continue;
        const eq = pair.indexOf('=');
        const k = eq < 0 ? pair : pair.slice(0, eq);
        out[k] = eq < 0 ? '' : pair.slice(eq + 1);
      }
      if (mode === 'append' && p.fragment !== null) out._anchor_ = p.fragment;
      return out;
    },
  },
  {
    name: 'get_url_encoded',
    family: 'url',
    params: ['URL'],
    description: 'The text percent-encoded: all but letters, digits and ._- as %XX (a space is %20).',
    call: ([u]) => {
      const s = str(u!);
      return s === null ? null : urlEncode(s);
    },
  },
  {
    name: 'get_url_decoded',
    family: 'url',
    params: ['URL'],
    description: 'The text with %XX sequences (and +) decoded.',
    call: ([u]) => {
      const s = str(u!);
      return s === null ? null : urlDecode(s);
    },
  },
];
