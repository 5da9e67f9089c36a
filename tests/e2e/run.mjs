// run.mjs - browser journeys in Debian's headless chromium (playwright-core), TAP output.
// Reads the test stack from $TRESEN_STACK; screenshots go to <stack>/shots/.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WIDE, axe, reviewPages } from './lib.mjs';

const stack = JSON.parse(readFileSync(process.env.TRESEN_STACK, 'utf8'));
const shots = join(stack.dir, 'shots');
mkdirSync(shots, { recursive: true });

const here = dirname(fileURLToPath(import.meta.url));
const journeys = [];
// TRESEN_JOURNEYS=05,03 runs only the journeys whose file names start so (while working on one)
const only = (process.env.TRESEN_JOURNEYS || '').split(',').filter(Boolean);
for (const f of readdirSync(join(here, 'journeys')).filter((f) => f.endsWith('.mjs')).sort()) {
  if (only.length && !only.some((p) => f.startsWith(p))) continue;
  const mod = await import(join(here, 'journeys', f));
  for (const [name, fn] of Object.entries(mod)) journeys.push({ name: `${f.replace('.mjs', '')}: ${name}`, fn });
}

const launch = () => chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'tresen-e2e-')), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
  viewport: WIDE,
  locale: 'de-DE',
});

console.log(`1..${journeys.length}`);
const reviewed = new Set();
let failed = 0;
let n = 0;
for (const j of journeys) {
  n++;
  const ctx = await launch();
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = [];
  const visited = [];
  page.on('framenavigated', (f) => { if (f === page.mainFrame() && f.url().startsWith(stack.url)) visited.push(f.url()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  // a form answered with 4xx is expected in some journeys; everything else is a failure
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4/.test(m.text()))
      errors.push(m.text());
  });
  try {
    // a journey's screenshots mark the states worth checking: axe looks at each one as it is
    const shot = async (name) => {
      await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
      await axe(page, name);
    };
    // a journey that changes who is signed in reviews its pages while they are still theirs
    const review = (urls) => reviewPages(page, urls.map((u) => stack.url + u), shots, j.name.split(':')[0], reviewed);
    await j.fn({ page, base: stack.url, shot, review });
    if (errors.length) throw new Error(`browser errors: ${errors.join(' | ')}`);
    // then every page it visited, at both widths (the same page in two journeys once)
    await reviewPages(page, [...new Set(visited)], shots, j.name.split(':')[0], reviewed);
    console.log(`ok ${n} - ${j.name}`);
  } catch (e) {
    failed++;
    console.log(`not ok ${n} - ${j.name}\n# ${String(e.stack || e).split('\n').join('\n# ')}`);
    await page.screenshot({ path: join(shots, `FAILED-${n}.png`), fullPage: true }).catch(() => {});
  } finally {
    await ctx.close();
  }
}
process.exit(failed ? 1 : 0);
