import type { DataPrep } from './dataPrep';
import { etag, get, isObj, jsonBody, type Obj, type Route, send, uuid } from './http';
import type { Registry } from './registry';

/**
 * Flow Service in the stand-in (Flow Service API reference and the Sources tutorials for S3,
 * SFTP and Azure Blob): base, source and target connections, flows and their runs, with the
 * rules those pages state: the documented connection specs and auth spec names with their
 * required params, a target connection to the Data Lake naming an existing dataset and its
 * schema in xed-full, a flow with the CloudStorageToAEP flow spec whose schedule follows that
 * spec's scheduleSpec (startTime and frequency required, interval required unless `once`, at
 * least 15 for `minute`), a PATCH only with the flow's current etag in If-Match (412 otherwise),
 * creations answered 201 `{id, etag}`, a flow enabled or disabled by `POST /flows/{id}/action?op=`.
 */
export interface FlowService {
  connections: Map<string, Obj>;
  sourceConnections: Map<string, Obj>;
  targetConnections: Map<string, Obj>;
  flows: Map<string, Obj>;
  runs: Map<string, Obj[]>;
  /** Failed records of runs' batches, served as their error diagnostics (`/export/batches/{id}/meta`). */
  runErrors: Map<string, string[]>;
  /** A run of a flow, as AEP reports one after it ingested from the source. */
  addRun(flowId: string, run: { input: number; output: number; failed: number; status?: string; errors?: Obj[]; failedRecords?: string[] }): string;
  route: Route;
}

const AUTH: Record<string, Record<string, string[][]>> = {
  // connection spec -> auth spec name -> alternative sets of required params
  'ecadc60c-7455-4d87-84dc-2a0e293d997b': { 'Access Key': [['s3AccessKey', 's3SecretKey']] },
  'b7bf2577-4520-42c9-bae9-cad01560f7bc': {
    'Basic Authentication for sftp': [['host', 'userName', 'password']],
    'SSH PublicKey Authentication for sftp': [['host', 'userName', 'privateKeyContent']],
  },
  '4c10e202-c428-4796-9208-5f1f5732b1cf': { ConnectionString: [['connectionString']], 'SAS URI Authentication': [['sasUri']] },
};
const DATA_LAKE = 'c604ff05-7f1a-43c0-8e18-33bf874cb11c';
const FLOW_SPEC = '9753525b-82c7-4dce-8a9b-5ccfce2b9876';
const XED_FULL = 'application/vnd.adobe.xed-full+json;version=1';

export function createFlowService(registry: Registry, dataPrep: DataPrep): FlowService {
  const connections = new Map<string, Obj>();
  const sourceConnections = new Map<string, Obj>();
  const targetConnections = new Map<string, Obj>();
  const flows = new Map<string, Obj>();
  const runs = new Map<string, Obj[]>();
  const runErrors = new Map<string, string[]>();
  const bad = (res: Parameters<Route>[1], title: string) => send(res, 400, { type: 'http://ns.adobe.com/aep/errors/FLOW-1103-400', title });

  const checkConnection = (b: unknown): string | null => {
    const spec = get(b, 'connectionSpec', 'id');
    const specs = typeof spec === 'string' ? AUTH[spec] : undefined;
    if (!specs) return `connectionSpec.id ${String(spec)} is not a connection spec this stand-in knows`;
    if (get(b, 'connectionSpec', 'version') !== '1.0') return 'connectionSpec.version must be "1.0"';
    const name = String(get(b, 'auth', 'specName'));
    const params = get(b, 'auth', 'params');
    if (!Object.hasOwn(specs, name)) return `auth.specName "${name}" is not one of ${Object.keys(specs).join(', ')}`;
    if (!specs[name]!.some((set) => set.every((k) => typeof get(params, k) === 'string' && get(params, k) !== '')))
      return `auth.params must hold ${specs[name]!.map((s) => s.join(', ')).join(' or ')}`;
    if (typeof get(b, 'name') !== 'string') return 'name is required';
    return null;
  };

  const checkSchedule = (s: unknown): string | null => {
    if (!isObj(s)) return 'scheduleParams is required';
    if (!Number.isInteger(Number(s.startTime))) return 'scheduleParams.startTime must be epoch seconds';
    if (!['once', 'minute', 'hour', 'day', 'week'].includes(String(s.frequency))) return 'scheduleParams.frequency must be once, minute, hour, day or week';
    if (s.frequency === 'once') return s.interval === undefined ? null : 'scheduleParams.interval is not allowed with frequency once';
    const interval = Number(s.interval);
    if (!Number.isInteger(interval)) return 'scheduleParams.interval is required';
    if (interval < (s.frequency === 'minute' ? 15 : 1))
      return `scheduleParams.interval must be at least ${s.frequency === 'minute' ? 15 : 1} for ${s.frequency}`;
    return null;
  };

  const checkFlow = (b: unknown): string | null => {
    if (get(b, 'flowSpec', 'id') !== FLOW_SPEC) return `flowSpec.id must be the CloudStorageToAEP flow spec ${FLOW_SPEC}`;
    const src = get(b, 'sourceConnectionIds');
    const tgt = get(b, 'targetConnectionIds');
    if (!Array.isArray(src) || src.length !== 1 || !sourceConnections.has(String(src[0])))
      return 'sourceConnectionIds must name one existing source connection';
    if (!Array.isArray(tgt) || tgt.length !== 1 || !targetConnections.has(String(tgt[0])))
      return 'targetConnectionIds must name one existing target connection';
    const t = get(b, 'transformations');
    const mapping = Array.isArray(t) ? t.find((x) => get(x, 'name') === 'Mapping') : undefined;
    const versions = dataPrep.mappingSets.get(String(get(mapping, 'params', 'mappingId')));
    if (!versions) return 'transformations must hold a Mapping with an existing mappingId';
    if (!versions.some((v) => v.version === Number(get(mapping, 'params', 'mappingVersion'))))
      return 'the Mapping transformation names a mappingVersion that does not exist';
    const options = get(b, 'options');
    if (options !== undefined) {
      const pct = get(options, 'partialIngestionPercent');
      if (pct !== undefined && !(typeof pct === 'number' && pct > 0 && pct <= 100)) return 'options.partialIngestionPercent must be a number above 0';
      const diag = get(options, 'errorDiagnosticsEnabled');
      if (diag !== undefined && typeof diag !== 'boolean') return 'options.errorDiagnosticsEnabled must be a boolean';
    }
    return checkSchedule(get(b, 'scheduleParams'));
  };

  const route: Route = async (req, res, url) => {
    const p = url.pathname;
    const method = req.method;
    if (p.startsWith('/data/foundation/export/batches/') && method === 'GET') {
      const m = /^\/data\/foundation\/export\/batches\/([^/]+)\/meta$/.exec(p);
      const files = m ? runErrors.get(decodeURIComponent(m[1]!)) : undefined;
      if (!files) return false;
      const path = url.searchParams.get('path') ?? '';
      if (path === 'row_errors')
        return send(res, 200, { data: files.map((_, i) => ({ name: `row_errors/part-${i}.json`, length: files[i]!.length })), _page: { count: files.length } });
      const i = /^row_errors\/part-(\d+)\.json$/.exec(path);
      if (!i || !files[Number(i[1])]) return send(res, 404, { title: `no file ${path}` });
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(files[Number(i[1])]);
      return true;
    }
    if (!p.startsWith('/data/foundation/flowservice/')) return false;
    const rest = p.slice('/data/foundation/flowservice'.length);
    if (method === 'POST' && ['/connections', '/sourceConnections', '/targetConnections', '/flows'].includes(rest)) {
      const b = await jsonBody(req, res);
      if (!b.ok) return true;
      const body = b.body as Obj;
      let problem: string | null = null;
      let store: Map<string, Obj>;
      if (rest === '/connections') {
        problem = checkConnection(body);
        store = connections;
      } else if (rest === '/sourceConnections') {
        const base = connections.get(String(body.baseConnectionId));
        if (!base) problem = 'baseConnectionId must name an existing base connection';
        else if (get(body, 'connectionSpec', 'id') !== get(base, 'connectionSpec', 'id')) problem = "connectionSpec.id must be the base connection's";
        else if (!['delimited', 'json', 'parquet'].includes(String(get(body, 'data', 'format')))) problem = 'data.format must be delimited, json or parquet';
        else if (typeof get(body, 'params', 'path') !== 'string') problem = 'params.path is required';
        store = sourceConnections;
      } else if (rest === '/targetConnections') {
        const dataset = registry.datasets.get(String(get(body, 'params', 'dataSetId')));
        if (get(body, 'connectionSpec', 'id') !== DATA_LAKE) problem = `connectionSpec.id must be the Data Lake's ${DATA_LAKE}`;
        else if (!dataset) problem = 'params.dataSetId must name an existing dataset';
        else if (get(body, 'data', 'schema', 'id') !== dataset.schemaId) problem = "data.schema.id must be the dataset's schema";
        else if (get(body, 'data', 'schema', 'version') !== XED_FULL) problem = `data.schema.version must be ${XED_FULL}`;
        store = targetConnections;
      } else {
        problem = checkFlow(body);
        store = flows;
      }
      if (problem) return bad(res, problem);
      const id = uuid();
      const tag = etag();
      store.set(id, { ...body, id, etag: tag, state: 'enabled', createdAt: Date.now() });
      if (rest === '/flows') runs.set(id, []);
      return send(res, 201, { id, etag: tag });
    }
    const base = /^\/connections\/([^/]+)$/.exec(rest);
    if (base && method === 'GET') {
      const c = connections.get(decodeURIComponent(base[1]!));
      if (!c) return send(res, 404, { title: `connection ${decodeURIComponent(base[1]!)} not found` });
      // AEP answers a connection without its secrets: the auth params are not given back.
      const { auth, ...shown } = c;
      return send(res, 200, { items: [{ ...shown, auth: { specName: get(auth, 'specName') } }] });
    }
    const action = /^\/flows\/([0-9a-f-]{36})\/action$/.exec(rest);
    if (action && method === 'POST') {
      const flow = flows.get(action[1]!);
      if (!flow) return send(res, 404, { title: `flow ${action[1]} not found` });
      const op = url.searchParams.get('op');
      if (op !== 'enable' && op !== 'disable') return bad(res, 'op must be enable or disable');
      flow.state = `${op}d`;
      flow.etag = etag();
      return send(res, 200, { id: action[1], etag: flow.etag });
    }
    let m = /^\/flows\/([0-9a-f-]{36})$/.exec(rest);
    if (m) {
      const flow = flows.get(m[1]!);
      if (!flow) return send(res, 404, { title: `flow ${m[1]} not found` });
      if (method === 'GET') return send(res, 200, { items: [flow] });
      if (method === 'PATCH') {
        if (req.headers['if-match'] !== flow.etag) {
          await jsonBody(req, res).catch(() => null);
          if (!res.headersSent) send(res, 412, { title: "If-Match must be the flow's current etag" });
          return true;
        }
        const b = await jsonBody(req, res);
        if (!b.ok) return true;
        const next = structuredClone(flow);
        for (const op of Array.isArray(b.body) ? b.body : []) {
          const problem = applyPatch(next, op);
          if (problem) return bad(res, problem);
        }
        const problem = checkFlow(next);
        if (problem) return bad(res, problem);
        next.etag = etag();
        flows.set(m[1]!, next);
        return send(res, 200, { id: m[1], etag: next.etag });
      }
    }
    if (rest === '/runs' && method === 'GET') {
      m = /^flowId==([0-9a-f-]{36})$/.exec(url.searchParams.get('property') ?? '');
      if (!m) return bad(res, 'property=flowId=={FLOW_ID} is required');
      const items = [...(runs.get(m[1]!) ?? [])];
      // Like Flow Service: in the order they were made unless `orderby` says otherwise.
      const order = url.searchParams.get('orderby');
      if (order === '-createdAt') items.sort((a, b) => Number(get(b, 'createdAt')) - Number(get(a, 'createdAt')));
      else if (order !== null && order !== 'createdAt') return bad(res, `cannot order runs by ${order}`);
      return send(res, 200, { items, _links: {} });
    }
    return false;
  };

  const addRun: FlowService['addRun'] = (flowId, r) => {
    const id = uuid();
    const batch = `01${uuid().replace(/-/g, '').slice(0, 24).toUpperCase()}`;
    const status = r.status ?? (r.failed ? 'partialSuccess' : 'success');
    if (r.failedRecords) runErrors.set(batch, r.failedRecords);
    const started = Date.now() - 60_000;
    const manifest = `https://platform.adobe.io/data/foundation/export/batches/${batch}/meta?path=row_errors`;
    runs.get(flowId)?.push({
      id,
      flowId,
      etag: etag(),
      createdAt: started + (runs.get(flowId)?.length ?? 0),
      metrics: {
        durationSummary: { startedAtUTC: started, completedAtUTC: started + 30_000 },
        recordSummary: { inputRecordCount: r.input, outputRecordCount: r.output, failedRecordCount: r.failed },
        fileSummary: { inputFileCount: 1, outputFileCount: 1 },
        statusSummary: { status, errors: r.errors ?? [] },
      },
      activities: [
        {
          id: 'promotionActivity',
          recordSummary: { inputRecordCount: r.input, outputRecordCount: r.output, failedRecordCount: r.failed },
          statusSummary: { status, extensions: { manifest: { failedRecords: manifest }, errors: r.errors ?? [] } },
          targetInfo: [{ id: 'target', type: 'TargetConnection', reference: { type: 'Batch', ids: [batch] } }],
        },
      ],
    });
    return id;
  };

  return { connections, sourceConnections, targetConnections, flows, runs, runErrors, addRun, route };
}

/** JSON Patch `replace`/`add` of a path into the flow (what Flow Service's PATCH takes). */
function applyPatch(doc: Obj, op: unknown): string | null {
  const kind = String(get(op, 'op')).toLowerCase();
  const path = get(op, 'path');
  if (!['replace', 'add'].includes(kind) || typeof path !== 'string' || !path.startsWith('/')) return 'each patch operation needs op replace or add and a path';
  const keys = path.slice(1).split('/');
  let node: unknown = doc;
  for (const k of keys.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(k)] : isObj(node) ? node[k] : undefined;
    if (node === undefined) return `path ${path} does not exist in the flow`;
  }
  const last = keys.at(-1)!;
  if (Array.isArray(node)) node[Number(last)] = get(op, 'value');
  else if (isObj(node)) node[last] = get(op, 'value');
  else return `path ${path} does not exist in the flow`;
  return null;
}
