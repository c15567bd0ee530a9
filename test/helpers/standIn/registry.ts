import { get, isObj, type Obj, type Route, send } from './http';

/**
 * The Schema Registry, the Catalog's datasets and the dataset preview of the stand-in, as AEP's
 * references describe them:
 *   GET /data/foundation/schemaregistry/tenant/schemas/{meta:altId | URL-encoded $id}: 406 unless
 *     the Accept header names a format with a version (xed-full gives the resolved tree), 404 unknown;
 *   GET /data/foundation/catalog/dataSets/{ID}: `{ID: {name, schemaRef: {id, contentType}}}`, 404 unknown;
 *   GET /data/foundation/export/datasets/{ID}/preview: `{data: [rows of the latest batch]}`, 404 unknown.
 */
export interface Registry {
  /** Schemas by `$id`, in xed-full form. */
  schemas: Map<string, Obj>;
  datasets: Map<string, { name: string; schemaId: string; rows: Obj[] }>;
  /** Accept headers the registry was asked with, in order. */
  accepts: string[];
  addSchema(schema: Obj): void;
  addDataset(id: string, name: string, schemaId: string): void;
  /** The field schema at a mapping destination (`a.b[0].c`), or null when the path does not exist. */
  fieldAt(schemaId: string, destination: string): Obj | null;
  route: Route;
}

export function createRegistry(): Registry {
  const schemas = new Map<string, Obj>();
  const datasets: Registry['datasets'] = new Map();
  const accepts: string[] = [];

  const byIdOrAlt = (key: string): Obj | undefined => schemas.get(key) ?? [...schemas.values()].find((s) => s['meta:altId'] === key);

  const fieldAt = (schemaId: string, destination: string): Obj | null => {
    let node: unknown = schemas.get(schemaId);
    for (const segment of destination.split('.')) {
      const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(segment);
      if (!m) return null;
      node = get(node, 'properties', m[1]!);
      for (let i = 0; i < (m[2]!.match(/\[/g)?.length ?? 0); i++) {
        if (get(node, 'type') !== 'array') return null;
        node = get(node, 'items');
      }
      if (!isObj(node)) return null;
    }
    return node as Obj;
  };

  const route: Route = async (req, res, url) => {
    if (req.method !== 'GET') return false;
    let m = /^\/data\/foundation\/schemaregistry\/tenant\/schemas\/([^/]+)$/.exec(url.pathname);
    if (m) {
      const accept = String(req.headers.accept ?? '');
      accepts.push(accept);
      if (!/^application\/vnd\.adobe\.xed(-full)?(-notext|-desc)?\+json;\s*version=\d+$/.test(accept))
        return send(res, 406, {
          type: '/placeholder/type/uri',
          status: 406,
          title: 'NotAcceptableError',
          detail: 'Accept header must name a format and a version',
        });
      const schema = byIdOrAlt(decodeURIComponent(m[1]!));
      if (!schema) return send(res, 404, { type: '/placeholder/type/uri', status: 404, title: 'NotFoundError', detail: 'Schema not found' });
      if (accept.includes('xed-full')) return send(res, 200, schema);
      // The unresolved form: properties relegated to allOf references, as the registry gives it.
      const { properties: _p, ...rest } = schema;
      return send(res, 200, { ...rest, allOf: [{ $ref: 'https://ns.adobe.com/xdm/context/profile' }] });
    }
    m = /^\/data\/foundation\/catalog\/dataSets\/([^/]+)$/.exec(url.pathname);
    if (m) {
      const id = decodeURIComponent(m[1]!);
      const d = datasets.get(id);
      if (!d) return send(res, 404, { type: 'http://ns.adobe.com/aep/errors/CAT-2002-404', title: `Dataset ${id} was not found` });
      return send(res, 200, {
        [id]: { name: d.name, schemaRef: { id: d.schemaId, contentType: 'application/vnd.adobe.xed+json;version=1' }, version: '1.0.0' },
      });
    }
    m = /^\/data\/foundation\/export\/datasets\/([^/]+)\/preview$/.exec(url.pathname);
    if (m) {
      const d = datasets.get(decodeURIComponent(m[1]!));
      if (!d) return send(res, 404, { title: 'The requested dataset was not found.' });
      return send(res, 200, { data: d.rows.slice(0, 100) });
    }
    return false;
  };

  return {
    schemas,
    datasets,
    accepts,
    addSchema: (schema) => schemas.set(String(schema.$id), schema),
    addDataset: (id, name, schemaId) => datasets.set(id, { name, schemaId, rows: [] }),
    fieldAt,
    route,
  };
}
