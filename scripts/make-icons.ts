/**
 * One-off: renders the app icons (a pass with a barcode, as in public/favicon.svg) to PNG in
 * headless Chromium. The PNGs are committed; run again only when the design changes:
 *   npx tsx scripts/make-icons.ts
 * The maskable icon fills its square with the theme colour and keeps the pass inside the central
 * 60 %, so any mask shape (circle, squircle) leaves it whole.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const OUT = resolve(import.meta.dirname, '../public/icons');
const GREEN = '#0b5d4b';
const BARS = [
  [17, 2],
  [21, 4],
  [27, 2],
  [31, 2],
  [35, 4],
  [41, 2],
  [45, 2],
] as const;

/** The pass drawn in a 64-unit box; `scale` shrinks it around the centre (for the maskable safe zone). */
function iconSvg(size: number, options: { maskable: boolean }): string {
  const scale = options.maskable ? 0.75 : 1;
  const offset = (64 - 64 * scale) / 2;
  const bars = BARS.map(([x, w]) => `<rect x="${x}" y="24" width="${w}" height="16"/>`).join('');
  const background = options.maskable
    ? `<rect width="64" height="64" fill="${GREEN}"/>`
    : `<rect width="64" height="64" rx="12" fill="${GREEN}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 64 64">${background}<g transform="translate(${offset} ${offset}) scale(${scale})"><rect x="12" y="18" width="40" height="28" rx="4" fill="#fff"/><g fill="${GREEN}">${bars}</g></g></svg>`;
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    const icons = [
      { file: 'icon-192.png', size: 192, maskable: false },
      { file: 'icon-512.png', size: 512, maskable: false },
      { file: 'icon-maskable-512.png', size: 512, maskable: true },
    ];
    for (const icon of icons) {
      await page.setViewportSize({ width: icon.size, height: icon.size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">${iconSvg(icon.size, icon)}</body></html>`,
      );
      const png = await page.locator('svg').screenshot({ omitBackground: true });
      writeFileSync(join(OUT, icon.file), png);
      console.log(`${icon.file}: ${png.length} bytes`);
    }
  } finally {
    await browser.close();
  }
}

await main();
