import { type CsvEncoding, ENCODING_LABELS } from '../../core/csv/encoding';
import type { ColumnProfile } from '../../core/csv/profile';
import { DELIMITER_LABELS, DELIMITERS, type Delimiter } from '../../core/csv/sniff';
import { useSession } from '../store/session';

const formatSize = (n: number) => (n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 ** 2).toFixed(1)} MB`);

/** The file as read: detected dialect (changeable), the first rows and a profile per column. */
export function SourcePanel() {
  const source = useSession((s) => s.source);
  const setOverrides = useSession((s) => s.setOverrides);
  if (!source) return null;
  const { sniffed, sample, profiles } = source;
  const columns = sample.header?.columns ?? [];
  const warnings = [...sniffed.warnings, ...(sample.header?.warnings ?? [])];
  return (
    <section className="card" aria-labelledby="source-title">
      <h2 id="source-title">
        Source: {source.name} <span className="muted">({formatSize(source.size)})</span>
      </h2>
      <div className="dialect">
        <label className="field inline">
          <span>Encoding</span>
          <select aria-label="Encoding" value={sniffed.encoding} onChange={(e) => setOverrides({ encoding: e.target.value as CsvEncoding })}>
            {Object.entries(ENCODING_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          <span>Delimiter</span>
          <select aria-label="Delimiter" value={sniffed.delimiter} onChange={(e) => setOverrides({ delimiter: e.target.value as Delimiter })}>
            {DELIMITERS.map((d) => (
              <option key={d} value={d}>
                {DELIMITER_LABELS[d]}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          <span>Header on line</span>
          <input
            aria-label="Header line"
            type="number"
            min={1}
            value={sniffed.skipLines + 1}
            onChange={(e) => setOverrides({ skipLines: Math.max(0, Number(e.target.value) - 1) })}
          />
        </label>
        <span className="muted">
          {columns.length} columns, {sample.rows.length}
          {sample.complete ? '' : '+'} rows {sample.complete ? 'in the file' : 'sampled'}
        </span>
      </div>
      {warnings.map((w) => (
        <p key={w} className="notice warning" role="status">
          <strong>Warning:</strong> {w}
        </p>
      ))}
      <div className="table-scroll">
        <table className="grid" aria-label="First rows">
          <thead>
            <tr>
              <th scope="col">line</th>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sample.rows.slice(0, 8).map((r) => (
              <tr key={r.row}>
                <td className="muted">{r.line}</td>
                {r.cells.map((c, i) => (
                  <td key={columns[i]}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Column profiles</h3>
      <div className="profiles">
        {profiles.map((p) => (
          <ProfileCard key={p.name} p={p} />
        ))}
      </div>
    </section>
  );
}

function ProfileCard({ p }: { p: ColumnProfile }) {
  const max = p.top[0]?.count ?? 1;
  return (
    <figure className="profile" aria-label={`Profile of ${p.name}`}>
      <figcaption>
        <strong>{p.name}</strong> <span className="kind">{p.kind}</span>
        {p.dateFormat ? <span className="muted"> {p.dateFormat}</span> : null}
      </figcaption>
      <div className="muted">
        {Math.round(p.fillRate * 100)}% filled · {p.distinct} distinct
      </div>
      <ul className="bars" aria-label={`Most frequent values of ${p.name}`}>
        {p.top.slice(0, 4).map((t) => (
          <li key={t.value} title={`${t.value}: ${t.count}`}>
            <span className="bar" style={{ width: `${Math.max(4, (60 * t.count) / max)}px` }} />
            <span className="bar-label">{t.value}</span> <span className="muted">{t.count}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
