import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useI18nStore } from '../../../i18n/i18n-store.ts';

// The wasm decoder does not run in jsdom; the frame loop is covered in Chromium
// (tests/e2e/camera-scan.test.ts). Here: opening, failing, choosing and closing the camera.
vi.mock('./pass-decoder.ts', () => ({
  prepareDecoder: vi.fn(() => Promise.resolve()),
  decodePassFrame: vi.fn(() => Promise.resolve(null)),
}));

const { CameraScanner } = await import('./camera-scanner.tsx');
const { openEarlyCameraStream, takeEarlyCameraStream } = await import('./early-camera-stream.ts');
const decoder = await import('./pass-decoder.ts');

/** A video element that plays: it has a size, data, and a new frame on every read. */
function stubPlayingVideo() {
  vi.spyOn(HTMLVideoElement.prototype, 'videoWidth', 'get').mockReturnValue(1280);
  vi.spyOn(HTMLVideoElement.prototype, 'videoHeight', 'get').mockReturnValue(720);
  vi.spyOn(HTMLMediaElement.prototype, 'readyState', 'get').mockReturnValue(
    HTMLMediaElement.HAVE_ENOUGH_DATA,
  );
  vi.spyOn(HTMLMediaElement.prototype, 'currentTime', 'get').mockImplementation(() =>
    performance.now(),
  );
  const context = {
    drawImage: vi.fn(),
    getImageData: vi.fn(() => ({ width: 1280, height: 720, data: new Uint8ClampedArray(4) })),
  };
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
    (() => context) as unknown as HTMLCanvasElement['getContext'],
  );
}

type FakeTrack = {
  stop: ReturnType<typeof vi.fn>;
  getSettings: () => MediaTrackSettings;
  addEventListener: () => void;
  kind: string;
};

function makeStream(deviceId = 'cam-1'): { stream: MediaStream; track: FakeTrack } {
  const track: FakeTrack = {
    stop: vi.fn(),
    getSettings: () => ({ deviceId, width: 1280, height: 720 }),
    addEventListener: () => {},
    kind: 'video',
  };
  const stream = {
    getTracks: () => [track],
    getVideoTracks: () => [track],
  } as unknown as MediaStream;
  return { stream, track };
}

function installMediaDevices(
  getUserMedia: (c: MediaStreamConstraints) => Promise<MediaStream>,
  devices: Partial<MediaDeviceInfo>[] = [],
) {
  Object.defineProperty(navigator, 'mediaDevices', {
    configurable: true,
    value: {
      getUserMedia: vi.fn(getUserMedia),
      enumerateDevices: vi.fn(() =>
        Promise.resolve(
          devices.map((d) => ({ kind: 'videoinput', groupId: 'g', label: '', deviceId: '', ...d })),
        ),
      ),
    },
  });
  return navigator.mediaDevices as unknown as { getUserMedia: ReturnType<typeof vi.fn> };
}

beforeEach(() => {
  useI18nStore.setState({ lang: 'nl' });
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve());
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => {});
  // jsdom has no srcObject; @zxing/browser sets and clears it.
  Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
    configurable: true,
    writable: true,
    value: null,
  });
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => null);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('CameraScanner', () => {
  it('asks the camera for 1280×720 and says how to hold the pass', async () => {
    const { stream } = makeStream();
    const media = installMediaDevices(
      () => Promise.resolve(stream),
      [{ deviceId: 'cam-1', label: 'Ingebouwde camera' }],
    );
    render(<CameraScanner onCode={() => {}} onClose={() => {}} />);
    expect(await screen.findByText(/Houd de pas voor de camera/)).toBeInTheDocument();
    expect(media.getUserMedia).toHaveBeenCalledWith({
      audio: false,
      video: {
        width: { ideal: 1280 },
        height: { ideal: 720 },
        facingMode: { ideal: 'environment' },
      },
    });
  });

  it.each([
    ['NotAllowedError', /mag de camera niet gebruiken/],
    ['NotFoundError', /geen camera gevonden/],
    ['NotReadableError', /camera is bezet/],
  ])('explains %s in Dutch and offers to try again', async (name, text) => {
    const media = installMediaDevices(() => Promise.reject(new DOMException('no', name)));
    const user = userEvent.setup();
    render(<CameraScanner onCode={() => {}} onClose={() => {}} />);
    expect(await screen.findByRole('alert')).toHaveTextContent(text);
    await user.click(screen.getByRole('button', { name: 'Opnieuw proberen' }));
    await waitFor(() => expect(media.getUserMedia).toHaveBeenCalledTimes(2));
  });

  it('speaks English when the volunteer chose English', async () => {
    useI18nStore.setState({ lang: 'en' });
    installMediaDevices(() => Promise.reject(new DOMException('no', 'NotReadableError')));
    render(<CameraScanner onCode={() => {}} onClose={() => {}} />);
    expect(await screen.findByRole('alert')).toHaveTextContent(/in use by another program/);
  });

  it('closes with Escape, with focus on the close button from the start', async () => {
    const { stream, track } = makeStream();
    installMediaDevices(() => Promise.resolve(stream));
    const onClose = vi.fn();
    const user = userEvent.setup();
    render(<CameraScanner onCode={() => {}} onClose={onClose} />);
    expect(screen.getByRole('button', { name: 'Camera sluiten' })).toHaveFocus();
    await screen.findByText(/Houd de pas/);
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(track.stop).not.toHaveBeenCalled();
  });

  it('stops the camera when it is closed', async () => {
    const { stream, track } = makeStream();
    installMediaDevices(() => Promise.resolve(stream));
    const view = render(<CameraScanner onCode={() => {}} onClose={() => {}} />);
    await screen.findByText(/Houd de pas/);
    view.unmount();
    expect(track.stop).toHaveBeenCalled();
  });

  it('plays the stream the desk asked for at the press instead of asking again', async () => {
    const { stream } = makeStream();
    const media = installMediaDevices(() => Promise.resolve(stream));
    openEarlyCameraStream();
    render(<CameraScanner onCode={() => {}} onClose={() => {}} />);
    expect(await screen.findByText(/Houd de pas voor de camera/)).toBeInTheDocument();
    expect(media.getUserMedia).toHaveBeenCalledTimes(1);
    expect(takeEarlyCameraStream()).toBeNull();
    expect(document.querySelector('video')?.srcObject).toBe(stream);
  });

  it('stops a stream that arrives after the scanner was closed (zxing-js/browser #28)', async () => {
    const { stream, track } = makeStream();
    let deliver: (s: MediaStream) => void = () => {};
    installMediaDevices(() => new Promise((res) => (deliver = res)));
    const view = render(<CameraScanner onCode={() => {}} onClose={() => {}} />);
    view.unmount();
    await act(async () => deliver(stream));
    expect(track.stop).toHaveBeenCalled();
  });

  it('sends a card held in view to the desk once, through onCode', async () => {
    const { stream } = makeStream();
    installMediaDevices(() => Promise.resolve(stream));
    stubPlayingVideo();
    const decode = vi.mocked(decoder.decodePassFrame);
    decode.mockClear();
    decode.mockResolvedValue('12345678');
    const onCode = vi.fn();
    render(<CameraScanner onCode={onCode} onClose={() => {}} />);
    // Many frames with the same card in them…
    await waitFor(() => expect(decode.mock.calls.length).toBeGreaterThanOrEqual(4), {
      timeout: 30_000,
    });
    // …and the desk heard of it once.
    expect(onCode.mock.calls).toEqual([['12345678']]);
    decode.mockResolvedValue(null);
  });

  it('says the camera cannot read passes when the decoder does not load', async () => {
    const { stream, track } = makeStream();
    installMediaDevices(() => Promise.resolve(stream));
    vi.mocked(decoder.prepareDecoder).mockRejectedValueOnce(new Error('wasm fetch failed'));
    render(<CameraScanner onCode={() => {}} onClose={() => {}} />);
    expect(await screen.findByRole('alert')).toHaveTextContent(/kan de pas nu niet lezen/);
    // The stream that arrived after the failure is not left running behind the message.
    await waitFor(() => expect(track.stop).toHaveBeenCalled());
    expect(screen.queryByText(/Houd de pas/)).toBeNull();
  });

  it('lets the volunteer choose another camera, asked by its exact id', async () => {
    const { stream } = makeStream('cam-1');
    const media = installMediaDevices(
      () => Promise.resolve(stream),
      [
        { deviceId: 'cam-1', label: 'Ingebouwde camera' },
        { deviceId: 'cam-2', label: 'USB-webcam' },
      ],
    );
    const user = userEvent.setup();
    render(<CameraScanner onCode={() => {}} onClose={() => {}} />);
    const select = await screen.findByLabelText('Camera');
    expect(select).toHaveValue('cam-1');
    await user.selectOptions(select, 'USB-webcam');
    await waitFor(() =>
      expect(media.getUserMedia).toHaveBeenLastCalledWith({
        audio: false,
        video: { width: { ideal: 1280 }, height: { ideal: 720 }, deviceId: { exact: 'cam-2' } },
      }),
    );
  });
});
