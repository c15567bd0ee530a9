import { useState } from 'react';
import { ApplyRun } from '../../core/batch/applyRun';
import { buildManifest } from '../../core/batch/manifest';
import { MemorySink } from '../../core/batch/memorySink';
import { serializeMapping } from '../../core/mapping/document';
import { download } from '../download';
import { useSession } from '../store/session';
import { usePreview } from '../usePreview';

/** The first records as they will land, every error pointing at its source cell; then the files. */
export function PreviewPanel() {
  const preview = usePreview();
  const schema = useSession((s) => s.schema);
  const source = useSession((s) => s.source);
  const mapping = useSession((s) => s.mapping);
  const [summary, setSummary] = useState<string | null>(null);
  if (!preview) return null;
  if (!preview.ok)
    return (
      <section className="card" aria-labelledby="preview-title">
        <h2 id="preview-title">Preview</h2>
        <p className="notice error" role="alert">
          <strong>The mapping cannot run on this file:</strong>
        </p>
        <ul>
          {preview.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </section>
    );
  const errors = preview.rows.flatMap((r) => r.errors);
  const written = preview.rows.filter((r) => r.record).length;

  const runAll = async () => {
    if (!schema || !source || !mapping) return;
    const sink = new MemorySink();
    const run = new ApplyRun({ tree: schema.tree, doc: mapping, sniffed: source.sniffed, validator: schema.validator, sink });
    const reader = source.file.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await run.push(value);
    }
    const result = await run.end();
    const manifest = buildManifest(result, {
      version: '0.1.0',
      createdAt: new Date(),
      input: { path: source.name, encoding: source.sniffed.encoding, delimiter: source.sniffed.delimiter, lineEnding: source.sniffed.lineEnding },
      mapping: { path: '', name: mapping.name, sha256: '' },
      schema: { path: schema.name, id: schema.tree.id, title: schema.tree.title, sha256: '' },
    });
    for (const f of result.files) download(f.path, (sink.files.get(f.path) ?? []) as BlobPart[], 'application/x-ndjson');
    setSummary(
      `${manifest.rows.input} rows: ${manifest.rows.written} written in ${result.files.length} file(s), ${manifest.rows.rejected} rejected, ${manifest.fieldErrors} field errors.`,
    );
    return { sink, manifest };
  };

  return (
    <section className="card" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview</h2>
      <p>
        <strong>{written}</strong> of {preview.rows.length} sampled rows become records; <strong>{errors.length}</strong> errors.
      </p>
      {errors.length ? (
        <table className="grid errors" aria-label="Errors">
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Line</th>
              <th scope="col">Column</th>
              <th scope="col">Value</th>
              <th scope="col">Code</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {errors.slice(0, 50).map((e) => (
              <tr key={`${e.row}-${e.code}-${e.destination ?? ''}`}>
                <td>{e.row}</td>
                <td>{e.line}</td>
                <td>{e.column ?? '(row)'}</td>
                <td>
                  <code>{e.value ?? ''}</code>
                </td>
                <td>
                  {e.code}
                  {e.rejected ? ' (row rejected)' : ''}
                </td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="actions">
        <button type="button" className="primary" onClick={() => void runAll()}>
          Download records (.jsonl)
        </button>
        <button
          type="button"
          onClick={() =>
            mapping && download(`${mapping.name || 'mapping'}.mapping.json`.replace(/\s+/g, '-').toLowerCase(), serializeMapping(mapping), 'application/json')
          }
        >
          Download mapping
        </button>
      </div>
      {summary ? (
        <p className="notice info" role="status">
          {summary}
        </p>
      ) : null}
      <h3>First records</h3>
      <ol className="records" aria-label="First records">
        {preview.rows.slice(0, 20).map((r) => (
          <li key={r.row}>
            <span className="muted">row {r.row}</span>
            <pre>{r.record ? JSON.stringify(r.record, null, 2) : 'rejected'}</pre>
          </li>
        ))}
      </ol>
    </section>
  );
}
