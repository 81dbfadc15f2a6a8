import { create } from 'zustand';
import type { GatedRole } from '../../domain/role-pin.ts';
import type { RoleSigner } from './role-pin-hash.ts';

/**
 * Which roles are unlocked on this laptop right now, and when someone last touched the screen.
 * Short-lived UI state (lost on reload, on purpose: a reload asks for the PIN again). Kept
 * outside the gate so moving between screens of the same role does not ask again; leaving the
 * role's screens (a scan hands off to the desk), hiding the tab or 5 quiet minutes lock it.
 */
type RoleSessionState = {
  lastActivity: Partial<Record<GatedRole, number>>;
  /** The unlocked role's signing key (memory only; gone on lock and reload). */
  signers: Partial<Record<GatedRole, RoleSigner>>;
  /** How many gates of each role are on screen: leaving the last one locks the role. */
  mounted: Partial<Record<GatedRole, number>>;
  unlock: (role: GatedRole, nowMs: number, signer?: RoleSigner) => void;
  setSigner: (role: GatedRole, signer: RoleSigner | undefined) => void;
  mount: (role: GatedRole) => void;
  unmount: (role: GatedRole) => void;
  touch: (role: GatedRole, nowMs: number) => void;
  lock: (role: GatedRole) => void;
};

export const useRoleSessionStore = create<RoleSessionState>((set) => ({
  lastActivity: {},
  signers: {},
  mounted: {},
  unlock: (role, nowMs, signer) =>
    set((s) => ({
      lastActivity: { ...s.lastActivity, [role]: nowMs },
      signers: { ...s.signers, [role]: signer },
    })),
  setSigner: (role, signer) => set((s) => ({ signers: { ...s.signers, [role]: signer } })),
  mount: (role) => set((s) => ({ mounted: { ...s.mounted, [role]: (s.mounted[role] ?? 0) + 1 } })),
  unmount: (role) =>
    set((s) => ({ mounted: { ...s.mounted, [role]: Math.max(0, (s.mounted[role] ?? 0) - 1) } })),
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
      const signers = { ...s.signers };
      delete signers[role];
      return { lastActivity: next, signers };
    }),
}));
