/**
 * The app composes the features here; features never import each other.
 */
import type { ComponentType } from 'react';
import type { Screen } from './nav-store.ts';
import { DeskScreen } from '../features/scan/desk-screen.tsx';
import { TodayScreen } from '../features/today/today-screen.tsx';
import { MembersScreen } from '../features/members/members-screen.tsx';
import { SettingsScreen } from '../features/settings/settings-screen.tsx';
import { TreasurerScreen } from '../features/treasurer/treasurer-screen.tsx';
import { ReportsScreen } from '../features/reports/reports-screen.tsx';
import { SyncStatus } from '../features/settings/sync-status.tsx';

export const SCREENS: Record<Screen, { component: ComponentType }> & { statusSlot: ComponentType } = {
  desk: { component: DeskScreen },
  today: { component: TodayScreen },
  members: { component: MembersScreen },
  treasurer: { component: TreasurerScreen },
  reports: { component: ReportsScreen },
  settings: { component: SettingsScreen },
  statusSlot: SyncStatus,
};
