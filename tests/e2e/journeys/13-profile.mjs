// 13-profile.mjs - the profile from the account menu: details saved, the two-step sign-in set-up with its
// QR code, the signed-in devices, the picture form, at desk and phone width (R-PROF).
import assert from 'node:assert/strict';
import { PHONE } from '../lib.mjs';

const PASSWORD = 'Tresen-Demo-2026';

async function signIn(page, base, email) {
  await page.goto(base + '/login');
  await page.fill('#f-email', email);
  await page.fill('#f-password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(base + '/');
}

export async function the_profile_saves_details_and_shows_security({ page, base, shot }) {
  await signIn(page, base, 'carla@stadtwerke.example');
  await page.click('.user-menu summary');
  await page.click('.user-menu >> text=Profil');
  await page.waitForURL(base + '/profile');
  assert.match(await page.textContent('h1'), /Mein Profil/);
  await page.fill('#f-position', 'Einkauf');
  await page.fill('#f-phone', '+49 89 4711');
  await page.click('section:has(#h-details) button[type=submit]');
  await page.waitForURL(/notice=profile_saved/);
  assert.match(await page.textContent('.flash'), /gespeichert/);
  assert.equal(await page.inputValue('#f-position'), 'Einkauf');
  await shot('profile-details');

  await page.click('.tabs >> text=Sicherheit');
  await page.waitForURL(base + '/profile/security');
  assert.ok(await page.locator('.devices >> text=Dieses Gerät').isVisible());
  await page.click('#totp button[type=submit]');
  await page.waitForURL(/\/profile\/security/);
  const qr = page.locator('img.totp-qr');
  assert.ok(await qr.isVisible());
  assert.ok((await qr.boundingBox()).width >= 150);
  assert.match(await page.textContent('.totp-secret'), /^[A-Z2-7]{32}$/);
  await shot('profile-totp-enrol');

  await page.setViewportSize(PHONE);
  await page.goto(base + '/profile/picture');
  assert.ok(await page.locator('#f-picture').isVisible());
  const card = await page.locator('.profile-card').first().boundingBox();
  assert.ok(card.x >= 0 && card.x + card.width <= PHONE.width, `card at ${card.x}..${card.x + card.width}`);
  await shot('phone-profile-picture');
}
