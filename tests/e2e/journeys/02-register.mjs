// 02-register.mjs - registering, the confirmation mail from the sink, its link, signed in; the unconfirmed state.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const stack = JSON.parse(readFileSync(process.env.TRESEN_STACK, 'utf8'));
const PASSWORD = 'Reise-durch-Tresen-1';

// Quoted-printable, enough for the ASCII link: soft line breaks and =XX escapes.
const unQP = (s) => s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));

async function mailTo(address, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  const rcpt = new RegExp(`^X-RcptTo: ${address.replace(/[.+]/g, '\\$&')}\\r?$`, 'mi');
  while (Date.now() < end) {
    for (const dir of ['new', 'cur']) {
      for (const f of readdirSync(join(stack.mail_dir, dir))) {
        const raw = readFileSync(join(stack.mail_dir, dir, f), 'latin1');
        if (rcpt.test(raw)) return unQP(raw);
      }
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`no mail to ${address} within ${timeoutMs} ms`);
}

async function register(page, base, name, address) {
  await page.goto(base + '/login');
  await page.click('text=Jetzt registrieren');
  await page.waitForURL(/\/register$/);
  await page.fill('#f-name', name);
  await page.fill('#f-email', address);
  await page.fill('#f-password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/register\?sent=1$/);
}

export async function registers_confirms_by_mail_and_is_signed_in({ page, base, shot }) {
  const address = `journey-${Date.now()}@wohnbau.example`;
  await page.goto(base + '/register');
  // a refused address keeps what was typed and says why, next to the field
  await page.fill('#f-name', 'Jana Journey');
  await page.fill('#f-email', 'info@wohnbau.example');
  await page.fill('#f-password', PASSWORD);
  await page.click('button[type=submit]');
  assert.match(await page.textContent('#err-email'), /persönliche Adresse/);
  assert.equal(await page.inputValue('#f-name'), 'Jana Journey');
  assert.equal(await page.getAttribute('#f-email', 'aria-describedby'), 'err-email');
  await shot('register-refused');

  await register(page, base, 'Jana Journey', address);
  assert.match(await page.textContent('h1'), /Bitte prüfen Sie Ihr Postfach/);
  await shot('register-sent');

  const mail = await mailTo(address);
  assert.match(mail, /^Subject: =\?UTF-8\?B\?/m);
  const link = mail.match(/https?:\/\/[^\s"<>]+\/confirm\?token=[A-Za-z0-9_-]{43}/)[0];
  // opening the link spends nothing (a mail scanner may open it first); the button does
  await page.goto(link);
  assert.match(await page.textContent('h1'), /Registrierung abschließen/);
  await shot('register-confirm-button');
  await page.click('form[action="/confirm"] button[type=submit]');
  await page.waitForURL(base + '/?notice=confirmed');
  assert.match(await page.textContent('.flash'), /bestätigt/);
  assert.equal(await page.textContent('.user-name'), 'Jana Journey');
  assert.equal(await page.locator('.alert-warn').count(), 0);
  await shot('register-confirmed');

  // the link works once
  const again = await page.goto(link);
  assert.equal(again.status(), 410);
}

export async function an_unconfirmed_user_sees_why_and_asks_again({ page, base, shot }) {
  const address = `waiting-${Date.now()}@stadtwerke.example`;
  await register(page, base, 'Willi Warten', address);
  await mailTo(address);
  await page.goto(base + '/login');
  await page.fill('#f-email', address);
  await page.fill('#f-password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(base + '/');
  assert.match(await page.textContent('.alert-warn'), /noch nicht abgeschlossen/);
  await shot('home-unconfirmed');
  await page.click('.alert-warn >> text=Bestätigungs-E-Mail erneut senden');
  await page.waitForURL(base + '/?notice=confirm_sent');
  assert.match(await page.textContent('.flash'), /erneut geschickt/);
}
