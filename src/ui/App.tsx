import { type ReactNode, useEffect } from 'react';
import { ProfilesView } from './profiles/ProfilesView';
import { useProfiles } from './profiles/store';
import { FinishStep } from './steps/FinishStep';
import { MapStep } from './steps/MapStep';
import { PreviewStep } from './steps/PreviewStep';
import { SourceStep } from './steps/SourceStep';
import { TargetStep } from './steps/TargetStep';
import { TOPIC_LABELS } from './store/notices';
import { clearSavedSession } from './store/persist';
import { useRun } from './store/run';
import { STEPS, type Step, useSession } from './store/session';
import { useUi } from './store/ui';
import { type Preview, usePreview } from './usePreview';

/** Whether a step can be opened yet: each needs what the earlier ones chose. */
function reachable(step: Step, s: { schema: unknown; source: unknown; mapping: unknown }): boolean {
  if (step === 'target') return true;
  if (step === 'source') return Boolean(s.schema);
  return Boolean(s.schema && s.source && s.mapping);
}

/** What each step shows; a new step or view is one more line here and in STEPS. */
const STEP_VIEWS: Record<Step, (preview: Preview) => ReactNode> = {
  target: () => <TargetStep />,
  source: () => <SourceStep />,
  map: (preview) => <MapStep preview={preview} />,
  preview: (preview) => <PreviewStep preview={preview} />,
  finish: () => <FinishStep />,
};

/**
 * Ctrl+Z and Ctrl+Y undo and redo the mapping wherever the focus is; only a text box with
 * text of its own (a formula, a pasted CSV) keeps them for its own editing.
 */
function useUndoKeys() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const k = e.key.toLowerCase();
      const isUndo = k === 'z' && !e.shiftKey;
      const isRedo = k === 'y' || (k === 'z' && e.shiftKey);
      if (!isUndo && !isRedo) return;
      const t = e.target as HTMLElement | null;
      const textOwn =
        t &&
        (t.tagName === 'TEXTAREA' ||
          t.isContentEditable ||
          (t instanceof HTMLInputElement && t.type !== 'search' && t.dataset.undo !== 'mapping' && t.value !== ''));
      if (textOwn) return;
      e.preventDefault();
      if (isUndo) useSession.getState().undo();
      else useSession.getState().redo();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}

export function App() {
  const step = useSession((s) => s.step);
  const schema = useSession((s) => s.schema);
  const source = useSession((s) => s.source);
  const mapping = useSession((s) => s.mapping);
  const notices = useSession((s) => s.notices);
  const canUndo = useSession((s) => s.past.length > 0 && s.mapping !== null);
  const canRedo = useSession((s) => s.future.length > 0);
  const { goto, clearNotice, reset, undo, redo } = useSession.getState();
  const preview = usePreview();
  const profilesOpen = useProfiles((s) => s.open);
  useUndoKeys();

  const startOver = () => {
    useRun.getState().clear();
    useUi.getState().reset();
    reset();
    clearSavedSession();
  };
  const here = { schema, source, mapping };
  return (
    <div className={`app ${profilesOpen ? 'view-profiles' : `step-${step}`}`}>
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
                  className={s.id === step && !profilesOpen ? 'step on' : 'step'}
                  aria-current={s.id === step && !profilesOpen ? 'step' : undefined}
                  disabled={!reachable(s.id, here)}
                  onClick={() => {
                    // A step from the Profiles view goes back to the mapper, where the step is.
                    if (profilesOpen) useProfiles.getState().show(false);
                    goto(s.id);
                  }}
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
      {notices.length ? (
        <section className="notices" aria-label="Notices">
          {notices.map((n) => (
            <div key={n.topic} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
              <span className="notice-topic">{TOPIC_LABELS[n.topic]}</span>
              <span className="notice-text">
                {n.kind === 'error' ? <strong>Error: </strong> : n.kind === 'warning' ? <strong>Warning: </strong> : null}
                {n.text}
              </span>
              <button type="button" className="link" onClick={() => clearNotice(n.topic)} aria-label={`Dismiss the ${TOPIC_LABELS[n.topic]} notice`}>
                Dismiss
              </button>
            </div>
          ))}
        </section>
      ) : null}
      <main>{profilesOpen ? <ProfilesView /> : STEP_VIEWS[step](preview)}</main>
    </div>
  );
}
