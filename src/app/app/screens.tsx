/**
 * The app composes the features here; features never import each other. The desk is in the
 * start bundle; every other screen is its own chunk, loaded when first opened (all chunks are
 * precached by the service worker, so this works offline too).
 */
import { lazy, type ComponentType } from 'react';
import type { Screen } from '../context/nav-store.ts';
import { DeskScreen } from '../features/scan/desk-screen.tsx';
import { SyncStatus } from '../features/settings/sync-status.tsx';
import { registerMessages, type MessageSet } from '../i18n/messages.ts';

/** A screen chunk with its words: the words are registered before the screen first renders. */
function lazyScreen(load: () => Promise<{ screen: ComponentType; words: MessageSet[] }>) {
  return lazy(async () => {
    const { screen, words } = await load();
    registerMessages(...words);
    return { default: screen };
  });
}

const TodayScreen = lazyScreen(async () => {
  const [m, w] = await Promise.all([
    import('../features/today/today-screen.tsx'),
    import('../features/today/messages.ts'),
  ]);
  return { screen: m.TodayScreen, words: [w.todayMessages] };
});
const MembersScreen = lazyScreen(async () => {
  const [m, w, r, l] = await Promise.all([
    import('../features/members/members-screen.tsx'),
    import('../features/members/messages.ts'),
    import('../ui/role-messages.ts'),
    import('../features/members/location-messages.ts'),
  ]);
  return {
    screen: m.MembersScreen,
    words: [w.membersMessages, r.roleMessages, l.memberLocationMessages],
  };
});
const TreasurerScreen = lazyScreen(async () => {
  const [m, w, r] = await Promise.all([
    import('../features/treasurer/treasurer-screen.tsx'),
    import('../features/treasurer/messages.ts'),
    import('../ui/role-messages.ts'),
  ]);
  return { screen: m.TreasurerScreen, words: [w.treasurerMessages, r.roleMessages] };
});
const ReportsScreen = lazyScreen(async () => {
  const [m, w, r, f] = await Promise.all([
    import('../features/reports/reports-screen.tsx'),
    import('../features/reports/messages.ts'),
    import('../ui/role-messages.ts'),
    import('../features/reports/referral-messages.ts'),
  ]);
  return {
    screen: m.ReportsScreen,
    words: [w.reportsMessages, r.roleMessages, f.reportsReferralMessages],
  };
});
const KioskScreen = lazyScreen(async () => {
  const [m, w, r] = await Promise.all([
    import('../features/kiosk/kiosk-screen.tsx'),
    import('../features/kiosk/messages.ts'),
    import('../ui/role-messages.ts'),
  ]);
  return { screen: m.KioskScreen, words: [w.kioskMessages, r.roleMessages] };
});
/** The self check-in kiosk itself: shown instead of the whole shell while the mode is on. */
export const KioskMode = lazyScreen(async () => {
  const [m, w, r] = await Promise.all([
    import('../features/kiosk/kiosk-view.tsx'),
    import('../features/kiosk/messages.ts'),
    import('../ui/role-messages.ts'),
  ]);
  return { screen: m.KioskView, words: [w.kioskMessages, r.roleMessages] };
});
const SettingsScreen = lazyScreen(async () => {
  const [m, w, s, b] = await Promise.all([
    import('../features/settings/settings-screen.tsx'),
    import('../features/settings/messages.ts'),
    import('../features/settings/scanner-test-messages.ts'),
    import('../features/settings/backup-messages.ts'),
  ]);
  return {
    screen: m.SettingsScreen,
    words: [w.settingsMessages, s.scannerTestMessages, b.backupMessages],
  };
});

export const SCREENS: Record<Screen, { component: ComponentType }> & { statusSlot: ComponentType } =
  {
    desk: { component: DeskScreen },
    today: { component: TodayScreen },
    members: { component: MembersScreen },
    treasurer: { component: TreasurerScreen },
    reports: { component: ReportsScreen },
    settings: { component: SettingsScreen },
    kiosk: { component: KioskScreen },
    statusSlot: SyncStatus,
  };
