import { fetchText } from '../samples';
import { type ProfileDataset, specOfSchemaText } from './store';

/** An apply output folder the user opened, before its schema is known. */
export interface OpenedFolder {
  name: string;
  manifest: { files?: { path: string; records?: number }[]; schema?: { path?: string; id?: string; title?: string }; rows?: { written?: number } };
  files: Map<string, File>;
}

/** Schemas served with the app, found by `$id` when an opened folder's manifest names one of them. */
const KNOWN_SCHEMAS = [
  '/samples/luma/luma-loyalty.schema.json',
  '/samples/luma/luma-crm.schema.json',
  '/samples/luma/luma-product-catalog.schema.json',
  '/samples/xdm/profile-person-contact-loyalty.schema.json',
  '/samples/xdm/experienceevent-commerce.schema.json',
  '/samples/xdm/profile-large.schema.json',
];

let known: Promise<Map<string, string>> | null = null;
function knownSchemas(): Promise<Map<string, string>> {
  known ??= Promise.all(KNOWN_SCHEMAS.map((u) => fetchText(u).catch(() => ''))).then((texts) => {
    const byId = new Map<string, string>();
    for (const t of texts) {
      try {
        const id = (JSON.parse(t) as { $id?: string }).$id;
        if (id) byId.set(id, t);
      } catch {
        // a sample that does not load is simply not offered
      }
    }
    return byId;
  });
  return known;
}

/**
 * Groups the files of a folder pick into apply output folders: each folder with a manifest.json
 * is one (a pick of several run folders gives several). Files picked without folders form one,
 * named after the run's input file; the web app's own downloads (`NAME-manifest.json`,
 * `NAME-part-00001.jsonl`) form one named NAME.
 */
export async function groupFolders(list: readonly File[]): Promise<{ folders: OpenedFolder[]; problems: string[] }> {
  const groups = new Map<string, Map<string, File>>();
  for (const f of list) {
    const rel = (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
    const parts = rel.split('/');
    const folder = parts.length > 1 ? parts[parts.length - 2]! : '';
    if (!groups.has(folder)) groups.set(folder, new Map());
    groups.get(folder)!.set(parts[parts.length - 1]!, f);
  }
  const folders: OpenedFolder[] = [];
  const problems: string[] = [];
  for (const [folder, files] of groups) {
    // The web app's downloads carry the run's name before each file: NAME-manifest.json, NAME-part-00001.jsonl.
    const manifests = [...files.keys()].filter((k) => k === 'manifest.json' || k.endsWith('-manifest.json'));
    if (!manifests.length) {
      if ([...files.keys()].some((k) => k.endsWith('.jsonl')))
        problems.push(`${folder || 'the files picked'}: no manifest.json, so the batch files' order and schema are unknown`);
      continue;
    }
    for (const m of manifests) {
      const prefix = m.slice(0, m.length - 'manifest.json'.length);
      let manifest: OpenedFolder['manifest'];
      try {
        manifest = JSON.parse(await files.get(m)!.text());
      } catch (e) {
        problems.push(`${folder || m}: ${m} is not JSON (${(e as Error).message})`);
        continue;
      }
      const input = (manifest as { input?: { path?: string } }).input?.path ?? '';
      const name =
        (prefix ? prefix.replace(/-$/, '') : folder) ||
        input
          .split(/[\\/]/)
          .pop()
          ?.replace(/\.[^.]*$/, '') ||
        'dataset';
      const own = new Map<string, File>();
      for (const f of manifest.files ?? []) {
        const file = files.get(prefix + f.path.split('/').pop()!);
        if (file) own.set(f.path.split('/').pop()!, file);
      }
      const schemaName = manifest.schema?.path?.split(/[\\/]/).pop();
      if (schemaName && files.has(schemaName)) own.set(schemaName, files.get(schemaName)!);
      const missing = (manifest.files ?? []).filter((f) => !own.has(f.path.split('/').pop()!)).map((f) => prefix + f.path);
      if (missing.length) problems.push(`${name}: the manifest lists ${missing.join(', ')}, which ${missing.length > 1 ? 'were' : 'was'} not picked`);
      else folders.push({ name, manifest, files: own });
    }
  }
  return { folders, problems };
}

/** The schema text for an opened folder: a schema file picked with it, or a served sample with the manifest's `$id`. */
export async function schemaFor(folder: OpenedFolder): Promise<string | null> {
  const named = folder.manifest.schema?.path?.split(/[\\/]/).pop();
  if (named && folder.files.has(named)) return folder.files.get(named)!.text();
  const id = folder.manifest.schema?.id;
  return id ? ((await knownSchemas()).get(id) ?? null) : null;
}

/** An opened folder as a dataset under a schema. */
export function datasetOf(folder: OpenedFolder, schemaText: string): ProfileDataset | { error: string } {
  const s = specOfSchemaText(schemaText);
  if ('error' in s) return { error: `${folder.name}: the schema cannot be read: ${s.error}` };
  const files = (folder.manifest.files ?? []).map((f) => ({ name: f.path, blob: folder.files.get(f.path.split('/').pop()!)! }));
  return { name: folder.name, schemaTitle: s.title, spec: s.spec, files, records: folder.manifest.rows?.written ?? 0 };
}
