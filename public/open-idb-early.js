/*
 * Starts the browser's first IndexedDB open of this origin while the app's bundle is still being
 * loaded and parsed (docs/year-report.md, Round o15). After a browser restart Chromium's first
 * IndexedDB request of an origin reads the leftovers of every earlier write (hundreds of ms on a
 * laptop that worked for a year); the app's own first read (loadDeskSetup) would otherwise pay it
 * only after the bundle ran. A classic script of its own: the CSP allows no inline script.
 *
 * It never creates or changes the database: no version is asked, so an existing database opens
 * at its own version and is closed at once (Dexie's open, with any schema upgrade, then waits for
 * nothing); a database that does not exist yet would be created empty, so that open is aborted
 * and Dexie creates it as before. Errors are ignored: the app's own open reports them.
 */
(function openIndexedDbEarly() {
  try {
    if (typeof indexedDB === 'undefined') return;
    performance.mark('buurtpas:early-open-start');
    var request = indexedDB.open('buurtpas');
    request.onupgradeneeded = function abortCreation() {
      request.transaction.abort();
    };
    request.onsuccess = function closeAtOnce() {
      request.result.close();
      performance.mark('buurtpas:early-open-end');
    };
    request.onerror = function ignoreError(event) {
      event.preventDefault();
      performance.mark('buurtpas:early-open-end');
    };
  } catch (error) {
    // No IndexedDB here (private mode, blocked storage): the app's own open says so.
  }
})();
