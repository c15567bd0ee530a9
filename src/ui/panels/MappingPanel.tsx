import { schemaPathOf } from '../../core/mapping/paths';
import type { Suggestion } from '../../core/suggest/suggest.types';
import { useSession } from '../store/session';

const level = (c: number) => (c >= 0.8 ? 'high' : c >= 0.6 ? 'medium' : 'low');

/** The mapping as a table: each entry's source, its destination field and that field's type; for suggestions, how sure and why. */
export function MappingPanel() {
  const mapping = useSession((s) => s.mapping);
  const origin = useSession((s) => s.mappingOrigin);
  const suggestions = useSession((s) => s.suggestions);
  const schema = useSession((s) => s.schema);
  if (!mapping) return null;
  const byColumn = new Map<string, Suggestion>((suggestions ?? []).map((s) => [s.column, s]));
  const unmapped = origin === 'suggested' ? (suggestions ?? []).filter((s) => !s.destination) : [];
  return (
    <section className="card" aria-labelledby="mapping-title">
      <h2 id="mapping-title">{origin === 'suggested' ? 'Suggested mapping' : `Mapping${mapping.name ? `: ${mapping.name}` : ''}`}</h2>
      {origin === 'suggested' ? (
        <p className="muted">
          {mapping.mappings.length} of {suggestions?.length ?? 0} columns placed from their names and values; the rest are left unmapped rather than guessed.
        </p>
      ) : null}
      <table className="grid wrap" aria-label="Mappings">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Kind</th>
            <th scope="col">Destination</th>
            <th scope="col">Type</th>
            {origin === 'suggested' ? (
              <>
                <th scope="col">Confidence</th>
                <th scope="col">Why</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {mapping.mappings.map((m) => {
            const f = schema?.tree.fields.get(schemaPathOf(m.destination) as never);
            const s = m.sourceType === 'ATTRIBUTE' ? byColumn.get(m.source) : undefined;
            return (
              <tr key={m.destination}>
                <td>
                  <code>{m.source}</code>
                </td>
                <td>{m.sourceType.toLowerCase()}</td>
                <td>
                  <code>{m.destination}</code>
                  {f?.required ? <span className="badge">required</span> : null}
                  {f?.identity ? <span className="badge">identity</span> : null}
                  {schema && !f ? <span className="badge bad">not in schema</span> : null}
                </td>
                <td>{f ? f.xdmType : '?'}</td>
                {origin === 'suggested' ? (
                  <>
                    <td>{s ? `${Math.round(s.confidence * 100)}% (${level(s.confidence)})` : ''}</td>
                    <td className="why">{s?.evidence.join('; ')}</td>
                  </>
                ) : null}
              </tr>
            );
          })}
          {unmapped.map((s) => (
            <tr key={`unmapped-${s.column}`} className="unmapped">
              <td>
                <code>{s.column}</code>
              </td>
              <td>attribute</td>
              <td>not mapped</td>
              <td />
              <td />
              <td className="why">
                {s.evidence.join('; ')}
                {s.alternatives[0] ? ` (closest: ${s.alternatives[0].destination})` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
