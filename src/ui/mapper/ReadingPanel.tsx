import { useMemo, useState } from 'react';
import { checkReadingSettings, converterFor, type ReadingSettings, SETTINGS_FOR } from '../../core/convert/coerce';
import { DATE_LANGUAGES, LANGUAGE_NAMES } from '../../core/convert/monthNames';
import { readingKindOf, settingsForType } from '../../core/csv/readings';
import { destinationType, readingForEntry } from '../../core/mapping/entryReadings';
import type { MappingEntry } from '../../core/mapping/mapping.types';
import { useSession } from '../store/session';

/** Sample values shown converted live. */
const SHOWN = 8;

/** The entry with the settings of one kind of reading replaced (other settings kept). */
function withSettings(entry: MappingEntry, kind: keyof typeof SETTINGS_FOR, next: ReadingSettings): MappingEntry {
  const kept: Record<string, unknown> = { ...entry.settings };
  for (const k of SETTINGS_FOR[kind]) delete kept[k];
  const settings = { ...kept, ...next } as ReadingSettings;
  const { settings: _old, ...rest } = entry;
  return Object.keys(settings).length ? { ...rest, settings } : rest;
}

/**
 * How a mapped column is read into its field: the reading detected from the sample with its
 * evidence, the reading the mapping states, a way to change it, and sample values converted
 * live by the same converter the run uses. An ambiguous column asks for a choice.
 */
export function ReadingPanel({ entry }: { entry: MappingEntry }) {
  const schema = useSession((s) => s.schema);
  const source = useSession((s) => s.source);
  const act = useSession((s) => s.act);
  const tree = schema?.tree;
  const type = tree ? destinationType(tree, entry.destination) : undefined;
  const kind = type ? readingKindOf(type) : null;
  const stated = type ? settingsForType(entry.settings, type) : {};
  const [draft, setDraft] = useState<ReadingSettings>(stated);
  const profile = source?.profiles.find((p) => p.name === entry.source);
  const index = source?.sample.header?.columns.indexOf(entry.source) ?? -1;
  const values = useMemo(() => {
    const out = new Set<string>();
    for (const r of source?.checkRows ?? []) {
      const v = r[index]?.trim();
      if (v) out.add(v);
      if (out.size >= SHOWN) break;
    }
    return [...out];
  }, [source, index]);
  if (!tree || !type || !kind || entry.sourceType !== 'ATTRIBUTE') return null;
  const reading = readingForEntry(profile?.readings, tree, entry.destination);
  const statedNothing = !Object.keys(stated).length;
  const apply = (next: ReadingSettings) => {
    setDraft(next);
    if (!checkReadingSettings(next).length) act({ kind: 'reading', destination: entry.destination, settings: withSettings(entry, kind, next).settings });
  };
  const problems = checkReadingSettings(draft);
  const conv = problems.length ? null : converterFor(type, draft);
  const drop = (key: keyof ReadingSettings) => {
    const next = { ...draft };
    delete next[key];
    return next;
  };
  const commit = () => apply(draft);
  return (
    <fieldset className="reading" aria-label={`Reading of ${entry.source}`}>
      <legend>How the values are read</legend>
      {reading && reading.status === 'ambiguous' && statedNothing ? (
        <div className="notice warning" role="alert">
          <strong>Choose how to read this column.</strong> Nothing is written from it until you do.
          <ul className="plain">
            {reading.options.map((o) => (
              <li key={JSON.stringify(o.settings)}>
                <button type="button" onClick={() => apply(o.settings)}>
                  {o.label}
                </button>{' '}
                {o.example ? (
                  <span className="small">
                    <code>{o.example.text}</code> → <code>{o.example.value}</code>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {reading ? (
        <p className="small">
          Detected: <strong>{reading.status === 'ambiguous' ? 'ambiguous' : (reading.options[0]?.label ?? 'as Data Prep reads it')}</strong>
          {reading.fit < 1 ? ` · ${Math.round(reading.fit * 100)}% of the values fit` : ''}
          {reading.status === 'decided' && JSON.stringify(settingsForType(reading.settings, type)) !== JSON.stringify(stated) ? (
            <>
              {' '}
              <button type="button" className="link" onClick={() => apply(settingsForType(reading.settings, type))}>
                Use the detected reading
              </button>
            </>
          ) : null}
        </p>
      ) : null}
      {reading?.evidence.length ? (
        <ul className="small evidence">
          {reading.evidence.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      <div className="reading-form">
        {kind === 'date' ? (
          <>
            <label className="field">
              <span>Date format (Java pattern)</span>
              <input
                aria-label="Date format"
                value={draft.dateFormat ?? ''}
                placeholder="Data Prep's list"
                onChange={(e) => setDraft(e.target.value ? { ...drop('epoch'), dateFormat: e.target.value } : drop('dateFormat'))}
                onBlur={commit}
                onKeyDown={(e) => e.key === 'Enter' && commit()}
              />
            </label>
            <label className="field">
              <span>Month names</span>
              <select
                aria-label="Month names"
                value={draft.dateLanguage ?? ''}
                onChange={(e) => apply(e.target.value ? { ...draft, dateLanguage: e.target.value as ReadingSettings['dateLanguage'] } : drop('dateLanguage'))}
              >
                <option value="">as Java writes English ones</option>
                {DATE_LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {LANGUAGE_NAMES[l]}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>Unix time</span>
              <select
                aria-label="Unix time"
                value={draft.epoch ?? ''}
                onChange={(e) => apply(e.target.value ? { ...drop('dateFormat'), epoch: e.target.value as 'seconds' } : drop('epoch'))}
              >
                <option value="">no</option>
                <option value="seconds">seconds since 1970</option>
                <option value="milliseconds">milliseconds since 1970</option>
              </select>
            </label>
            {type === 'date-time' ? (
              <label className="field">
                <span>Time zone of times written without one</span>
                <input
                  aria-label="Time zone"
                  value={draft.timeZone ?? ''}
                  placeholder="UTC"
                  onChange={(e) => setDraft(e.target.value ? { ...draft, timeZone: e.target.value } : drop('timeZone'))}
                  onBlur={commit}
                  onKeyDown={(e) => e.key === 'Enter' && commit()}
                />
              </label>
            ) : null}
          </>
        ) : kind === 'number' ? (
          <>
            <label className="field">
              <span>Decimal separator</span>
              <select
                aria-label="Decimal separator"
                value={draft.decimalSeparator ?? '.'}
                onChange={(e) => apply(e.target.value === ',' ? { ...draft, decimalSeparator: ',' } : drop('decimalSeparator'))}
              >
                <option value=".">point (12.50)</option>
                <option value=",">comma (12,50)</option>
              </select>
            </label>
            <label className="field">
              <span>Thousands separator</span>
              <select
                aria-label="Thousands separator"
                value={draft.thousandsSeparator ?? ''}
                onChange={(e) =>
                  apply(e.target.value ? { ...draft, thousandsSeparator: e.target.value as ReadingSettings['thousandsSeparator'] } : drop('thousandsSeparator'))
                }
              >
                <option value="">none</option>
                <option value=",">comma (1,234)</option>
                <option value=".">point (1.234)</option>
                <option value=" ">space (1 234)</option>
                <option value="'">apostrophe (1'234)</option>
              </select>
            </label>
            <label className="field">
              <span>Currency written with the amounts</span>
              <input
                aria-label="Currency"
                value={draft.currency ?? ''}
                placeholder="none"
                onChange={(e) => setDraft(e.target.value ? { ...draft, currency: e.target.value } : drop('currency'))}
                onBlur={commit}
              />
            </label>
            <label className="inline">
              <input type="checkbox" checked={!!draft.percent} onChange={(e) => apply(e.target.checked ? { ...draft, percent: true } : drop('percent'))} />{' '}
              percent signs
            </label>
          </>
        ) : (
          <>
            {(['trueWords', 'falseWords'] as const).map((k) => (
              <label key={k} className="field">
                <span>{k === 'trueWords' ? 'Words for true' : 'Words for false'}</span>
                <input
                  aria-label={k === 'trueWords' ? 'Words for true' : 'Words for false'}
                  value={draft[k]?.filter((w) => w !== '').join(', ') ?? ''}
                  placeholder={k === 'trueWords' ? 'y, yes, on, true' : 'n, no, off, false'}
                  onChange={(e) => {
                    const words = e.target.value.split(',').map((w) => w.trim());
                    const blank = k === 'falseWords' && draft.falseWords?.includes('') ? [''] : [];
                    setDraft(e.target.value || blank.length ? { ...draft, [k]: [...words.filter(Boolean), ...blank] } : drop(k));
                  }}
                  onBlur={commit}
                />
              </label>
            ))}
            <label className="inline">
              <input
                type="checkbox"
                checked={!!draft.falseWords?.includes('')}
                onChange={(e) =>
                  apply({
                    ...draft,
                    falseWords: e.target.checked
                      ? [...(draft.falseWords ?? ['n', 'no', 'off', 'false']), '']
                      : (draft.falseWords ?? []).filter((w) => w !== ''),
                  })
                }
              />{' '}
              a blank cell means false
            </label>
          </>
        )}
      </div>
      {problems.map((p) => (
        <p key={p.key} className="notice error small" role="alert">
          {p.message}
        </p>
      ))}
      {conv?.ok ? (
        <table className="small reading-sample" aria-label="Sample values converted">
          <tbody>
            {values.map((v) => {
              const r = conv.convert(v);
              return (
                <tr key={v} className={r.ok ? '' : 'bad'}>
                  <td>
                    <code>{v}</code>
                  </td>
                  <td>→</td>
                  <td>{r.ok ? <code>{JSON.stringify(r.value)}</code> : <span className="error-text">{r.message}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </fieldset>
  );
}
