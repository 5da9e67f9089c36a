// 01-login.mjs - signing in and out through the real pages.
import assert from 'node:assert/strict';

const PASSWORD = 'Tresen-Demo-2026';

export async function signs_in_through_the_login_page({ page, base, shot }) {
  await page.goto(base + '/');
  await page.click('header >> text=Anmelden');
  await page.waitForURL(/\/login$/);
  await page.fill('#f-email', 'anna@wohnbau.example');
  await page.fill('#f-password', PASSWORD);
  await shot('login-filled');
  await page.click('button[type=submit]');
  await page.waitForURL(base + '/');
  assert.equal(await page.textContent('.user-name'), 'Anna Schmidt');
  await shot('home-signed-in');
  // the account menu opens and signs out
  await page.click('.user-menu summary');
  await page.click('text=Abmelden');
  await page.waitForURL(/notice=signed_out/);
  assert.match(await page.textContent('.flash'), /abgemeldet/);
}

export async function wrong_password_shows_the_message_and_keeps_the_address({ page, base, shot }) {
  await page.goto(base + '/login');
  await page.fill('#f-email', 'anna@wohnbau.example');
  await page.fill('#f-password', 'falsch-falsch');
  await page.click('button[type=submit]');
  assert.match(await page.textContent('.alert-error'), /E-Mail-Adresse oder Passwort ist falsch/);
  assert.equal(await page.inputValue('#f-email'), 'anna@wohnbau.example');
  assert.equal(await page.inputValue('#f-password'), '');
  await shot('login-failed');
}

export async function switches_to_english_and_back({ page, base }) {
  await page.goto(base + '/');
  await page.click('footer >> text=English');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('h1'), /How can we help/);
  await page.click('footer >> text=Deutsch');
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
}
