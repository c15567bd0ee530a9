import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './app.css';
import { openLaunchFiles } from './launch';
import { persistSession } from './store/persist';

persistSession();
// Files named on the command line replace the restored session.
void openLaunchFiles();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
