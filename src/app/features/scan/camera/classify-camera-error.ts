/**
 * What went wrong when opening the camera, as a code the scanner words in the volunteer's language.
 * Browsers name the same failure differently (Chromium's old `TrackStartError`, Firefox's
 * `PermissionDeniedError`), so the names are mapped here, in one place.
 */
export type CameraProblem =
  | 'camera-missing'
  | 'camera-denied'
  | 'camera-busy'
  | 'camera-unsupported'
  | 'decoder-failed'
  | 'camera-failed';

export function classifyCameraError(error: unknown): CameraProblem {
  const name =
    typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'camera-denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError': // a chosen camera that was unplugged fails its `exact` deviceId
    case 'ConstraintNotSatisfiedError':
      return 'camera-missing';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'camera-busy';
    case 'TypeError':
      // getUserMedia is missing outside a secure context (http on another host than localhost).
      return 'camera-unsupported';
    default:
      return 'camera-failed';
  }
}
