import { useState } from 'react';
import { fetchBlob, fetchText, LUMA, SAMPLE_SCHEMAS } from '../samples';
import { useSession } from '../store/session';
import { DropZone } from './DropZone';

/** Step 1: the schema records are mapped into; the Luma sample in one click. */
export function TargetStep() {
  const schema = useSession((s) => s.schema);
  const setSchemaText = useSession((s) => s.setSchemaText);
  const setSource = useSession((s) => s.setSource);
  const setMappingText = useSession((s) => s.setMappingText);
  const notify = useSession((s) => s.notify);
  const goto = useSession((s) => s.goto);
  const [busy, setBusy] = useState(false);

  const openLuma = async () => {
    setBusy(true);
    try {
      setSchemaText('luma-product-catalog.schema.json', await fetchText(LUMA.schema));
      await setSource('luma-products.csv', await fetchBlob(LUMA.csv));
      setMappingText('luma-products.mapping.json', LUMA.mapping);
      goto('map');
    } catch (e) {
      notify('source', 'error', `The Luma sample could not be opened: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  const t = schema?.tree;
  return (
    <div className="step-grid">
      <section className="card" aria-labelledby="quick">
        <h2 id="quick">Start with the Luma tutorial</h2>
        <p>The tutorial's product file (Mac Roman encoded), its Luma Product Catalog schema and the saved mapping, ready to map and run.</p>
        <button type="button" className="primary big" onClick={openLuma} disabled={busy}>
          {busy ? 'Opening…' : 'Open the Luma sample'}
        </button>
      </section>
      <section className="card" aria-labelledby="choose">
        <h2 id="choose">Or choose the target schema</h2>
        <ul className="choices">
          {SAMPLE_SCHEMAS.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                aria-pressed={schema?.name === s.label}
                onClick={async () => {
                  try {
                    if (setSchemaText(s.label, await fetchText(s.url))) goto('source');
                  } catch (e) {
                    notify('schema', 'error', `${s.label} could not be opened: ${(e as Error).message}`);
                  }
                }}
              >
                {s.label}
              </button>
            </li>
          ))}
        </ul>
        <DropZone
          label="Drop a schema (xed-full JSON or JSON Schema) or click to choose"
          accept=".json,application/json"
          onFile={async (f) => setSchemaText(f.name, await f.text()) && goto('source')}
          testId="schema-file"
        />
      </section>
      {t ? (
        <section className="card wide" aria-labelledby="target-title">
          <h2 id="target-title">Target: {t.title}</h2>
          <dl className="facts">
            <dt>Class</dt>
            <dd>{t.className ?? '(none given)'}</dd>
            <dt>Tenant</dt>
            <dd>{t.tenant ?? '(none)'}</dd>
            <dt>Fields</dt>
            <dd>
              {t.leaves.length} leaf fields ({t.leaves.filter((f) => f.system).length} platform-managed)
            </dd>
            <dt>Required</dt>
            <dd>{t.required.length ? t.required.map((p) => <code key={p}>{p} </code>) : 'none'}</dd>
            <dt>Identities</dt>
            <dd>{t.identities.length ? t.identities.map((i) => `${i.path} (${i.namespace}${i.primary ? ', primary' : ''})`).join('; ') : 'none'}</dd>
          </dl>
          <button type="button" className="primary" onClick={() => goto('source')}>
            Next: the CSV file
          </button>
        </section>
      ) : null}
    </div>
  );
}
