// shot.mjs - screenshots of pages for a human look: node shot.mjs URL OUT.png [width] [cookie]
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, out, width = '1280', login] = process.argv.slice(2);
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'tresen-shot-')), {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
  viewport: { width: Number(width), height: 900 },
});
const page = ctx.pages()[0] || await ctx.newPage();
if (login) {
  const base = new URL(url).origin;
  await page.goto(base + '/login');
  await page.fill('#f-email', login);
  await page.fill('#f-password', 'Tresen-Demo-2026');
  await page.click('button[type=submit]');
}
await page.goto(url);
await page.screenshot({ path: out, fullPage: true });
await ctx.close();
