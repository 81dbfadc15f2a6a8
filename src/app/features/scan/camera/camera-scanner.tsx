/**
 * The webcam scanner, loaded only when the volunteer opens it (React.lazy in the desk screen), so
 * neither this code nor the decoder is in the desk's start bundle.
 *
 * Camera handling comes from @zxing/browser (device list, attaching and releasing the stream); the
 * stream itself is asked with our own constraints (1280×720 ideal, the chosen camera), and frames
 * are decoded by zxing-wasm (see pass-decoder.ts for why not @zxing/library). A decoded number goes
 * through `onCode`, the same path as a USB scan: the desk validates it and shows the result card.
 *
 * Cost of that choice, measured (bench/bundle-size.ts, bench/camera-decode.ts): the three
 * @zxing/browser helpers used here pull all of @zxing/library into this chunk, about 125 kB of its
 * 136 kB gzip. A 15-line replacement with `enumerateDevices` and `video.srcObject` built to a 14 kB
 * chunk and opened the camera about 50 ms sooner on first use. Kept because the issue asks for
 * @zxing/browser's camera handling; swapping it is local to this file.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { BrowserCodeReader } from '@zxing/browser';
import { useT } from '../../../i18n/use-t.ts';
import { makeCameraConstraints } from './camera-constraints.ts';
import { classifyCameraError, type CameraProblem } from './classify-camera-error.ts';
import { takeEarlyCameraStream } from './early-camera-stream.ts';
import { isDecodeDue, type DecodeClock } from './is-decode-due.ts';
import { decodePassFrame, prepareDecoder } from './pass-decoder.ts';
import { suppressHeldPass, type Sighting } from './suppress-held-pass.ts';
import './camera-scanner.css';

export type CameraScannerProps = { onCode: (code: string) => void; onClose: () => void };

type CameraState =
  { phase: 'starting' } | { phase: 'scanning' } | { phase: 'failed'; problem: CameraProblem };

type VideoInput = { deviceId: string; label: string };

function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

export function CameraScanner({ onCode, onClose }: CameraScannerProps) {
  const t = useT();
  const titleId = useId();
  const selectId = useId();
  const videoRef = useRef<HTMLVideoElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const onCodeRef = useRef(onCode);
  const [chosenDevice, setChosenDevice] = useState<string | undefined>(undefined);
  const [activeDevice, setActiveDevice] = useState<string>('');
  const [devices, setDevices] = useState<VideoInput[]>([]);
  const [state, setState] = useState<CameraState>({ phase: 'starting' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);

  useEffect(() => {
    closeRef.current?.focus();
  }, []);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    // The stream can arrive after the scanner was closed (zxing-js/browser #28): every async step
    // checks this flag, and a late stream is stopped at once so the camera light goes off.
    let cancelled = false;
    // A failure ends this attempt: a later step of the start (the stream arriving, the first
    // frame) must not overwrite the message with "scanning".
    let failed = false;
    let stream: MediaStream | null = null;
    let frameRequest = 0;
    let sighting: Sighting = null;
    const clock: DecodeClock = { lastStartMs: null, busy: false, lastFrameTime: null };
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });

    const fail = (problem: CameraProblem) => {
      if (cancelled || failed) return;
      failed = true;
      cancelAnimationFrame(frameRequest);
      if (stream) stopStream(stream);
      setState({ phase: 'failed', problem });
    };

    const scanFrame = () => {
      if (cancelled || failed) return;
      frameRequest = requestAnimationFrame(scanFrame);
      const now = performance.now();
      const width = video.videoWidth;
      const height = video.videoHeight;
      if (!context || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || width === 0) return;
      if (!isDecodeDue(clock, now, video.currentTime)) return;
      clock.busy = true;
      clock.lastStartMs = now;
      clock.lastFrameTime = video.currentTime;
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      context.drawImage(video, 0, 0, width, height);
      const frame = context.getImageData(0, 0, width, height);
      decodePassFrame(frame).then(
        (code) => {
          clock.busy = false;
          if (cancelled || failed) return;
          const next = suppressHeldPass(sighting, code, performance.now());
          sighting = next.sighting;
          if (next.send !== null) onCodeRef.current(next.send);
        },
        () => {
          clock.busy = false;
          fail('decoder-failed');
        },
      );
    };

    async function start(): Promise<void> {
      setState({ phase: 'starting' });
      // Compile the decoder while the camera warms up, not on the first frame with a card in it.
      void prepareDecoder().catch(() => fail('decoder-failed'));
      // The desk asked for the camera at the press when this code was still loading: the first
      // start (no camera chosen, no retry) takes that stream, asked with the same constraints.
      const early = chosenDevice === undefined && attempt === 0 ? takeEarlyCameraStream() : null;
      if (!early && !navigator.mediaDevices?.getUserMedia) return fail('camera-unsupported');
      let opened: MediaStream;
      try {
        opened = await (early ??
          navigator.mediaDevices.getUserMedia(makeCameraConstraints(chosenDevice)));
      } catch (e) {
        return fail(classifyCameraError(e));
      }
      if (cancelled || failed) return stopStream(opened);
      stream = opened;
      const track = opened.getVideoTracks()[0];
      track?.addEventListener('ended', () => fail('camera-missing'));
      setActiveDevice(track?.getSettings().deviceId ?? '');
      BrowserCodeReader.addVideoSource(video!, opened);
      try {
        await video!.play();
      } catch (e) {
        // play() is interrupted when the element is cleaned up by a close during start.
        if (cancelled) return;
        return fail(classifyCameraError(e));
      }
      if (cancelled || failed) return;
      setState({ phase: 'scanning' });
      frameRequest = requestAnimationFrame(scanFrame);
      // Labels are only given once the camera is allowed, so the list is read after the stream.
      try {
        const inputs = await BrowserCodeReader.listVideoInputDevices();
        if (!cancelled) setDevices(inputs.map((d) => ({ deviceId: d.deviceId, label: d.label })));
      } catch {
        // Without a device list the volunteer keeps the camera the browser chose.
      }
    }

    void start();
    return () => {
      cancelled = true;
      cancelAnimationFrame(frameRequest);
      if (stream) stopStream(stream);
      BrowserCodeReader.cleanVideoSource(video);
    };
  }, [chosenDevice, attempt]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <section
      className="camera-scanner"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
    >
      <div className="camera-scanner-top">
        <h2 id={titleId}>{t('scan.camera.title')}</h2>
        <button ref={closeRef} type="button" className="secondary" onClick={onClose}>
          {t('scan.camera.close')}
        </button>
      </div>
      {devices.length > 1 && (
        <div className="camera-scanner-choose">
          <label htmlFor={selectId}>{t('scan.camera.choose')}</label>
          <select
            id={selectId}
            value={activeDevice}
            onChange={(e) => setChosenDevice(e.target.value)}
          >
            {devices.map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || t('scan.camera.unnamed', { number: i + 1 })}
              </option>
            ))}
          </select>
        </div>
      )}
      <video
        ref={videoRef}
        className="camera-scanner-video"
        muted
        playsInline
        aria-label={t('scan.camera.preview')}
      />
      {state.phase === 'failed' ? (
        <div className="camera-scanner-problem" role="alert">
          <p>{t(`scan.camera.error.${state.problem}`)}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('scan.camera.retry')}
          </button>
        </div>
      ) : (
        <p className="camera-scanner-status" role="status">
          {state.phase === 'starting' ? t('scan.camera.starting') : t('scan.camera.hint')}
        </p>
      )}
    </section>
  );
}

export default CameraScanner;
