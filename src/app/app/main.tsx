import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Workbox } from 'workbox-window';
import { App } from './app.tsx';
import { useUpdateStore } from './update-prompt.tsx';
import { openBuurtpasDb } from '../db/database.ts';
import { useI18nStore } from '../i18n/i18n-store.ts';
import '../ui/theme.css';

// The bundle has loaded and its modules ran; bench/cold-start.ts reads this mark.
performance.mark('buurtpas:main-start');

document.documentElement.lang = useI18nStore.getState().lang;

const db = openBuurtpasDb();

function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const wb = new Workbox('/sw.js');
  // A waiting worker is offered to the volunteer; it takes over only when they press "Vernieuwen".
  wb.addEventListener('waiting', () => {
    useUpdateStore.getState().offer(() => {
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    });
  });
  void wb.register();
}

registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App db={db} />
  </StrictMode>,
);
