import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Route } from './standIn/http';

/**
 * A local stand-in for AEP's IMS, Batch Ingestion, Catalog and error-diagnostics endpoints, on
 * 127.0.0.1, enforcing their documented rules: required headers, batch states, single PUTs,
 * large files initialised, patched with contiguous Content-Ranges and completed. Faults can be
 * injected per request: 429 with Retry-After, 5xx, a connection dropped mid-upload, a token
 * that expires.
 */
export interface Fault {
  method?: string;
  path?: RegExp;
  /**
   * `hold`: the request is carried out, but its answer never sent (the client waits, as when it
   * is killed between AEP accepting a request and hearing so); `echo`: a 400 whose body repeats
   * the request's headers and body, as some gateways do.
   */
  kind: '429' | '500' | '503' | 'drop' | 'expire-token' | '400' | 'hold' | 'echo';
  retryAfter?: string;
  /** How many matching requests it applies to (default 1). */
  times?: number;
}

interface Batch {
  id: string;
  datasetId: string;
  status: string;
  partialIngestionPercentage: number;
  errorDiagnostics: boolean;
  /** The batch's inputFormat as created (`isMultiLineJson` for a JSON array). */
  inputFormat: { format?: string; isMultiLineJson?: boolean };
  files: Map<string, Buffer>;
  large: Map<string, { parts: Buffer[]; received: number; total: number | null }>;
  puts: Map<string, number>;
  polls: number;
}

export const CREDS = { AEP_CLIENT_ID: 'test-client', AEP_CLIENT_SECRET: 'test-secret-value', AEP_ORG_ID: 'ORG@AdobeOrg', AEP_SANDBOX: 'dev' };

export interface MockAep {
  url: string;
  batches: Map<string, Batch>;
  tokens: Map<string, number>;
  faults: Fault[];
  log: { method: string; path: string }[];
  /** Status a completed batch ends in, and how many status checks it takes to get there. */
  outcome: { status: 'success' | 'failed'; after: number };
  /** More Platform services (test/helpers/standIn), tried in order once a request is authenticated. */
  routes: Route[];
  /** Requests carried out whose answer is being held (`hold` faults), by method and path. */
  held: { method: string; path: string }[];
  /** Sends the answers held so far (a held request whose client was killed is simply dropped). */
  release(): void;
  /** Echo requests back in failed batches' error descriptions and diagnostics, and in IMS errors. */
  echo: { enabled: boolean };
  /** Names of a failed batch's error-diagnostics files (default: one per uploaded file). */
  diagnosticsNames: string[] | null;
  close(): Promise<void>;
}

/** Starts the stand-in; `clientSecret` is the secret IMS accepts (CREDS' by default). */
export async function startMockAep(options: { clientSecret?: string } = {}): Promise<MockAep> {
  const secret = options.clientSecret ?? CREDS.AEP_CLIENT_SECRET;
  const batches = new Map<string, Batch>();
  const tokens = new Map<string, number>();
  const faults: Fault[] = [];
  const log: MockAep['log'] = [];
  const outcome: MockAep['outcome'] = { status: 'success', after: 1 };
  const routes: Route[] = [];
  const held: MockAep['held'] = [];
  const echo = { enabled: false };
  const state = { diagnosticsNames: null as string[] | null };
  const lastRequest = { text: '' };
  const holding = new WeakMap<ServerResponse, { method: string; path: string }>();
  const waiting: (() => void)[] = [];
  let ids = 0;

  const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    const hold = holding.get(res);
    if (hold) {
      // Carried out; the answer waits for release().
      holding.delete(res);
      held.push(hold);
      waiting.push(() => {
        if (!res.destroyed) send(res, status, body, headers);
      });
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => {
        const body = Buffer.concat(parts);
        lastRequest.text = JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: body.subarray(0, 2000).toString() });
        resolve(body);
      });
      req.on('error', reject);
    });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    log.push({ method, path: url.pathname + url.search });
    const fault = faults.find((f) => (!f.method || f.method === method) && (!f.path || f.path.test(url.pathname + url.search)) && (f.times ?? 1) > 0);
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.kind === 'drop') {
        // Read part of the upload, then cut the connection.
        req.once('data', () => req.socket.destroy());
        req.resume();
        return;
      }
      if (fault.kind === 'echo') {
        await readBody(req);
        return send(res, 400, { title: 'echo', request: JSON.parse(lastRequest.text) });
      }
      if (fault.kind === 'hold') {
        holding.set(res, { method, path: url.pathname + url.search });
      } else if (fault.kind === 'expire-token') tokens.clear();
      else {
        await readBody(req);
        return send(res, Number(fault.kind), { title: `injected ${fault.kind}` }, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
      }
    }

    if (url.pathname === '/ims/token/v3' && method === 'POST') {
      const form = new URLSearchParams((await readBody(req)).toString());
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== CREDS.AEP_CLIENT_ID || form.get('client_secret') !== secret)
        return send(res, 400, {
          error: 'invalid_client',
          error_description: echo.enabled ? `invalid client credentials in ${form.toString()}` : 'invalid client credentials',
        });
      const token = `tok-${++ids}-${Math.random().toString(36).slice(2)}`;
      tokens.set(token, Date.now() + 86_400_000);
      return send(res, 200, { access_token: token, token_type: 'bearer', expires_in: 86399 });
    }

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !tokens.has(bearer)) {
      await readBody(req);
      return send(res, 401, { error_code: '401013', message: 'Oauth token is not valid' });
    }
    if (
      req.headers['x-api-key'] !== CREDS.AEP_CLIENT_ID ||
      req.headers['x-gw-ims-org-id'] !== CREDS.AEP_ORG_ID ||
      req.headers['x-sandbox-name'] !== CREDS.AEP_SANDBOX
    ) {
      await readBody(req);
      return send(res, 403, { title: 'missing or wrong x-api-key, x-gw-ims-org-id or x-sandbox-name' });
    }

    for (const route of routes) if (await route(req, res, url)) return;
    let m: RegExpExecArray | null;
    if (url.pathname === '/data/foundation/import/batches' && method === 'POST') {
      const body = JSON.parse((await readBody(req)).toString() || '{}');
      if (!body.datasetId || body.inputFormat?.format !== 'json') return send(res, 400, { title: 'datasetId and inputFormat.format are required' });
      const id = `batch-${++ids}`;
      batches.set(id, {
        id,
        datasetId: body.datasetId,
        status: 'loading',
        partialIngestionPercentage: body.partialIngestionPercentage ?? 0,
        errorDiagnostics: Boolean(body.enableErrorDiagnostics),
        inputFormat: body.inputFormat,
        files: new Map(),
        large: new Map(),
        puts: new Map(),
        polls: 0,
      });
      return send(res, 201, { id, status: 'loading', relatedObjects: [{ type: 'dataSet', id: body.datasetId }] });
    }
    if ((m = /^\/data\/foundation\/import\/batches\/([^/]+)\/datasets\/([^/]+)\/files\/(.+)$/.exec(url.pathname))) {
      const b = batches.get(decodeURIComponent(m[1]!));
      const name = decodeURIComponent(m[3]!);
      const body = await readBody(req);
      if (!b || b.datasetId !== decodeURIComponent(m[2]!)) return send(res, 404, { title: 'no such batch for this dataset' });
      if (b.status !== 'loading') return send(res, 400, { title: `batch is ${b.status}` });
      const action = url.searchParams.get('action')?.toUpperCase();
      if (method === 'PUT') {
        if (req.headers['content-type'] !== 'application/octet-stream') return send(res, 400, { title: 'content-type must be application/octet-stream' });
        b.files.set(name, body);
        b.puts.set(name, (b.puts.get(name) ?? 0) + 1);
        return send(res, 200);
      }
      if (method === 'POST' && action === 'INITIALIZE') {
        b.large.set(name, { parts: [], received: 0, total: null });
        return send(res, 201);
      }
      if (method === 'PATCH') {
        const l = b.large.get(name);
        const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(req.headers['content-range'] ?? ''));
        if (!l) return send(res, 400, { title: 'file not initialized' });
        if (!range) return send(res, 400, { title: 'Content-Range required' });
        const [start, end, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
        if (start !== l.received || end - start + 1 !== body.length)
          return send(res, 400, { title: `chunk ${start}-${end} overlaps or leaves a gap (have ${l.received} bytes)` });
        l.parts.push(body);
        l.received += body.length;
        l.total = total;
        return send(res, 200);
      }
      if (method === 'POST' && action === 'COMPLETE') {
        const l = b.large.get(name);
        if (!l || l.total === null || l.received !== l.total) return send(res, 400, { title: 'large file incomplete' });
        b.files.set(name, Buffer.concat(l.parts));
        b.puts.set(name, (b.puts.get(name) ?? 0) + 1);
        b.large.delete(name);
        return send(res, 201);
      }
      return send(res, 405, {});
    }
    if ((m = /^\/data\/foundation\/import\/batches\/([^/]+)$/.exec(url.pathname)) && method === 'POST') {
      await readBody(req);
      const b = batches.get(decodeURIComponent(m[1]!));
      if (!b) return send(res, 404, { title: 'no such batch' });
      const action = url.searchParams.get('action')?.toUpperCase();
      if (action === 'COMPLETE') {
        if (b.status === 'loading') b.status = b.files.size ? 'processing' : 'failed';
        return send(res, 200);
      }
      if (action === 'ABORT') {
        if (b.status === 'loading' || b.status === 'processing') b.status = 'aborted';
        return send(res, 200);
      }
      return send(res, 400, { title: 'unknown action' });
    }
    if ((m = /^\/data\/foundation\/catalog\/batches\/([^/]+)$/.exec(url.pathname)) && method === 'GET') {
      const b = batches.get(decodeURIComponent(m[1]!));
      if (!b) return send(res, 404, { title: 'no such batch' });
      if (b.status === 'processing' && ++b.polls >= outcome.after) b.status = outcome.status;
      const records = [...b.files.values()].reduce((n, buf) => n + buf.toString().split('\n').filter(Boolean).length, 0);
      const failed = b.status === 'failed' ? records : 0;
      return send(res, 200, {
        [b.id]: {
          status: b.status,
          relatedObjects: [{ type: 'dataSet', id: b.datasetId }],
          metrics:
            b.status === 'success' || b.status === 'failed'
              ? { inputRecordCount: records, outputRecordCount: records - failed, failedRecordCount: failed }
              : {},
          errors:
            b.status === 'failed'
              ? [
                  {
                    code: 'INGEST-1212-400',
                    description: `Encountered 2 errors in the data. Successfully read 0 of 2 records.${echo.enabled ? ` Request: ${lastRequest.text}` : ''}`,
                    recordCount: records,
                  },
                ]
              : [],
        },
      });
    }
    if ((m = /^\/data\/foundation\/export\/batches\/([^/]+)\/meta$/.exec(url.pathname)) && method === 'GET') {
      const b = batches.get(decodeURIComponent(m[1]!));
      if (b?.status !== 'failed') return send(res, 404, { title: 'no error diagnostics' });
      const path = url.searchParams.get('path') ?? '';
      if (path === 'row_errors')
        return send(res, 200, {
          data: (state.diagnosticsNames ?? [...b.files.keys()].map((f) => `row_errors/${f}.errors.json`)).map((name) => ({ name, length: 10 })),
        });
      return send(res, 200, {
        _corrupt_record: '{}',
        _errors: [{ code: '1212-400', message: `sample error for ${path}` }],
        ...(echo.enabled ? { request: JSON.parse(lastRequest.text) } : {}),
      });
    }
    return send(res, 404, { title: `no route ${method} ${url.pathname}` });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    batches,
    tokens,
    faults,
    log,
    outcome,
    routes,
    held,
    release: () => {
      for (const answer of waiting.splice(0)) answer();
    },
    echo,
    get diagnosticsNames() {
      return state.diagnosticsNames;
    },
    set diagnosticsNames(names: string[] | null) {
      state.diagnosticsNames = names;
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
