import type { FieldTree } from '../schema/field.types';
import type { IdentitySpec, RecordIdentity } from './identity.types';

/** The identity fields of a schema: its identity descriptors, and whether it has XDM's `identityMap`. */
export function identitySpecOf(tree: FieldTree): IdentitySpec {
  const map = tree.fields.get('identityMap' as never);
  return {
    fields: tree.identities.map((i) => ({ path: i.path, namespace: i.namespace, primary: i.primary })),
    identityMap: map !== undefined && map.xdmType === 'map',
  };
}

const own = (o: unknown, k: string): unknown =>
  o !== null && typeof o === 'object' && !Array.isArray(o) && Object.hasOwn(o, k) ? (o as Record<string, unknown>)[k] : undefined;

/** Every value at a field-tree path (`a.b[].c`), walking through arrays. */
function valuesAt(record: unknown, path: string): unknown[] {
  let current: unknown[] = [record];
  for (const raw of path.split('.')) {
    const isArray = raw.endsWith('[]');
    const key = isArray ? raw.slice(0, -2) : raw;
    const next: unknown[] = [];
    for (const c of current) {
      const v = own(c, key);
      if (v === undefined || v === null) continue;
      if (isArray && Array.isArray(v)) next.push(...v);
      else next.push(v);
    }
    current = next;
  }
  return current;
}

/** An identity value as AEP stores it: text. Numbers and booleans are written as their JSON text. */
const idText = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : v === undefined || v === null ? null : JSON.stringify(v);

/**
 * The identities one record carries under a spec: each non-null value of a descriptor field, then
 * each item of `identityMap`. Empty and refused values are kept, so the guardrails can count them.
 */
export function identitiesOf(record: Record<string, unknown>, spec: IdentitySpec): RecordIdentity[] {
  const out: RecordIdentity[] = [];
  for (const f of spec.fields) {
    for (const v of valuesAt(record, f.path)) {
      const id = idText(v);
      if (id !== null) out.push({ namespace: f.namespace, id, primary: f.primary, path: f.path });
    }
  }
  const map = spec.identityMap ? own(record, 'identityMap') : undefined;
  if (map && typeof map === 'object' && !Array.isArray(map)) {
    for (const ns of Object.keys(map)) {
      const items = (map as Record<string, unknown>)[ns];
      if (!Array.isArray(items)) continue;
      items.forEach((item, i) => {
        const id = idText(own(item, 'id'));
        const state = own(item, 'authenticatedState');
        out.push({
          namespace: ns,
          id: id ?? '',
          primary: own(item, 'primary') === true,
          ...(typeof state === 'string' ? { authenticatedState: state } : {}),
          path: `identityMap.${ns}[${i}].id`,
        });
      });
    }
  }
  return out;
}
