import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * One route of the local AEP stand-in: answers the request and returns true, or returns false
 * to leave it to the next. Runs after the stand-in has checked the token and the Platform
 * headers, so every route gets only authenticated requests.
 */
export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export function send(res: ServerResponse, status: number, body?: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body === undefined ? '' : JSON.stringify(body));
  return true;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

/** The request's JSON body; a body that is not JSON, or not sent as JSON, gets AEP's 400. */
export async function jsonBody(req: IncomingMessage, res: ServerResponse): Promise<{ ok: true; body: unknown } | { ok: false }> {
  const raw = (await readBody(req)).toString();
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    send(res, 400, { type: 'http://ns.adobe.com/aep/errors/FLOW-1001-400', title: 'Content-Type must be application/json' });
    return { ok: false };
  }
  try {
    return { ok: true, body: JSON.parse(raw) };
  } catch {
    send(res, 400, { title: 'the request body is not JSON' });
    return { ok: false };
  }
}

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const get = (v: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((o, k) => (isObj(o) && Object.hasOwn(o, k) ? o[k] : undefined), v);

let counter = 0;
/** Ids in the shapes AEP uses: uuids for Flow Service, 32 hex for mapping sets. */
export const uuid = () => crypto.randomUUID();
export const hexId = () => crypto.randomUUID().replace(/-/g, '');
export const etag = () => `"${(++counter).toString(16).padStart(8, '0')}-0000-0200-0000-${Date.now().toString(16).padStart(12, '0')}"`;
