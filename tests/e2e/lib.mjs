// lib.mjs - checks every browser journey gets for free: axe-core on each page it visits, at 1366
// and 390 px, a screenshot at both widths, and a walk with the Tab key that fails where the
// focused element looks the same as when it is not focused (WCAG 2.4.7).
import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { join } from 'node:path';

export const WIDE = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

function describe(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} - ` +
    v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')).join(' | ');
}

export async function axe(page, where) {
  const r = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  if (r.violations.length) throw new Error(`axe at ${where}: ${describe(r.violations)}`);
}

// Tabs through the page (at most `stops` stops); each focused element is photographed focused
// and unfocused, and the two must differ.
export async function focusWalk(page, where, stops = 30) {
  await page.evaluate(() => { if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0); });
  const seen = new Set();
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      el.scrollIntoView({ block: 'center', inline: 'nearest' });
      const r = el.getBoundingClientRect();
      const id = el.tagName + '|' + (el.id || '') + '|' + (el.getAttribute('href') || el.name || '') + '|' +
        Math.round(r.x) + ',' + Math.round(r.y + window.scrollY);
      return { id, x: r.x, y: r.y, w: r.width, h: r.height, what: el.outerHTML.slice(0, 120),
               vw: window.innerWidth, vh: window.innerHeight };
    });
    if (!info) break;
    if (seen.has(info.id)) break;                   // round the page once
    seen.add(info.id);
    if (info.w < 1 || info.h < 1) continue;
    const x = Math.max(0, Math.floor(info.x - 8)), y = Math.max(0, Math.floor(info.y - 8));
    const clip = { x, y, width: Math.min(info.vw - x, Math.ceil(info.w + 16)), height: Math.min(info.vh - y, Math.ceil(info.h + 16)) };
    if (clip.width < 2 || clip.height < 2) continue;
    await page.waitForTimeout(30);                  // no transition half-way
    const focused = await page.screenshot({ clip, animations: 'disabled', caret: 'hide' });
    await page.evaluate(() => { window.__tresenFocus = document.activeElement; document.activeElement.blur(); });
    await page.waitForTimeout(30);
    const plain = await page.screenshot({ clip, animations: 'disabled', caret: 'hide' });
    await page.evaluate(() => window.__tresenFocus.focus({ preventScroll: true }));
    if (focused.equals(plain)) throw new Error(`focus invisible at ${where}: ${info.what}`);
  }
}

// Every page a journey visited, looked at again afterwards: both widths, axe, screenshots,
// the focus walk at the wide width.
export async function reviewPages(page, urls, shots, label, checked) {
  for (const url of urls) {
    // one look per page and kind of query (?form= is another page than the chooser)
    const u = new URL(url);
    const query = [...new Set([...u.searchParams.keys()].filter((k) => !['notice', 'lang', 'token'].includes(k)))].sort();
    const key = u.pathname.replace(/\/\d+/g, '/N') + (query.length ? '?' + query.join('&') : '');
    if (checked.has(key)) continue;
    checked.add(key);
    for (const size of [WIDE, PHONE]) {
      await page.setViewportSize(size);
      const res = await page.goto(url);
      if (!res || !(res.headers()['content-type'] || '').startsWith('text/html')) break;
      const name = `${label}-${key.replace(/[^a-z0-9]+/gi, '_') || 'home'}-${size.width}`;
      await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
      await axe(page, `${key} at ${size.width} px`);
      // nothing wider than the screen: the page must not scroll sideways (wide parts scroll inside)
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= size.width, `${key} at ${size.width} px is ${width} px wide`);
      if (size === WIDE) await focusWalk(page, key);
    }
  }
  await page.setViewportSize(WIDE);
}
