import { localTimeOf } from '../../../domain/amsterdam-time.ts';
import type { Lang } from '../../i18n/i18n-store.ts';
import type { Translate } from '../../i18n/use-t.ts';
import { describeContribution } from './contribution-text.ts';
import type { DeskResult } from './desk-result.ts';

/**
 * The words the desk says aloud for a result: the name, "al binnen", the contribution. Short, in
 * the order a volunteer needs them; no pass numbers (nobody can follow eight digits by ear).
 */
export function describeResultForSpeech(t: Translate, lang: Lang, result: DeskResult): string {
  switch (result.kind) {
    case 'welcome':
      return [
        t('scan.speech.welcome', { name: result.name }),
        describeContribution(t, lang, result.contribution),
      ].join('. ');
    case 'already-here':
      return [
        t('scan.speech.alreadyHere', { name: result.name, time: localTimeOf(result.sinceAt) }),
        describeContribution(t, lang, result.contribution),
      ].join('. ');
    case 'unknown':
      return t('scan.speech.unknown');
    case 'revoked':
      return t('scan.result.revoked');
    case 'invalid':
      return t('scan.result.invalid');
    case 'pass-filled':
      return t('scan.result.passFilled');
  }
}

const VOICE_LANG: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

/**
 * Says `text` with the Web Speech API in a voice of the screen's language (a Dutch voice for
 * Dutch). The previous sentence is cut off: the newest scan is the one that matters. Silent where
 * the browser has no speech.
 */
export function speak(text: string, lang: Lang): void {
  const synth = globalThis.speechSynthesis;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = VOICE_LANG[lang];
  const prefix = lang === 'nl' ? 'nl' : 'en';
  const voice = synth.getVoices().find((v) => v.lang.toLowerCase().startsWith(prefix));
  if (voice) utterance.voice = voice;
  utterance.rate = 0.95;
  synth.cancel();
  synth.speak(utterance);
}

/** Whether this browser can read aloud at all (the toggle is hidden where it cannot). */
export function canSpeak(): boolean {
  return typeof globalThis.speechSynthesis !== 'undefined';
}
