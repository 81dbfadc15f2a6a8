/**
 * zod, configured once for every part: jitless. zod v4 otherwise probes `new Function('')` when
 * the first object schema is built (at module load), which our Content-Security-Policy blocks and
 * reports as a console error on every page. Everyone imports `z` from here, never from 'zod', so
 * the setting is made before any schema exists (lint says so).
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
