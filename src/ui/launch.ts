import { useSession } from './store/session';

const OPENED_KEY = 'xdm-mapper.launch-opened';

interface LaunchEntry {
  name: string;
  url: string;
}

/**
 * Files named on the command line (`xdm-mapper ui --schema S --csv F --mapping M`): the local
 * server lists them in a `<meta name="xdm-mapper-launch">` of the page and serves them from its
 * own origin. Without that tag (the dev server, a plain start) nothing is requested.
 */
export async function openLaunchFiles(doc: Document = document): Promise<void> {
  const content = doc.querySelector('meta[name="xdm-mapper-launch"]')?.getAttribute('content');
  if (!content) return;
  const launch = JSON.parse(content) as { id?: string } & Partial<Record<'schema' | 'csv' | 'mapping', LaunchEntry>>;
  // Opened once per start of the server: a reload afterwards keeps what the user changed since.
  const seen = sessionStorage.getItem(OPENED_KEY);
  if (launch.id && seen === launch.id) return;
  if (launch.id) sessionStorage.setItem(OPENED_KEY, launch.id);
  const s = useSession.getState();
  const get = async (e: LaunchEntry) => {
    const r = await fetch(e.url);
    if (!r.ok) throw new Error(`${e.name}: HTTP ${r.status}`);
    return r;
  };
  try {
    if (launch.schema && !s.setSchemaText(launch.schema.name, await (await get(launch.schema)).text())) return;
    if (launch.csv && !(await s.setSource(launch.csv.name, await (await get(launch.csv)).blob()))) return;
    if (launch.mapping) s.setMappingText(launch.mapping.name, await (await get(launch.mapping)).text());
    const now = useSession.getState();
    now.goto(now.schema && now.source && now.mapping ? 'map' : now.schema ? 'source' : 'target');
  } catch (e) {
    s.notify('session', 'error', `The files named on the command line could not be opened: ${(e as Error).message}`);
  }
}
