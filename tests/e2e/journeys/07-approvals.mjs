// 07-approvals.mjs - an order waits for an approver (R-APPR): the customer administrator finds it under
// "Freigaben", reads it and approves it with a comment; the requester sees the decision. Staff open the
// product information page and preview a mail.
import assert from 'node:assert/strict';

const PASSWORD = 'Tresen-Demo-2026';
const SUBJECT = 'Zusatzmodul Mietspiegel-Auswertung beauftragen';   // the demo order that waits for approval

async function signIn(page, base, email) {
  await page.goto(base + '/login');
  await page.fill('#f-email', email);
  await page.fill('#f-password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(base + '/');
}

async function signOut(page) {
  await page.click('.user-menu summary');
  await page.click('.user-menu button:has-text("Abmelden")');
  await page.waitForURL(/\/$|\/\?notice=signed_out$/);
}

export async function an_approver_approves_the_order_and_the_requester_sees_it({ page, base, shot, review }) {
  await signIn(page, base, 'dana@wohnbau.example');
  await page.click('header >> text=Freigaben');
  await page.waitForURL(base + '/approvals');
  const row = page.locator('table.approvals-table tbody tr', { hasText: SUBJECT });
  assert.equal(await row.count(), 1, 'the demo order waits for a decision');
  await shot('approvals-list');
  await row.locator('a').click();
  await page.waitForURL(/\/approvals\/\d+$/);
  const id = page.url().match(/approvals\/(\d+)/)[1];
  assert.match(await page.textContent('.approval'), /Wartet auf Freigabe/);
  assert.match(await page.textContent('.comments'), /Mietspiegel-Auswertung/);
  await review(['/approvals', `/approvals/${id}`]);
  await page.goto(`${base}/approvals/${id}`);
  await page.fill('#f-comment', 'Angebot 2026-114 ist freigegeben.');
  await page.click('button[name=decision][value=approve]');
  await page.waitForURL(/notice=approval_approved/);
  assert.match(await page.textContent('.approval'), /Freigegeben/);
  assert.match(await page.textContent('.approval'), /Dana Fischer/);
  await shot('approval-decided');

  await signOut(page);
  await signIn(page, base, 'ben@wohnbau.example');
  await page.goto(`${base}/requests/${id}`);
  assert.match(await page.textContent('.approval'), /Freigegeben/);
  assert.match(await page.textContent('.comments'), /Angebot 2026-114 ist freigegeben\./);
  await signOut(page);
}

export async function staff_preview_a_product_mail({ page, base, shot, review }) {
  await signIn(page, base, 'agent@tresen.example');
  await page.goto(base + '/agent/product-mails');
  await page.check('input[name=product] >> nth=0');
  await page.fill('#f-subject-de', 'Neu im Hilfe-Center');
  await page.fill('#f-body-de', 'Ab sofort gibt es **neue Anleitungen**.');
  await page.click('button[name=action][value=preview]');
  await page.waitForSelector('.pmail-preview');
  assert.match(await page.textContent('.pmail-preview'), /Neu im Hilfe-Center/);
  assert.ok(await page.locator('button[name=action][value=send]').count());
  await shot('product-mail-preview');
  await review(['/agent/product-mails']);
  await signOut(page);
}
