// 05-agent.mjs - the agent's day: from the unassigned queue, take a ticket, answer it with a macro
// (edited before sending), set it to Pending; the customer sees "Wartet auf Ihre Antwort" and the reply.
import assert from 'node:assert/strict';

const PASSWORD = 'Tresen-Demo-2026';
const SUBJECT = 'Druckvorlage Mieterhöhungsschreiben anpassen';   // a demo ticket nobody has taken

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

export async function agent_takes_answers_with_a_macro_and_waits_for_the_customer({ page, base, shot, review }) {
  await signIn(page, base, 'agent@tresen.example');
  await page.click('header >> text=Agenten-Arbeitsplatz');
  await page.waitForURL(base + '/agent');
  assert.match(await page.textContent('.queue-nav [aria-current=page]'), /Nicht zugewiesen\s*\d+/);
  await shot('agent-queue');

  // the keyboard walks the list; the ticket is found in the unassigned queue
  await page.keyboard.press('j');
  assert.equal(await page.locator('table[data-rows] tr.is-current').count(), 1);
  // earlier suites leave their own unassigned tickets: the queue's search finds this one
  await page.keyboard.press('/');
  await page.keyboard.type('Druckvorlage Mieterhöhungsschreiben');
  await page.keyboard.press('Enter');
  await page.waitForURL(/queue=unassigned&q=/);
  const row = page.locator('table[data-rows] tbody tr', { hasText: SUBJECT });
  assert.equal(await row.count(), 1, 'the demo ticket waits in the unassigned queue');
  await row.locator('.col-subject a').click();
  await page.waitForURL(/\/agent\/tickets\/\d+\?queue=unassigned$/);
  const id = page.url().match(/tickets\/(\d+)/)[1];
  assert.match(await page.textContent('.ticket-facts'), /Neu/);

  // "t" assigns it to me
  await page.keyboard.press('t');
  await page.waitForURL(/notice=taken/);
  assert.match(await page.textContent('.flash'), /Ihnen zugewiesen/);
  assert.match(await page.textContent('aside.agent-details'), /Tom Berger/);
  assert.match(await page.textContent('.ticket-facts'), /Offen/);

  // a macro fills the reply and its status; the draft can be changed before sending
  await page.selectOption('#f-macro', { label: 'Rückfrage Mandant → Wartet auf Ihre Antwort' });
  await page.click('.macro-pick button');
  await page.waitForFunction(() => document.getElementById('f-body').value.includes('Guten Tag Anna Schmidt'));
  assert.match(await page.inputValue('#f-body'), new RegExp(`Ihre Anfrage #${id}`));
  assert.equal(await page.inputValue('select[name=status]'), 'pending');
  await page.locator('#f-body').press('End');
  await page.locator('#f-body').evaluate((el) => { el.value = el.value.replace('Freundliche Grüße', 'Danke vorab!\n\nFreundliche Grüße'); });
  await shot('agent-reply-macro');
  // a note turns the box yellow; back to the public reply
  await page.check('input[name=visibility][value=internal]');
  assert.ok(await page.locator('#reply.is-internal').count());
  await page.check('input[name=visibility][value=public]');
  await page.click('#reply button[data-send]');
  await page.waitForURL(/notice=reply_sent/);
  assert.match(await page.textContent('.ticket-facts'), /Wartet auf Ihre Antwort/);
  assert.match(await page.textContent('.comments'), /Danke vorab!/);
  assert.match(await page.textContent('.audit'), /Wartet auf Ihre Antwort/);
  await shot('agent-ticket-pending');
  // the agent's pages at both widths, with axe and the focus walk, while they are the agent's
  await review(['/agent', '/agent?queue=mine', `/agent/tickets/${id}?queue=unassigned`, '/agent/macros']);

  // the customer sees that we wait for them, and the answer
  await signOut(page);
  await signIn(page, base, 'anna@wohnbau.example');
  await page.goto(base + '/requests');
  const mine = page.locator('table.tickets tbody tr', { hasText: SUBJECT });
  assert.match(await mine.textContent(), /Wartet auf Ihre Antwort/);
  await mine.locator('a').first().click();
  await page.waitForURL(new RegExp(`/requests/${id}$`));
  assert.match(await page.textContent('aside.details'), /Wartet auf Ihre Antwort/);
  assert.match(await page.textContent('.comments'), /Guten Tag Anna Schmidt,[\s\S]*Danke vorab!/);
  assert.match(await page.textContent('.comments'), /Tom Berger/);
  await shot('customer-sees-pending');
}
