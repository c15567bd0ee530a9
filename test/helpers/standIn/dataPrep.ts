import { get, hexId, isObj, jsonBody, type Obj, type Route, send } from './http';
import type { Registry } from './registry';

/**
 * Data Prep's mapping sets in the stand-in (Data Prep API reference, `/mappingSets`):
 *   POST /mappingSets            200 `{id, version: 0, createdDate, …}`; 400 when an entry fails validation
 *   PUT  /mappingSets/{ID}       200 the mapping set with its version raised by one; 404 unknown
 *   GET  /mappingSets/{ID}[?version=N]
 *   POST /mappingSets/validate   200 `{validationResponse: [{status: SUCCESS|FAILED, errors}]}`, one per entry
 *   POST /mappingSets/preview    200 `[{data, errors}]`, one per row of `data`
 * Validation follows what Data Prep checks: the output schema exists, each destination is a
 * field of it, an ATTRIBUTE names a column, an EXPRESSION is balanced. Preview maps ATTRIBUTE and
 * STATIC entries with Data Prep's type rules; it does not evaluate expressions and says so per
 * field, and `plant` lets a test make AEP's answer differ from ours.
 */
export interface DataPrep {
  /** Every version of every mapping set, by id. */
  mappingSets: Map<string, Obj[]>;
  /** Changes AEP's preview of one row (its index in the request) before it is sent. */
  plant: ((index: number, record: Obj) => void) | null;
  /** Preview requests received: how many rows each carried. */
  previews: number[];
  route: Route;
}

const XED_FULL = 'application/vnd.adobe.xed-full+json;version=1';

type Failure = { destination?: string; source?: string; sourceType?: string; exception: string };

export function createDataPrep(registry: Registry): DataPrep {
  const mappingSets = new Map<string, Obj[]>();
  const state: DataPrep = { mappingSets, plant: null, previews: [], route: async () => false };

  const schemaOf = (set: unknown): string | null => {
    const id = get(set, 'outputSchema', 'schemaRef', 'id');
    return typeof id === 'string' && registry.schemas.has(id) ? id : null;
  };

  const validateEntry = (schemaId: string, e: unknown): Failure[] => {
    if (!isObj(e)) return [{ exception: 'a mapping must be an object' }];
    const { sourceType, source, destination } = e as { sourceType?: unknown; source?: unknown; destination?: unknown };
    const out: Failure[] = [];
    const base = { destination: String(destination), source: String(source), sourceType: String(sourceType) };
    if (!['ATTRIBUTE', 'EXPRESSION', 'STATIC'].includes(String(sourceType))) out.push({ ...base, exception: `Unsupported sourceType ${String(sourceType)}` });
    if (typeof source !== 'string' || (sourceType === 'ATTRIBUTE' && source.trim() === '')) out.push({ ...base, exception: 'Source attribute is required' });
    if (typeof destination !== 'string' || !registry.fieldAt(schemaId, destination))
      out.push({ ...base, exception: `Destination path ${String(destination)} is not present in the target schema` });
    else if (sourceType !== 'EXPRESSION' && get(registry.fieldAt(schemaId, destination), 'type') === 'object')
      out.push({ ...base, exception: `Destination ${destination} is an object; map its fields` });
    if (sourceType === 'EXPRESSION' && typeof source === 'string' && !balanced(source))
      out.push({ ...base, exception: `Expression ${source} is not well formed` });
    return out;
  };

  const validateSet = (set: unknown): { status: 'SUCCESS' | 'FAILED'; errors: Failure[] | null }[] | string => {
    const schemaId = schemaOf(set);
    if (!schemaId) return 'outputSchema.schemaRef.id must name a schema of this sandbox';
    if (get(set, 'outputSchema', 'schemaRef', 'contentType') !== XED_FULL) return `outputSchema.schemaRef.contentType must be ${XED_FULL}`;
    const entries = get(set, 'mappings');
    if (!Array.isArray(entries) || !entries.length) return 'mappings must be a non-empty array';
    return entries.map((e) => {
      const errors = validateEntry(schemaId, e);
      return errors.length ? { status: 'FAILED' as const, errors } : { status: 'SUCCESS' as const, errors: null };
    });
  };

  const failedTitle = (r: ReturnType<typeof validateSet>) =>
    typeof r === 'string'
      ? r
      : r
          .flatMap((x) => x.errors ?? [])
          .map((e) => e.exception)
          .join('; ');

  const preview = (schemaId: string, set: Obj, row: Obj) => {
    const data: Obj = {};
    const errors: Failure[] = [];
    for (const e of set.mappings as Obj[]) {
      const destination = String(e.destination);
      const field = registry.fieldAt(schemaId, destination);
      if (e.sourceType === 'EXPRESSION') {
        const read = dateCall(String(e.source), row, String(get(field, 'format') ?? 'date-time'));
        if (read === null)
          errors.push({
            destination,
            source: String(e.source),
            sourceType: 'EXPRESSION',
            exception: 'the local stand-in evaluates only date(column, "pattern")',
          });
        else if (read.ok) {
          if (read.value !== null) write(data, destination, read.value);
        } else errors.push({ destination, source: String(e.source), sourceType: 'EXPRESSION', exception: read.message });
        continue;
      }
      const raw = e.sourceType === 'STATIC' ? e.source : Object.hasOwn(row, String(e.source)) ? row[String(e.source)] : undefined;
      if (raw === undefined || raw === null || raw === '') continue;
      const converted = convert(String(raw), String(get(field, 'type') ?? 'string'));
      if (converted.ok) write(data, destination, converted.value);
      else errors.push({ destination, source: String(e.source), sourceType: String(e.sourceType), exception: converted.message });
    }
    return { data, errors: errors.length ? errors : null };
  };

  state.route = async (req, res, url) => {
    const p = url.pathname;
    if (!p.startsWith('/data/foundation/conversion/mappingSets')) return false;
    const method = req.method;
    if (p === '/data/foundation/conversion/mappingSets/validate' && method === 'POST') {
      const b = await jsonBody(req, res);
      if (!b.ok) return true;
      const r = validateSet(b.body);
      return typeof r === 'string' ? send(res, 400, { title: r }) : send(res, 200, { validationResponse: r });
    }
    if (p === '/data/foundation/conversion/mappingSets/preview' && method === 'POST') {
      const b = await jsonBody(req, res);
      if (!b.ok) return true;
      const rows = get(b.body, 'data');
      const set = get(b.body, 'mappingSet');
      const r = validateSet(set);
      if (typeof r === 'string' || !Array.isArray(rows)) return send(res, 400, { title: typeof r === 'string' ? r : 'data must be an array of rows' });
      if (r.some((x) => x.status === 'FAILED')) return send(res, 400, { title: failedTitle(r) });
      state.previews.push(rows.length);
      const out = rows.map((row, i) => {
        const one = preview(schemaOf(set)!, set as Obj, isObj(row) ? row : {});
        state.plant?.(i, one.data);
        return one;
      });
      return send(res, 200, out);
    }
    if (p === '/data/foundation/conversion/mappingSets' && method === 'POST') {
      const b = await jsonBody(req, res);
      if (!b.ok) return true;
      const r = validateSet(b.body);
      if (typeof r === 'string' || r.some((x) => x.status === 'FAILED')) return send(res, 400, { title: failedTitle(r) });
      const id = hexId();
      const now = Date.now();
      mappingSets.set(id, [{ ...(b.body as Obj), id, version: 0, createdDate: now, modifiedDate: now, status: 'PUBLISHED' }]);
      return send(res, 200, { id, version: 0, createdDate: now, modifiedDate: now, createdBy: 'stand-in', modifiedBy: 'stand-in' });
    }
    const m = /^\/data\/foundation\/conversion\/mappingSets\/([0-9a-f]{32})$/.exec(p);
    if (m) {
      const versions = mappingSets.get(m[1]!);
      if (!versions) return send(res, 404, { title: `mapping set ${m[1]} not found` });
      if (method === 'GET') {
        const v = url.searchParams.get('version');
        const found = v === null ? versions.at(-1) : versions.find((x) => x.version === Number(v));
        return found ? send(res, 200, found) : send(res, 404, { title: `mapping set ${m[1]} has no version ${v}` });
      }
      if (method === 'PUT') {
        const b = await jsonBody(req, res);
        if (!b.ok) return true;
        const r = validateSet(b.body);
        if (typeof r === 'string' || r.some((x) => x.status === 'FAILED')) return send(res, 400, { title: failedTitle(r) });
        const last = versions.at(-1)!;
        const next = {
          ...(b.body as Obj),
          id: m[1],
          version: Number(last.version) + 1,
          createdDate: last.createdDate,
          modifiedDate: Date.now(),
          status: 'PUBLISHED',
        };
        versions.push(next);
        return send(res, 200, next);
      }
    }
    return false;
  };
  return state;
}

function balanced(text: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0 && quote === null;
}

/** Data Prep's conversions of a text to a field's JSON type. */
function convert(text: string, type: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (type === 'string') return { ok: true, value: text };
  if (type === 'number' || type === 'integer') {
    const n = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isNaN(n) || (type === 'integer' && !Number.isInteger(n))) return { ok: false, message: `Cannot convert ${text} to ${type}` };
    return { ok: true, value: n };
  }
  if (type === 'boolean') {
    const t = text.trim().toLowerCase();
    if (['y', 'yes', 'on', 'true'].includes(t)) return { ok: true, value: true };
    if (['n', 'no', 'off', 'false'].includes(t)) return { ok: true, value: false };
    return { ok: false, message: `Cannot convert ${text} to boolean` };
  }
  return { ok: true, value: text };
}

function write(record: Obj, destination: string, value: unknown): void {
  const parts = destination.split('.');
  let node = record;
  for (const part of parts.slice(0, -1)) {
    if (!isObj(node[part])) node[part] = {};
    node = node[part] as Obj;
  }
  node[parts.at(-1)!] = value;
}

/**
 * Data Prep's `date(${Column}, "pattern")` (or a bare column name, or a quoted constant), for
 * patterns of numbers and literals: the value as the field's format writes it. Null when the
 * expression is of another kind; an absent or empty cell gives a null value, as in AEP.
 */
function dateCall(source: string, row: Obj, format: string): { ok: true; value: string | null } | { ok: false; message: string } | null {
  const m = /^date\((?:\$\{((?:\\.|[^\\}])*)\}|"((?:\\.|[^\\"])*)"|([A-Za-z_$][\w$]*)),\s*"((?:\\.|[^\\"])*)"\)$/.exec(source.trim());
  if (!m) return null;
  const plain = (t: string) => t.replace(/\\(.)/g, '$1');
  const column = m[1] !== undefined ? plain(m[1]) : m[3];
  const text = column !== undefined ? row[column] : plain(m[2]!);
  if (text === undefined || text === null || text === '') return { ok: true, value: null };
  const pattern = plain(m[4]!);
  const parts: Record<string, number> = { yyyy: 0, MM: 1, dd: 1, HH: 0, mm: 0, ss: 0 };
  let regex = '';
  const order: string[] = [];
  for (const piece of pattern.match(/'[^']*'|yyyy|MM|dd|HH|mm|ss|./g) ?? []) {
    if (piece in parts) {
      regex += piece === 'yyyy' ? '(\\d{4})' : '(\\d{2})';
      order.push(piece);
    } else regex += (piece.startsWith("'") ? piece.slice(1, -1) : piece).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const found = new RegExp(`^${regex}$`).exec(String(text));
  if (!found) return { ok: false, message: `Text '${String(text)}' could not be parsed with pattern ${pattern}` };
  order.forEach((p, i) => {
    parts[p] = Number(found[i + 1]);
  });
  const at = new Date(Date.UTC(parts.yyyy!, parts.MM! - 1, parts.dd!, parts.HH!, parts.mm!, parts.ss!));
  if (at.getUTCMonth() !== parts.MM! - 1 || at.getUTCDate() !== parts.dd! || parts.HH! > 23 || parts.mm! > 59 || parts.ss! > 59)
    return { ok: false, message: `Text '${String(text)}' could not be parsed: invalid date` };
  const iso = at.toISOString().replace('.000Z', 'Z');
  return { ok: true, value: format === 'date' ? iso.slice(0, 10) : iso };
}
