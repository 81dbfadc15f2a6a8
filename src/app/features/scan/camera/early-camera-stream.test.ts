import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  dropEarlyCameraStream,
  openEarlyCameraStream,
  takeEarlyCameraStream,
} from './early-camera-stream.ts';

function fakeStream() {
  const track = { stop: vi.fn() };
  return { stream: { getTracks: () => [track] } as unknown as MediaStream, track };
}

function installGetUserMedia(impl: () => Promise<MediaStream>) {
  const getUserMedia = vi.fn(impl);
  Object.defineProperty(navigator, 'mediaDevices', {
    configurable: true,
    value: { getUserMedia },
  });
  return getUserMedia;
}

afterEach(() => {
  takeEarlyCameraStream();
  Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: undefined });
});

describe('early camera stream', () => {
  it('asks once with the scanner constraints and hands the stream over once', async () => {
    const { stream } = fakeStream();
    const getUserMedia = installGetUserMedia(() => Promise.resolve(stream));
    openEarlyCameraStream();
    openEarlyCameraStream();
    expect(getUserMedia).toHaveBeenCalledTimes(1);
    expect(getUserMedia).toHaveBeenCalledWith({
      audio: false,
      video: {
        width: { ideal: 1280 },
        height: { ideal: 720 },
        facingMode: { ideal: 'environment' },
      },
    });
    await expect(takeEarlyCameraStream()).resolves.toBe(stream);
    expect(takeEarlyCameraStream()).toBeNull();
  });

  it('stops a stream nobody took, also one that arrives after the drop', async () => {
    const { stream, track } = fakeStream();
    let arrive: (s: MediaStream) => void = () => {};
    installGetUserMedia(() => new Promise((res) => (arrive = res)));
    openEarlyCameraStream();
    dropEarlyCameraStream();
    expect(takeEarlyCameraStream()).toBeNull();
    expect(track.stop).not.toHaveBeenCalled();
    arrive(stream);
    await vi.waitFor(() => expect(track.stop).toHaveBeenCalledTimes(1));
  });

  it('a refused camera is the taker’s to report, and dropping it throws nothing', async () => {
    const refused = new DOMException('no', 'NotAllowedError');
    installGetUserMedia(() => Promise.reject(refused));
    openEarlyCameraStream();
    await expect(takeEarlyCameraStream()).rejects.toBe(refused);
    openEarlyCameraStream();
    dropEarlyCameraStream();
  });

  it('asks nothing without getUserMedia (the scanner then says the camera is unsupported)', () => {
    openEarlyCameraStream();
    expect(takeEarlyCameraStream()).toBeNull();
  });
});
