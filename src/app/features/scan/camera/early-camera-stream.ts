/**
 * The camera asked for at the press, while the scanner's chunk still loads. Right after the page
 * loaded the desk's idle warm-up may not have finished evaluating the scanner's code; the press
 * then waited for the chunk and only then started the camera (getUserMedia → first frame is about
 * 120 ms on its own, bench/camera-decode.ts). Opened here, the camera starts alongside the chunk.
 * In the start bundle (a few hundred bytes), so it holds no @zxing code.
 *
 * One stream at a time, handed over once: the scanner takes it for its first start (same
 * constraints it would ask itself), or the desk drops it (stopped, also when it arrives later) when
 * the scanner closes before it took it.
 */
import { makeCameraConstraints } from './camera-constraints.ts';

let early: Promise<MediaStream> | null = null;

function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/** Asks for the camera the scanner's first start would ask for; nothing without getUserMedia. */
export function openEarlyCameraStream(): void {
  if (early || !navigator.mediaDevices?.getUserMedia) return;
  early = navigator.mediaDevices.getUserMedia(makeCameraConstraints(undefined));
  // Not unhandled while nobody waits on it: the taker sees the same rejection.
  early.catch(() => {});
}

/** The stream asked at the press, once; null when none was asked or it was taken already. */
export function takeEarlyCameraStream(): Promise<MediaStream> | null {
  const taken = early;
  early = null;
  return taken;
}

/** Stops a stream nobody took (the scanner closed before it loaded). */
export function dropEarlyCameraStream(): void {
  takeEarlyCameraStream()?.then(stopTracks, () => {});
}
