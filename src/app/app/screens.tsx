/**
 * The app composes the features here; features never import each other. The desk is in the
 * start bundle; every other screen is its own chunk, loaded when first opened (all chunks are
 * precached by the service worker, so this works offline too).
 */
import { lazy, type ComponentType } from 'react';
import type { Screen } from './nav-store.ts';
import { DeskScreen } from '../features/scan/desk-screen.tsx';
import { SyncStatus } from '../features/settings/sync-status.tsx';

const TodayScreen = lazy(() => import('../features/today/today-screen.tsx').then((m) => ({ default: m.TodayScreen })));
const MembersScreen = lazy(() => import('../features/members/members-screen.tsx').then((m) => ({ default: m.MembersScreen })));
const TreasurerScreen = lazy(() => import('../features/treasurer/treasurer-screen.tsx').then((m) => ({ default: m.TreasurerScreen })));
const ReportsScreen = lazy(() => import('../features/reports/reports-screen.tsx').then((m) => ({ default: m.ReportsScreen })));
const SettingsScreen = lazy(() => import('../features/settings/settings-screen.tsx').then((m) => ({ default: m.SettingsScreen })));

export const SCREENS: Record<Screen, { component: ComponentType }> & { statusSlot: ComponentType } = {
  desk: { component: DeskScreen },
  today: { component: TodayScreen },
  members: { component: MembersScreen },
  treasurer: { component: TreasurerScreen },
  reports: { component: ReportsScreen },
  settings: { component: SettingsScreen },
  statusSlot: SyncStatus,
};
