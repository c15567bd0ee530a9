import { MappingPanel } from './panels/MappingPanel';
import { PreviewPanel } from './panels/PreviewPanel';
import { SourcePanel } from './panels/SourcePanel';
import { StartPanel } from './panels/StartPanel';
import { TargetPanel } from './panels/TargetPanel';
import { useSession } from './store/session';

export function App() {
  const notices = useSession((s) => s.notices);
  const dismiss = useSession((s) => s.dismiss);
  const reset = useSession((s) => s.reset);
  return (
    <div className="app">
      <header className="topbar">
        <h1>
          xdm-mapper <span className="muted">CSV to XDM, on your machine</span>
        </h1>
        <button type="button" onClick={reset}>
          Start over
        </button>
      </header>
      <main>
        {notices.map((n, i) => (
          <div key={n.text} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
            <strong>{n.kind === 'error' ? 'Error: ' : n.kind === 'warning' ? 'Warning: ' : ''}</strong>
            {n.text}
            <button type="button" className="link" onClick={() => dismiss(i)} aria-label="Dismiss">
              Dismiss
            </button>
          </div>
        ))}
        <StartPanel />
        <TargetPanel />
        <SourcePanel />
        <MappingPanel />
        <PreviewPanel />
      </main>
    </div>
  );
}
