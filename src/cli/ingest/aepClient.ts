import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { Redactor } from './secrets';

export interface AepConfig {
  platformUrl: string;
  imsUrl: string;
  clientId: string;
  clientSecret: string;
  orgId: string;
  sandbox: string;
  scopes: string;
}

export interface ClientOptions {
  /** Retries of a request that got 429, 5xx or a broken connection. */
  maxAttempts?: number;
  /** First backoff, doubled each retry, with full jitter; capped at 30 s. */
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** What the client did, for the user (never a token or a secret). */
  log?: (line: string) => void;
  /**
   * Knows the run's secrets; the client adds each access token it receives. Every message,
   * body and log line of the client passes through it.
   */
  redactor?: Redactor;
}

/** A request that failed for good: the status, what AEP said, and what to do. */
export class AepError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly body: string,
  ) {
    super(message);
  }
}

export const DEFAULT_PLATFORM_URL = 'https://platform.adobe.io';
export const DEFAULT_IMS_URL = 'https://ims-na1.adobelogin.com';
export const DEFAULT_SCOPES = 'openid,AdobeID,read_organizations,additional_info.projectedProductContext,session';

export type Body = { json: unknown } | { file: string; start: number; end: number } | null;

export interface BatchInfo {
  status: string;
  inputRecordCount?: number;
  outputRecordCount?: number;
  failedRecordCount?: number;
  errors: { code: string; description: string; recordCount?: number }[];
}

/**
 * A small client for AEP's Batch Ingestion and Catalog APIs. It authenticates with OAuth
 * server-to-server credentials, keeps the token in memory only (refreshed five minutes before
 * it expires, or at once on a 401), sends the headers every Platform call needs, and retries
 * 429, 5xx and dropped connections with exponential backoff and jitter, honouring Retry-After.
 */
export class AepClient {
  private token: { value: string; expiresAt: number } | null = null;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  readonly redactor: Redactor;
  /** Requests made, by method and path, for the dry-run plan and the summary. */
  readonly requests: string[] = [];

  constructor(
    private readonly config: AepConfig,
    options: ClientOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 7;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.now = options.now ?? Date.now;
    this.redactor = options.redactor ?? new Redactor();
    this.redactor.add(config.clientSecret);
    const log = options.log ?? (() => {});
    this.log = (line) => log(this.redactor.redact(line));
  }

  /** An error whose message and body carry no secret. */
  private error(message: string, status: number | null, body: string): AepError {
    return new AepError(this.redactor.redact(message), status, this.redactor.redact(body));
  }

  private async accessToken(force = false): Promise<string> {
    if (!force && this.token && this.token.expiresAt - 5 * 60_000 > this.now()) return this.token.value;
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.config.clientId,
      client_secret: this.config.clientSecret,
      scope: this.config.scopes,
    });
    const res = await this.send(
      `${this.config.imsUrl.replace(/\/$/, '')}/ims/token/v3`,
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() },
      'POST /ims/token/v3',
    );
    const text = await res.text();
    if (!res.ok)
      throw this.error(
        `Adobe IMS refused the credentials (HTTP ${res.status}): check AEP_CLIENT_ID, AEP_CLIENT_SECRET and AEP_SCOPES${summarise(text) ? ` (IMS said: ${summarise(text)})` : ''}`,
        res.status,
        text,
      );
    let json: { access_token?: string; expires_in?: number };
    try {
      json = JSON.parse(text);
    } catch {
      throw new AepError('Adobe IMS answered with something that is not JSON', res.status, '');
    }
    if (!json.access_token) throw new AepError('Adobe IMS answered without an access token', res.status, '');
    this.redactor.add(json.access_token);
    this.token = { value: json.access_token, expiresAt: this.now() + (json.expires_in ?? 3600) * 1000 };
    return this.token.value;
  }

  /** fetch with retries on 429, 5xx and network failures. */
  private async send(url: string, init: RequestInit | (() => RequestInit), label: string): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      let res: Response | null = null;
      let failure: unknown = null;
      try {
        res = await fetch(url, typeof init === 'function' ? init() : init);
      } catch (e) {
        failure = e;
      }
      const retriable = failure !== null || res!.status === 429 || res!.status >= 500;
      if (!retriable) return res!;
      if (attempt >= this.maxAttempts) {
        if (res) return res;
        throw this.error(`${label}: the connection failed ${attempt} times (${describe(failure)}); check the network and --platform-url`, null, '');
      }
      let delay = Math.min(30_000, this.baseDelayMs * 2 ** (attempt - 1)) * Math.random();
      const after = res?.headers.get('retry-after');
      if (after) delay = Math.max(delay, retryAfterMs(after, this.now()));
      this.log(
        `${label}: ${res ? `HTTP ${res.status}` : describe(failure)}; retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${this.maxAttempts})`,
      );
      await res?.body?.cancel().catch(() => {});
      await this.sleep(delay);
    }
  }

  /** A Platform request: auth headers, retries, one fresh token on a 401. */
  async request(method: string, path: string, body: Body = null, extraHeaders: Record<string, string> = {}): Promise<{ status: number; text: string }> {
    const label = `${method} ${path.replace(/\?.*$/, '')}`;
    this.requests.push(`${method} ${path}`);
    for (let auth = 0; auth < 2; auth++) {
      const token = await this.accessToken(auth > 0);
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        'x-api-key': this.config.clientId,
        'x-gw-ims-org-id': this.config.orgId,
        'x-sandbox-name': this.config.sandbox,
        ...extraHeaders,
      };
      const init = (): RequestInit => {
        if (body === null) return { method, headers };
        if ('json' in body) return { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body.json) };
        const stream = Readable.toWeb(createReadStream(body.file, { start: body.start, end: body.end - 1 })) as ReadableStream;
        return {
          method,
          headers: { ...headers, 'content-type': 'application/octet-stream', 'content-length': String(body.end - body.start) },
          body: stream,
          duplex: 'half',
        } as RequestInit;
      };
      const res = await this.send(`${this.config.platformUrl.replace(/\/$/, '')}${path}`, init, label);
      const text = await res.text();
      if (res.status === 401 && auth === 0) {
        this.log(`${label}: the access token was refused; fetching a new one`);
        continue;
      }
      if (!res.ok) throw this.error(`${label} failed with HTTP ${res.status}: ${summarise(text)}`, res.status, text);
      return { status: res.status, text: this.redactor.redact(text) };
    }
    throw new AepError(
      `${label}: AEP refused a fresh access token too; check that the credentials' project has the Experience Platform API and the sandbox`,
      401,
      '',
    );
  }

  async createBatch(datasetId: string, partialIngestionPercentage: number): Promise<string> {
    const r = await this.request('POST', '/data/foundation/import/batches', {
      json: { datasetId, inputFormat: { format: 'json' }, enableErrorDiagnostics: true, partialIngestionPercentage },
    });
    const id = (JSON.parse(r.text) as { id?: string }).id;
    if (!id) throw this.error('creating the batch returned no batch id', r.status, r.text);
    return id;
  }

  filePath(batchId: string, datasetId: string, name: string): string {
    return `/data/foundation/import/batches/${encodeURIComponent(batchId)}/datasets/${encodeURIComponent(datasetId)}/files/${encodeURIComponent(name)}`;
  }

  async putFile(batchId: string, datasetId: string, name: string, file: string, size: number): Promise<void> {
    await this.request('PUT', this.filePath(batchId, datasetId, name), { file, start: 0, end: size });
  }

  async initializeLargeFile(batchId: string, datasetId: string, name: string): Promise<void> {
    await this.request('POST', `${this.filePath(batchId, datasetId, name)}?action=INITIALIZE`);
  }

  async patchChunk(batchId: string, datasetId: string, name: string, file: string, start: number, end: number, total: number): Promise<void> {
    await this.request('PATCH', this.filePath(batchId, datasetId, name), { file, start, end }, { 'content-range': `bytes ${start}-${end - 1}/${total}` });
  }

  async completeLargeFile(batchId: string, datasetId: string, name: string): Promise<void> {
    await this.request('POST', `${this.filePath(batchId, datasetId, name)}?action=COMPLETE`);
  }

  async completeBatch(batchId: string): Promise<void> {
    await this.request('POST', `/data/foundation/import/batches/${encodeURIComponent(batchId)}?action=COMPLETE`);
  }

  async abortBatch(batchId: string): Promise<void> {
    await this.request('POST', `/data/foundation/import/batches/${encodeURIComponent(batchId)}?action=ABORT`);
  }

  async getBatch(batchId: string): Promise<BatchInfo> {
    const r = await this.request('GET', `/data/foundation/catalog/batches/${encodeURIComponent(batchId)}`);
    const json = JSON.parse(r.text) as Record<string, { status?: string; metrics?: Record<string, number>; errors?: BatchInfo['errors'] }>;
    const b = json[batchId] ?? Object.values(json)[0] ?? {};
    return {
      status: String(b.status ?? 'unknown'),
      inputRecordCount: b.metrics?.inputRecordCount,
      outputRecordCount: b.metrics?.outputRecordCount,
      failedRecordCount: b.metrics?.failedRecordCount,
      errors: Array.isArray(b.errors) ? b.errors : [],
    };
  }

  /** The batch's row-error files (error diagnostics), each as text. */
  async errorDiagnostics(batchId: string): Promise<{ name: string; text: string }[]> {
    const list = await this.request('GET', `/data/foundation/export/batches/${encodeURIComponent(batchId)}/meta?path=row_errors`);
    const data = (JSON.parse(list.text) as { data?: { name: string }[] }).data ?? [];
    const out: { name: string; text: string }[] = [];
    for (const d of data) {
      const r = await this.request('GET', `/data/foundation/export/batches/${encodeURIComponent(batchId)}/meta?path=${encodeURIComponent(d.name)}`);
      out.push({ name: d.name, text: r.text });
    }
    return out;
  }
}

/** Milliseconds to wait from a Retry-After header: seconds, or an HTTP date. */
export function retryAfterMs(value: string, now: number): number {
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? 0 : Math.max(0, at - now);
}

function describe(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  return err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e);
}

function summarise(text: string): string {
  try {
    const j = JSON.parse(text) as { title?: string; message?: string; detail?: string; error_code?: string };
    return (
      [j.title, j.message, j.detail, j.error_code, (j as { error_description?: string }).error_description].filter(Boolean).join(' - ') || text.slice(0, 300)
    );
  } catch {
    return text.slice(0, 300);
  }
}
