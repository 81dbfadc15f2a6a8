/**
 * From one frame's reads, the text to hand to the desk, or null. A pass carries the same number as
 * Code 128 and as QR; both in one frame count once. Two different numbers in one frame (two cards
 * held up together) are ambiguous, so nothing is sent and the next frame decides.
 */
export type FrameRead = { format: string; text: string; isValid: boolean };

export const PASS_FORMATS = ['Code128', 'QRCode'] as const;

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
