import { useSession } from '../store/session';
import type { RunDone } from '../worker/protocol';
import { specOfSchemaText, useProfiles } from './store';

/** After a run: adds its batch files as a dataset (named after the input file) and opens the Profiles view. */
export function RunProfilesButton({ run }: { run: RunDone }) {
  const schema = useSession((s) => s.schema);
  const name = useSession((s) => s.source?.name ?? 'this run').replace(/\.[^.]*$/, '');
  if (!schema || !run.files.length) return null;
  const open = () => {
    const s = specOfSchemaText(schema.text);
    if ('error' in s) return;
    useProfiles
      .getState()
      .add({ name, schemaTitle: s.title, spec: s.spec, files: run.files.map((f) => ({ name: f.path, blob: f.blob })), records: run.counts.written });
    useProfiles.getState().show(true);
  };
  return (
    <button type="button" onClick={open} title="The identity graph and merged profiles these records would make in AEP, with the identity guardrails">
      Profiles of this run
    </button>
  );
}
