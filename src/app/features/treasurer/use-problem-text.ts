import { useCallback } from 'react';
import { formatMoney } from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/use-t.ts';

/** Words for a refusal code from src/domain or src/app/db; vars fill the year or amount in. */
export function useProblemText() {
  const t = useT();
  const lang = useLang();
  return useCallback(
    (problem: string, vars: { year?: number; openCents?: number } = {}) =>
      t(`treasurer.problem.${problem}`, {
        year: vars.year ?? '',
        open: formatMoney(vars.openCents ?? 0, lang),
      }),
    [t, lang],
  );
}
