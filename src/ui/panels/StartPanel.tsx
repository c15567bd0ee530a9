import { useState } from 'react';
import { fetchBlob, fetchText, LUMA, SAMPLE_SCHEMAS } from '../samples';
import { useSession } from '../store/session';

/** Where a session begins: the Luma sample in one click, or your own files. */
export function StartPanel() {
  const setSchemaText = useSession((s) => s.setSchemaText);
  const setSource = useSession((s) => s.setSource);
  const setMappingText = useSession((s) => s.setMappingText);
  const notify = useSession((s) => s.notify);
  const [busy, setBusy] = useState(false);

  const openLuma = async () => {
    setBusy(true);
    try {
      setSchemaText('luma-product-catalog.schema.json', await fetchText(LUMA.schema));
      await setSource('luma-products.csv', await fetchBlob(LUMA.csv));
      setMappingText('luma-products.mapping.json', LUMA.mapping);
    } catch (e) {
      notify('error', `The Luma sample could not be opened: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const onSample = async (url: string, label: string) => {
    try {
      setSchemaText(label, await fetchText(url));
    } catch (e) {
      notify('error', `The sample schema could not be opened: ${(e as Error).message}`);
    }
  };

  return (
    <section className="card start" aria-labelledby="start-title">
      <h2 id="start-title">Start</h2>
      <div className="start-grid">
        <div>
          <button type="button" className="primary" onClick={openLuma} disabled={busy}>
            {busy ? 'Opening…' : 'Open the Luma sample'}
          </button>
          <p className="hint">The Luma tutorial's product file (Mac Roman), its schema and the saved mapping.</p>
        </div>
        <label className="field">
          <span>Target schema</span>
          <select
            aria-label="Sample schema"
            defaultValue=""
            onChange={(e) => {
              const s = SAMPLE_SCHEMAS.find((x) => x.id === e.target.value);
              if (s) void onSample(s.url, s.label);
            }}
          >
            <option value="" disabled>
              Choose a sample schema…
            </option>
            {SAMPLE_SCHEMAS.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
          <input
            type="file"
            accept=".json,application/json"
            aria-label="Schema file"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (f) setSchemaText(f.name, await f.text());
              e.target.value = '';
            }}
          />
        </label>
        <label className="field">
          <span>CSV file</span>
          <input
            type="file"
            accept=".csv,.tsv,.txt,text/csv"
            aria-label="CSV file"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (f) await setSource(f.name, f);
              e.target.value = '';
            }}
          />
        </label>
        <label className="field">
          <span>Saved mapping (ours or an AEP mapping set)</span>
          <input
            type="file"
            accept=".json,application/json"
            aria-label="Mapping file"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (f) setMappingText(f.name, await f.text());
              e.target.value = '';
            }}
          />
        </label>
      </div>
    </section>
  );
}
