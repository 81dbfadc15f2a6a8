import { create } from 'zustand';
import { useT } from '../i18n/use-t.ts';

type UpdateState = {
  waiting: (() => void) | null;
  offer: (apply: () => void) => void;
  dismiss: () => void;
};

/** Set by the service worker registration in main.tsx when a new version is waiting. */
export const useUpdateStore = create<UpdateState>((set) => ({
  waiting: null,
  offer: (apply) => set({ waiting: apply }),
  dismiss: () => set({ waiting: null }),
}));

/** A new version is offered, never forced: it reloads only when the volunteer says so. */
export function UpdatePrompt() {
  const t = useT();
  const waiting = useUpdateStore((s) => s.waiting);
  const dismiss = useUpdateStore((s) => s.dismiss);
  if (!waiting) return null;
  return (
    <div className="update-banner" role="status">
      <span>{t('app.update.available')}</span>
      <button type="button" onClick={waiting}>
        {t('app.update.reload')}
      </button>
      <button type="button" className="secondary" onClick={dismiss}>
        {t('app.update.later')}
      </button>
    </div>
  );
}
