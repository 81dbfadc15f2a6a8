/**
 * The stream the scanner asks for. 1280×720 is asked by constraints: zxing's
 * `decodeFromVideoDevice(undefined, …)` leaves the size to the browser, which picks 640×480 on a
 * real webcam, and a Code 128 then has too few pixels per bar. `ideal`, not `exact`, so a webcam
 * that cannot do 720p still opens.
 */
export const IDEAL_WIDTH = 1280;
export const IDEAL_HEIGHT = 720;

export function makeCameraConstraints(deviceId: string | undefined): MediaStreamConstraints {
  const video: MediaTrackConstraints = {
    width: { ideal: IDEAL_WIDTH },
    height: { ideal: IDEAL_HEIGHT },
  };
  if (deviceId) video.deviceId = { exact: deviceId };
  // Laptops have one user-facing camera; a tablet's back camera is the one that reads a pass.
  else video.facingMode = { ideal: 'environment' };
  return { audio: false, video };
}
