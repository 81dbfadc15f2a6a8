/**
 * From one frame's reads, the text to hand to the desk, or null. A pass carries the same number as
 * Code 128 and as QR; both in one frame count once. Two different numbers in one frame (two cards
 * held up together) are ambiguous, so nothing is sent and the next frame decides.
 */
export type FrameRead = { format: string; text: string; isValid: boolean };

/**
 * Buurtpas prints Code 128 and QR; passes a room handed out before Buurtpas may carry Code 39 or
 * EAN-13 (docs/import.md). The desk then checks the text against the room's pass shapes.
 */
export const PASS_FORMATS = ['Code128', 'Code39', 'EAN13', 'QRCode'] as const;

export function pickPassText(reads: readonly FrameRead[]): string | null {
  const texts = new Set<string>();
  for (const r of reads) {
    if (!r.isValid || r.text === '') continue;
    if (!(PASS_FORMATS as readonly string[]).includes(r.format)) continue;
    texts.add(r.text);
  }
  if (texts.size !== 1) return null;
  const [only] = texts;
  return only ?? null;
}
