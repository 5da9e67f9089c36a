// 06-hc.mjs - the help centre as a new user tries it: the home page's notices and search lead to an
// article (highlighted words, breadcrumbs); signed in, the customer comments and sees the comment;
// staff open the editor and preview Markdown. Every page visited gets axe, screenshots and the focus walk.
import assert from 'node:assert/strict';

const PASSWORD = 'Tresen-Demo-2026';

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

export async function a_visitor_finds_an_article_from_the_home_page({ page, base, shot, review }) {
  await page.goto(base + '/');
  assert.ok(await page.locator('.notice-card').count() >= 3, 'the home page shows the notices');
  assert.ok(await page.locator('.urgent-bar').isVisible(), 'the urgent notice is a bar under the header');
  await page.fill('#home-q', 'Passwort vergessen');
  await page.click('.hero button[type=submit]');
  await page.waitForURL(/\/hc\/search\?q=/);
  assert.match(await page.locator('.hc-count').innerText(), /Treffer/);
  assert.ok(await page.locator('.hc-hit mark').count() > 0, 'the words found are marked');
  await shot('hc-search');
  await page.click('.hc-hit h2 a');
  await page.waitForURL(/\/hc\/articles\/\d+$/);
  assert.ok(await page.locator('.breadcrumbs a[href$="/hc"]').isVisible());
  assert.ok(await page.locator('.hc-body').isVisible());
  await shot('hc-article-visitor');
  const article = new URL(page.url()).pathname;
  await page.goto(base + '/hc');
  assert.ok(await page.locator('.hc-category').count() >= 1, 'visitors see the categories with articles for everyone');
  const section = await page.locator('.hc-section-links a').first().getAttribute('href');
  await review(['/', '/hc', '/hc/search?q=Passwort', article, section, '/hc/imprint']);
}

export async function a_customer_comments_on_an_article({ page, base, shot, review }) {
  await signIn(page, base, 'anna@wohnbau.example');
  await page.goto(base + '/hc/search?q=Mietensollstellung');
  await page.click('.hc-hit h2 a');
  await page.waitForURL(/\/hc\/articles\/\d+$/);
  const text = 'Danke, der Hinweis auf die Plausibilitätsprüfung hat geholfen ' + Date.now();
  await page.fill('#f-body', text);
  await page.click('.hc-comment-form button[type=submit]');
  await page.waitForURL(/notice=hc_commented/);
  assert.ok(await page.locator('.hc-comment-body', { hasText: text }).isVisible());
  await shot('hc-article-commented');
  const article = new URL(page.url()).pathname;
  await review([article]);
  await signOut(page);
}

export async function staff_preview_markdown_in_the_editor({ page, base, shot, review }) {
  await signIn(page, base, 'agent@tresen.example');
  await page.goto(base + '/hc/articles/new');
  await page.fill('#f-title', 'Vorschau im Editor');
  await page.fill('#f-body', '## Schritte\n\n1. **Erstens**\n2. Zweitens\n\n<script>alert(1)</script>\n');
  await page.click('button[name=preview]');
  await page.waitForSelector('.hc-preview');
  assert.equal(await page.locator('.hc-preview strong').innerText(), 'Erstens');
  assert.equal(await page.locator('.hc-preview script').count(), 0);
  await shot('hc-editor-preview');
  await review(['/hc/articles/new']);
  await signOut(page);
}
