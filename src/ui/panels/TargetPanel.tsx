import { useSession } from '../store/session';

/** What the chosen schema is: the facts a person checks before mapping into it. */
export function TargetPanel() {
  const schema = useSession((s) => s.schema);
  if (!schema) return null;
  const t = schema.tree;
  return (
    <section className="card" aria-labelledby="target-title">
      <h2 id="target-title">Target: {t.title}</h2>
      <dl className="facts">
        <dt>Class</dt>
        <dd>{t.className ?? '(none given)'}</dd>
        <dt>Tenant</dt>
        <dd>{t.tenant ?? '(none)'}</dd>
        <dt>Fields</dt>
        <dd>
          {t.leaves.length} leaf fields ({t.leaves.filter((f) => f.system).length} system)
        </dd>
        <dt>Required</dt>
        <dd>{t.required.length ? t.required.join(', ') : 'none'}</dd>
        <dt>Identities</dt>
        <dd>{t.identities.length ? t.identities.map((i) => `${i.path} (${i.namespace}${i.primary ? ', primary' : ''})`).join('; ') : 'none'}</dd>
      </dl>
    </section>
  );
}
