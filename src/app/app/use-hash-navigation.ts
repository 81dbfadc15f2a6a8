import { useEffect } from 'react';
import { useNavStore } from '../context/nav-store.ts';

/**
 * A feature links to another screen's panel by a plain `href="#panel-id"` (features never import
 * each other nor the navigation): the shell opens the screen that holds that panel.
 */
const SCREEN_OF_HASH: Record<string, 'settings'> = {
  '#scanner-test': 'settings',
  '#laptop-backup': 'settings',
};

export function useHashNavigation(): void {
  useEffect(() => {
    const follow = () => {
      const screen = SCREEN_OF_HASH[window.location.hash];
      if (screen) useNavStore.getState().go(screen);
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
}
