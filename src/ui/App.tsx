import { useEffect } from 'react';
import { ProfilesView } from './profiles/ProfilesView';
import { useProfiles } from './profiles/store';
import { FinishStep } from './steps/FinishStep';
import { MapStep } from './steps/MapStep';
import { PreviewStep } from './steps/PreviewStep';
import { SourceStep } from './steps/SourceStep';
import { TargetStep } from './steps/TargetStep';
import { clearSavedSession } from './store/persist';
import { useRun } from './store/run';
import { STEPS, type Step, useSession } from './store/session';
import { useUi } from './store/ui';
import { usePreview } from './usePreview';

/** Whether a step can be opened yet: each needs what the earlier ones chose. */
function reachable(step: Step, s: { schema: unknown; source: unknown; mapping: unknown }): boolean {
  if (step === 'target') return true;
  if (step === 'source') return Boolean(s.schema);
  return Boolean(s.schema && s.source && s.mapping);
}

export function App() {
  const step = useSession((s) => s.step);
  const schema = useSession((s) => s.schema);
  const source = useSession((s) => s.source);
  const mapping = useSession((s) => s.mapping);
  const notices = useSession((s) => s.notices);
  const canUndo = useSession((s) => s.past.length > 0 && s.mapping !== null);
  const canRedo = useSession((s) => s.future.length > 0);
  const { goto, dismiss, reset, undo, redo } = useSession.getState();
  const preview = usePreview();
  const profilesOpen = useProfiles((s) => s.open);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        useSession.getState().undo();
      } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
        e.preventDefault();
        useSession.getState().redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const startOver = () => {
    useRun.getState().clear();
    useUi.setState({ selection: null, expanded: new Set(), collapsed: new Set(), filter: 'all', search: '', formula: null });
    reset();
    clearSavedSession();
  };
  const here = { schema, source, mapping };
  return (
    <div className={`app step-${step}`}>
      <header className="topbar">
        <h1>
          xdm-mapper <span className="muted">CSV to XDM, on your machine</span>
        </h1>
        <nav aria-label="Steps">
          <ol className="steps">
            {STEPS.map((s, i) => (
              <li key={s.id}>
                <button
                  type="button"
                  className={s.id === step ? 'step on' : 'step'}
                  aria-current={s.id === step ? 'step' : undefined}
                  disabled={!reachable(s.id, here)}
                  onClick={() => goto(s.id)}
                >
                  <span className="num">{i + 1}</span> {s.label}
                </button>
              </li>
            ))}
          </ol>
        </nav>
        <div className="top-actions">
          <button
            type="button"
            aria-pressed={profilesOpen}
            onClick={() => useProfiles.getState().show(!profilesOpen)}
            title="Identity graph, merged profiles and guardrails of run outputs"
          >
            Profiles
          </button>
          <button type="button" onClick={undo} disabled={!canUndo} title="Undo the last mapping change (Ctrl+Z)">
            ↶ Undo
          </button>
          <button type="button" onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Y)">
            ↷ Redo
          </button>
          <button type="button" onClick={startOver} title="Forget the schema, the file and the mapping">
            Start over
          </button>
        </div>
      </header>
      <main>
        {notices.length ? (
          <div className="notices">
            {notices.map((n, i) => (
              <div key={n.text} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
                <strong>{n.kind === 'error' ? 'Error: ' : n.kind === 'warning' ? 'Warning: ' : ''}</strong>
                {n.text}
                <button type="button" className="link" onClick={() => dismiss(i)} aria-label={`Dismiss: ${n.text.slice(0, 40)}`}>
                  Dismiss
                </button>
              </div>
            ))}
          </div>
        ) : null}
        {profilesOpen ? <ProfilesView /> : null}
        {!profilesOpen && step === 'target' ? <TargetStep /> : null}
        {!profilesOpen && step === 'source' ? <SourceStep /> : null}
        {!profilesOpen && step === 'map' ? <MapStep preview={preview} /> : null}
        {!profilesOpen && step === 'preview' ? <PreviewStep preview={preview} /> : null}
        {!profilesOpen && step === 'finish' ? <FinishStep /> : null}
      </main>
    </div>
  );
}
