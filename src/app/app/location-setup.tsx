import { LOCATIONS } from '../../domain/catalog.ts';
import { useDb } from '../db/db-context.tsx';
import { saveLocation } from '../db/desk-setup.ts';
import { useT } from '../i18n/use-t.ts';
import { LanguageToggle } from '../ui/language-toggle.tsx';
import { StoragePanel } from '../ui/storage-panel.tsx';

/** First start: the volunteer picks this laptop's location from the list (data, not code). */
export function LocationSetup({ onChosen }: { onChosen: (locationId: string) => void }) {
  const t = useT();
  const db = useDb();
  return (
    <main className="setup">
      <div className="setup-top">
        <h1>{t('setup.title')}</h1>
        <LanguageToggle />
      </div>
      <p className="lead">{t('setup.intro')}</p>
      <ul className="location-choices">
        {LOCATIONS.map((l) => (
          <li key={l.id}>
            <button
              type="button"
              className="big-choice"
              onClick={async () => {
                await saveLocation(db, l.id);
                onChosen(l.id);
              }}
            >
              <span className="choice-name">{t('setup.choose', { name: l.name })}</span>
              <span className="choice-area">{l.area}</span>
            </button>
          </li>
        ))}
      </ul>
      <StoragePanel askOnMount />
    </main>
  );
}
