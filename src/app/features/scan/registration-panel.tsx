import {
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { localYearOf } from '../../../domain/amsterdam-time.ts';
import { DEFAULT_CONTRIBUTION_CENTS } from '../../../domain/catalog.ts';
import type { ReferralSource } from '../../../domain/events.ts';
import { makePassCode, validatePassCode } from '../../../domain/pass-code.ts';
import { validateRegistration, type RegistrationInput } from '../../../domain/registration.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { registerClient } from '../../db/desk-actions.ts';
import { formatMoney } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/use-t.ts';
import type { DeskWork } from './desk-work.ts';

export type RegistrationDraft = RegistrationInput & { passCode: string };

export const EMPTY_DRAFT: RegistrationDraft = {
  passCode: '',
  name: '',
  phone: '',
  postcode: '',
  birthYear: '',
  becomesMember: true,
  referral: '',
  consent: false,
};

type FieldName = keyof RegistrationDraft;

/** The order errors are visited in: the first one gets the focus. */
const FIELD_ORDER: readonly FieldName[] = [
  'passCode',
  'name',
  'phone',
  'postcode',
  'birthYear',
  'consent',
];

const REFERRALS: readonly (ReferralSource | '')[] = ['', 'wpi', 'rve', 'other'];

/** Digits for a new pass number from the writer's random bytes (seeded in tests). */
export function makeNewPassCode(random: (n: number) => Uint8Array): string {
  const digits = Array.from(random(12), (b) => String(b % 10)).join('');
  return makePassCode(digits);
}

/**
 * A newcomer, with the scanned code filled in. Not a modal: scanning goes on while it is open,
 * and the typed details live in the desk screen, so closing (Escape) and reopening loses nothing.
 * Rules come from src/domain (`validateRegistration`, `validatePassCode`); this only words them.
 */
export function RegistrationPanel({
  draft,
  onChange,
  onClose,
  onRegistered,
  work,
}: {
  draft: RegistrationDraft;
  onChange: (update: (d: RegistrationDraft) => RegistrationDraft) => void;
  onClose: () => void;
  onRegistered: (memberId: string, name: string) => void;
  work: DeskWork;
}) {
  const t = useT();
  const lang = useLang();
  const db = useDb();
  const { writer, now } = useDesk();
  const ids = { heading: useId(), form: useId() };
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // Opening the panel puts the cursor where typing starts: the name (the pass is usually scanned).
    formRef.current?.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
  }, []);

  const fieldId = (name: FieldName) => `${ids.form}-${name}`;
  const errorId = (name: FieldName) => `${ids.form}-${name}-error`;
  const set = <K extends FieldName>(name: K, value: RegistrationDraft[K]) =>
    onChange((d) => ({ ...d, [name]: value }));

  const focusFirstError = (found: Partial<Record<FieldName, string>>) => {
    const first = FIELD_ORDER.find((f) => found[f]);
    if (first) document.getElementById(fieldId(first))?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const found: Partial<Record<FieldName, string>> = {};
    let passCode: string | null = null;
    if (draft.passCode.trim() !== '') {
      const pass = validatePassCode(draft.passCode);
      if (pass.ok) passCode = pass.code;
      else found.passCode = t(`scan.invalid.${pass.reason}`);
    }
    const checked = validateRegistration(draft, localYearOf(now()));
    if (!checked.ok)
      for (const [field, code] of Object.entries(checked.errors))
        found[field as FieldName] = t(`scan.register.error.${code}`);
    if (Object.keys(found).length > 0 || !checked.ok) {
      setErrors(found);
      focusFirstError(found);
      return;
    }
    setBusy(true);
    const result = await work.run(() => registerClient(db, writer, checked.value, passCode, now()));
    setBusy(false);
    if (!result) return;
    if (!result.ok) {
      const taken = { passCode: t('scan.register.error.pass-taken') };
      setErrors(taken);
      focusFirstError(taken);
      return;
    }
    setErrors({});
    onRegistered(result.memberId, checked.value.name);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };

  const described = (name: FieldName, hint?: string) =>
    [hint, errors[name] ? errorId(name) : undefined].filter(Boolean).join(' ') || undefined;

  const textField = (
    name: 'passCode' | 'name' | 'phone' | 'postcode' | 'birthYear',
    label: string,
    extra: {
      required?: boolean;
      inputMode?: 'numeric' | 'tel' | 'text';
      autoComplete?: string;
      hint?: ReactNode;
      after?: ReactNode;
    } = {},
  ) => {
    const hintId = extra.hint ? `${fieldId(name)}-hint` : undefined;
    return (
      <div className={`field${errors[name] ? ' field-invalid' : ''}`}>
        <label htmlFor={fieldId(name)}>
          {label}{' '}
          <span className="field-note">
            {extra.required ? t('scan.register.required') : t('scan.register.optional')}
          </span>
        </label>
        {extra.hint && (
          <p id={hintId} className="hint">
            {extra.hint}
          </p>
        )}
        <div className="field-row">
          <input
            id={fieldId(name)}
            name={name}
            type="text"
            inputMode={extra.inputMode}
            autoComplete={extra.autoComplete ?? 'off'}
            spellCheck={false}
            value={draft[name]}
            aria-invalid={errors[name] ? true : undefined}
            aria-describedby={described(name, hintId)}
            onChange={(e) => set(name, e.target.value)}
          />
          {extra.after}
        </div>
        {errors[name] && (
          <p id={errorId(name)} className="field-error">
            {errors[name]}
          </p>
        )}
      </div>
    );
  };

  return (
    <section className="panel registration" aria-labelledby={ids.heading} onKeyDown={onKeyDown}>
      <div className="registration-head">
        <h2 id={ids.heading}>{t('scan.register.heading')}</h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('scan.register.close')}
        </button>
      </div>
      <form ref={formRef} onSubmit={submit} noValidate>
        {Object.keys(errors).length > 0 && (
          <p className="form-error" role="alert">
            {t('scan.register.hasErrors')}
          </p>
        )}
        {textField('passCode', t('scan.register.pass'), {
          inputMode: 'numeric',
          hint: t('scan.register.passHint'),
          after: (
            <button
              type="button"
              className="secondary"
              onClick={() => set('passCode', makeNewPassCode(writer.random))}
            >
              {t('scan.register.newPass')}
            </button>
          ),
        })}
        {textField('name', t('scan.register.name'), { required: true })}
        <div className="field-grid">
          {textField('phone', t('scan.register.phone'), { inputMode: 'tel' })}
          {textField('postcode', t('scan.register.postcode'))}
          {textField('birthYear', t('scan.register.birthYear'), { inputMode: 'numeric' })}
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.becomesMember}
            onChange={(e) => set('becomesMember', e.target.checked)}
          />
          <span>
            {t('scan.register.member', { amount: formatMoney(DEFAULT_CONTRIBUTION_CENTS, lang) })}
          </span>
        </label>
        <fieldset className="referral">
          <legend>{t('scan.register.referral')}</legend>
          <div className="radio-row">
            {REFERRALS.map((r) => (
              <label key={r || 'none'} className="radio">
                <input
                  type="radio"
                  name={`${ids.form}-referral`}
                  value={r}
                  checked={draft.referral === r}
                  onChange={() => set('referral', r)}
                />
                <span>{t(`scan.register.referral.${r || 'none'}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className={`field${errors.consent ? ' field-invalid' : ''}`}>
          <label className="check">
            <input
              id={fieldId('consent')}
              type="checkbox"
              checked={draft.consent}
              aria-invalid={errors.consent ? true : undefined}
              aria-describedby={errors.consent ? errorId('consent') : undefined}
              onChange={(e) => set('consent', e.target.checked)}
            />
            <span>{t('scan.register.consent')}</span>
          </label>
          {errors.consent && (
            <p id={errorId('consent')} className="field-error">
              {errors.consent}
            </p>
          )}
        </div>
        <button type="submit" className="register-submit" disabled={busy}>
          {t('scan.register.submit')}
        </button>
      </form>
    </section>
  );
}
