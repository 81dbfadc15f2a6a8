import type { PassShape } from '../../../domain/pass-code.ts';
import { useDesk } from '../../context/desk-context.tsx';
import { useDb } from '../../db/db-context.tsx';
import { usePassShapes } from '../../db/pass-shapes-setting.ts';

/** The pass shapes this desk's room accepts (a setting under Leden → Importeren). */
export function useRoomPassShapes(): readonly PassShape[] {
  const db = useDb();
  const { writer } = useDesk();
  return usePassShapes(db, writer.locationId);
}
