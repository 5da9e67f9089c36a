// 04-frame.mjs - the frame and shared controls at phone width: one header row with a menu button,
// menus inside the screen, tabs that scroll, the CC combobox, the attachment control with chips.
import assert from 'node:assert/strict';
import { PHONE, WIDE } from '../lib.mjs';

const PASSWORD = 'Tresen-Demo-2026';

async function signIn(page, base, email) {
  await page.goto(base + '/login');
  await page.fill('#f-email', email);
  await page.fill('#f-password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(base + '/');
}

async function box(page, selector) {
  return page.locator(selector).first().boundingBox();
}

export async function the_phone_header_is_one_row_and_its_menus_fit({ page, base, shot }) {
  await signIn(page, base, 'anna@wohnbau.example');
  await page.setViewportSize(PHONE);
  await page.goto(base + '/requests');
  const header = await box(page, '.site-header');
  assert.ok(header.height <= 72, `header is ${header.height} px high`);
  // the section links are behind the menu button
  assert.equal(await page.locator('.nav-links').isVisible(), false);
  await page.click('.nav-toggle');
  const panel = await box(page, '.nav-panel');
  assert.ok(panel.x >= 0 && panel.x + panel.width <= PHONE.width, `menu at ${panel.x}..${panel.x + panel.width}`);
  assert.ok(await page.locator('.nav-panel >> text=Meine Anfragen').isVisible());
  await shot('phone-nav-open');
  await page.keyboard.press('Escape');
  // the account menu opens inside the screen
  await page.click('.user-menu summary');
  const account = await box(page, '.user-menu .menu-panel');
  assert.ok(account.x >= 0 && account.x + account.width <= PHONE.width, `account menu at ${account.x}..${account.x + account.width}`);
  await shot('phone-account-open');
  await page.keyboard.press('Escape');
  // the tabs scroll sideways instead of being cut off: the last one is reached by scrolling
  const tabs = await page.evaluate(() => {
    const t = document.querySelector('.tabs');
    return { scroll: t.scrollWidth, client: t.clientWidth, bg: getComputedStyle(t).backgroundImage };
  });
  assert.ok(tabs.scroll > tabs.client, 'the tabs fit: nothing to show');
  assert.match(tabs.bg, /gradient/);          // the edge says there is more
  await page.locator('.tabs a >> text=Organisation').scrollIntoViewIfNeeded();
  assert.ok(await page.locator('.tabs a >> text=Organisation').isVisible());
  await page.setViewportSize(WIDE);
}

export async function cc_suggests_colleagues_after_two_letters({ page, base, shot }) {
  await signIn(page, base, 'anna@wohnbau.example');
  await page.goto(base + '/requests/new?form=1');
  const cc = page.locator('#f-cc');
  await cc.fill('B');
  await page.waitForTimeout(400);
  assert.equal(await page.locator('#cc-options').isVisible(), false, 'matches after one letter');
  await cc.fill('Be');
  await page.waitForSelector('#cc-options [role=option]');
  const options = await page.locator('#cc-options [role=option]').allTextContents();
  assert.ok(options.some((o) => o.startsWith('Ben Weber')), `options: ${options}`);
  assert.ok(options.every((o) => !/stadtwerke/.test(o)), 'another organization is offered');
  assert.equal(await cc.getAttribute('aria-expanded'), 'true');
  await shot('cc-matches');
  await cc.press('ArrowDown');
  await cc.press('Enter');
  assert.match(await cc.inputValue(), /^Ben Weber <ben@wohnbau\.example>, $/);
  assert.equal(await page.locator('#cc-options').isVisible(), false);
}

export async function the_comment_box_collects_files_as_removable_chips({ page, base, shot }) {
  await signIn(page, base, 'anna@wohnbau.example');
  await page.goto(base + '/requests');
  await page.click('td.col-subject a >> nth=0');
  await page.waitForURL(/\/requests\/\d+$/);
  assert.ok(await page.locator('.reply .dropzone').isVisible());
  assert.equal(await page.locator('.shot-pick').isVisible(), false);   // pasting covers it with the script
  const input = page.locator('#f-attachments');
  await input.setInputFiles([{ name: 'protokoll.txt', mimeType: 'text/plain', buffer: Buffer.from('a') }]);
  await input.setInputFiles([{ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from('b,c') }]);
  const chips = () => page.locator('.reply .pending-files .chip').allTextContents();
  assert.equal((await chips()).length, 2, 'two picks add up');
  await shot('comment-files');
  await page.click('.reply .chip-x >> nth=0');
  const left = await chips();
  assert.equal(left.length, 1);
  assert.match(left[0], /export\.csv/);
  assert.equal(await page.evaluate(() => document.getElementById('f-attachments').files.length), 1);
}
