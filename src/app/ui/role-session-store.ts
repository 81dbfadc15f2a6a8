import { create } from 'zustand';
import type { GatedRole } from '../../domain/role-pin.ts';

/**
 * Which roles are unlocked on this laptop right now, and when someone last touched the screen.
 * Short-lived UI state (lost on reload, on purpose: a reload asks for the PIN again). Kept
 * outside the gate so switching to the desk screen and back within the inactivity time does not
 * ask again.
 */
type RoleSessionState = {
  lastActivity: Partial<Record<GatedRole, number>>;
  unlock: (role: GatedRole, nowMs: number) => void;
  touch: (role: GatedRole, nowMs: number) => void;
  lock: (role: GatedRole) => void;
};

export const useRoleSessionStore = create<RoleSessionState>((set) => ({
  lastActivity: {},
  unlock: (role, nowMs) => set((s) => ({ lastActivity: { ...s.lastActivity, [role]: nowMs } })),
  touch: (role, nowMs) =>
    set((s) =>
      s.lastActivity[role] === undefined
        ? s
        : { lastActivity: { ...s.lastActivity, [role]: nowMs } },
    ),
  lock: (role) =>
    set((s) => {
      const next = { ...s.lastActivity };
      delete next[role];
      return { lastActivity: next };
    }),
}));
