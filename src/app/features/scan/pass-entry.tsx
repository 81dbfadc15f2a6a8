import { type FormEvent, memo, useId, useState } from 'react';
import { useT } from '../../i18n/use-t.ts';

/**
 * The always-there "type the pass number" field. Enter submits through exactly the same handler
 * as a scan. A wrong number stays in the field, selected, so it can be corrected at once.
 */
export const PassEntry = memo(function PassEntry({
  onCode,
}: {
  onCode: (raw: string) => Promise<boolean>;
}) {
  const t = useT();
  const id = useId();
  const [value, setValue] = useState('');
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const input = e.currentTarget.elements.namedItem('pass') as HTMLInputElement | null;
    const ok = await onCode(value);
    if (ok) setValue('');
    else input?.select();
  };
  return (
    <form className="pass-entry" onSubmit={submit}>
      <label htmlFor={id}>{t('scan.type.label')}</label>
      <div className="pass-entry-row">
        <input
          id={id}
          name="pass"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit">{t('scan.type.submit')}</button>
      </div>
    </form>
  );
});
