import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { appFolder, type LaunchFile, type LaunchRole, serveApp } from './appServer';
import { type Io, UsageError } from './io';
import { type CommandSpec, flag, helpOf, parseCommand, text, wholeNumber } from './options';

const UI_OPTIONS = {
  port: text('N', 'port on 127.0.0.1 (default 5174; 0 picks a free one)', wholeNumber(), { default: 5174 }),
  open: flag("open the app in the system's browser"),
  schema: text('FILE', 'start with this schema loaded'),
  csv: text('FILE', 'start with this CSV file loaded'),
  mapping: text('FILE', "start with this mapping loaded (ours, an AEP mapping set or AEP's template)"),
};

export const UI: CommandSpec<typeof UI_OPTIONS> = {
  name: 'ui',
  usage: 'ui [--port N] [--open] [--schema S.json] [--csv F.csv] [--mapping M.json]',
  about: `Serves the web app (the mapper, built into this package) on 127.0.0.1 and prints its address.
Nothing leaves the machine: the app makes no network requests, and the server answers only on
the loopback address. Files named with --schema, --csv and --mapping are opened in the app (it
reads them from this server). Stop it with Ctrl-C.`,
  options: UI_OPTIONS,
  footer: 'Exit status: 0 when stopped; 2 on bad arguments, a missing file, a port in use, or no built app.\n',
};

export const UI_HELP = helpOf(UI);

/**
 * The system's own way to open a URL. Written out rather than taken from a package: the
 * command is one bundled file, and the usual package runs a helper script it ships beside itself.
 */
function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
}

export async function uiCommand(argv: string[], io: Io, stopSignal?: AbortSignal): Promise<number> {
  const { values, positionals, help } = parseCommand(UI, argv);
  if (help) {
    io.out(UI_HELP);
    return 0;
  }
  if (positionals.length) throw new UsageError(`ui takes no file arguments: name them with --schema, --csv or --mapping (got ${positionals.join(' ')})`);
  const files: LaunchFile[] = [];
  for (const role of ['schema', 'csv', 'mapping'] as LaunchRole[]) {
    const path = values[role];
    if (path === undefined) continue;
    const st = await stat(path).catch(() => null);
    if (!st?.isFile()) throw new UsageError(`--${role} "${path}" is not a readable file`);
    files.push({ role, path: resolve(path) });
  }
  const root = appFolder();
  if (!root) throw new UsageError('the built web app (dist/app) is missing: run "npm run build" in the package folder');
  let served: Awaited<ReturnType<typeof serveApp>>;
  try {
    served = await serveApp(resolve(root), files, values.port);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new UsageError(`port ${values.port} is in use: choose another with --port N (0 picks a free one)`);
    throw e;
  }
  io.out(`xdm-mapper web app: ${served.url}\n`);
  io.err(`${files.length ? `opening ${files.map((f) => `${f.role} ${f.path}`).join(', ')}; ` : ''}serving on 127.0.0.1 only. Ctrl-C stops it.\n`);
  if (values.open) openBrowser(served.url);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      served.server.close(() => done());
      served.server.closeAllConnections();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    stopSignal?.addEventListener('abort', stop, { once: true });
  });
  io.err('stopped\n');
  return 0;
}
