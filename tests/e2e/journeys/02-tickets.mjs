// 02-tickets.mjs - the requests list and a ticket: filter, open, reply with a file and a pasted screenshot.
import assert from 'node:assert/strict';

const PASSWORD = 'Tresen-Demo-2026';

async function signIn(page, base, email) {
  await page.goto(base + '/login');
  await page.fill('#f-email', email);
  await page.fill('#f-password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(base + '/');
}

export async function filters_the_list_and_replies_with_a_pasted_screenshot({ page, base, shot }) {
  await signIn(page, base, 'anna@wohnbau.example');
  await page.click('header >> text=Meine Anfragen');
  await page.waitForURL(/\/requests$/);
  await page.selectOption('select[name=status]', 'open');
  await page.click('text=Filtern');
  await page.waitForURL(/status=open/);
  const badges = await page.locator('td.col-status .badge').allTextContents();
  assert.ok(badges.length > 0 && badges.every((b) => b === 'Offen'), `badges: ${badges}`);
  await shot('requests-filtered');

  await page.click('td.col-subject a >> nth=0');
  await page.waitForURL(/\/requests\/\d+$/);
  const url = page.url();
  await page.fill('#f-body', 'Hier der Screenshot aus dem Browser-Test.');
  // paste an image into the comment box, as a user would with Ctrl+V
  await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 120; canvas.height = 60;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#0f6b64'; ctx.fillRect(0, 0, 120, 60);
    const blob = await new Promise((r) => canvas.toBlob(r, 'image/png'));
    const dt = new DataTransfer();
    dt.items.add(new File([blob], 'clip.png', { type: 'image/png' }));
    const ev = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
    document.getElementById('f-body').dispatchEvent(ev);
  });
  assert.equal(await page.evaluate(() => document.getElementById('f-screenshots').files.length), 1);
  assert.match(await page.textContent('.pending-files'), /screenshot-.*\.png/);
  await page.setInputFiles('input[name=attachments]', {
    name: 'protokoll.txt', mimeType: 'text/plain', buffer: Buffer.from('Fehlerprotokoll\n'),
  });
  await shot('ticket-reply-filled');
  await page.click('button:has-text("Absenden")');
  await page.waitForURL(/notice=comment_added/);
  assert.match(await page.textContent('.flash'), /gesendet/);
  const last = page.locator('.comment').last();
  assert.match(await last.textContent(), /Hier der Screenshot aus dem Browser-Test/);
  assert.match(await last.locator('.chip').textContent(), /protokoll\.txt/);
  const img = last.locator('.inline-images img');
  assert.equal(await img.count(), 1);
  // loaded, not only in the page: wait for the image itself (slow under load)
  await img.evaluate((el) => (el.complete ? null : new Promise((done) => { el.onload = el.onerror = done; })));
  assert.ok(await img.evaluate((el) => el.complete && el.naturalWidth === 120));
  await shot('ticket-after-reply');
  assert.ok(page.url().startsWith(url));
}

export async function column_menu_without_javascript_state({ page, base }) {
  await signIn(page, base, 'ben@wohnbau.example');
  await page.goto(base + '/requests');
  await page.click('.column-menu summary');
  await page.check('input[name=cols][value=priority]');
  await page.click('text=Übernehmen');
  await page.waitForURL(/\/requests/);
  assert.match(await page.textContent('table.tickets thead'), /Priorität/);
}
