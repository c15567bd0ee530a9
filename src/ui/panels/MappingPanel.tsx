import { schemaPathOf } from '../../core/mapping/paths';
import { useSession } from '../store/session';

/** The mapping as a table: each entry's source, its destination field and that field's type. */
export function MappingPanel() {
  const mapping = useSession((s) => s.mapping);
  const schema = useSession((s) => s.schema);
  if (!mapping) return null;
  return (
    <section className="card" aria-labelledby="mapping-title">
      <h2 id="mapping-title">Mapping{mapping.name ? `: ${mapping.name}` : ''}</h2>
      <table className="grid" aria-label="Mappings">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Kind</th>
            <th scope="col">Destination</th>
            <th scope="col">Type</th>
          </tr>
        </thead>
        <tbody>
          {mapping.mappings.map((m) => {
            const f = schema?.tree.fields.get(schemaPathOf(m.destination) as never);
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
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
