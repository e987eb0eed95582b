// End to end through the operator console in a real chromium: sign in, replay a dead letter, resolve an in-doubt
// order, see the outcomes chart and a go-live dry run's report, and be sent back to sign-in when the token stops
// working.
// Started by io.medsync.ops.ConsoleBrowserTest, which prepares the records and checks the ledger afterwards.
// Inputs (environment): MEDSYNC_URL, MEDSYNC_OPS_TOKEN, DEAD_LETTER_ID, IN_DOUBT_ID, NOVAMED_ID, DRY_RUN_ID,
// SCREENSHOT, CHROMIUM (default /usr/bin/chromium). Prints one line per step; exits non-zero on the first failure.
import { chromium } from 'playwright-core';

function input(name, fallback) {
  const value = process.env[name] ?? fallback;
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
}

const base = input('MEDSYNC_URL');
const opsToken = input('MEDSYNC_OPS_TOKEN');
const deadLetterId = input('DEAD_LETTER_ID');
const inDoubtId = input('IN_DOUBT_ID');
const novaMedId = input('NOVAMED_ID');
const dryRunId = input('DRY_RUN_ID');
const screenshot = input('SCREENSHOT');
const TIMEOUT = 15_000;

async function step(name, action) {
  const started = Date.now();
  await action();
  console.log(`step ok (${Date.now() - started} ms): ${name}`);
}

/** Waits until the element matching `selector` contains `text`. */
async function sees(page, selector, text) {
  await page.locator(selector, { hasText: text }).first().waitFor({ timeout: TIMEOUT });
}

const browser = await chromium.launch({
  executablePath: input('CHROMIUM', '/usr/bin/chromium'),
  headless: true,
  // As this machine needs them: no sandbox as root, no GPU, and nothing that calls home (the network is closed).
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const scriptErrors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 640 } });
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (e) => scriptErrors.push(e.message));

  await step('open /console: the sign-in form shows', async () => {
    await page.goto(`${base}/console`);
    await page.locator('#sign-in').waitFor({ state: 'visible' });
  });

  await step('a wrong token is refused and the form stays', async () => {
    await page.fill('#token', 'not-the-token');
    await page.click('#sign-in button[type=submit]');
    await sees(page, '#banner', 'bearer token');
    await page.locator('#sign-in').waitFor({ state: 'visible' });
  });

  await step('sign in with the ops token: the tenants page', async () => {
    await page.fill('#token', opsToken);
    await page.click('#sign-in button[type=submit]');
    await page.locator('#nav').waitFor({ state: 'visible' });
    await sees(page, '#page h2', 'Tenants');
    // Tenant status where the API offers it, a note where it does not; the ledger's counts either way.
    await page.locator('#page .card, #page [data-unavailable]').first().waitFor();
    await sees(page, '#page h3', 'Records by state');
  });

  const letter = page.locator(`#page tr[data-id="${deadLetterId}"]`);
  await step(`dead letters: replay dead letter ${deadLetterId}`, async () => {
    await page.click('#nav a[href="#dead-letters"]');
    await page.fill('#page input[name=stage]', 'push');
    await page.click('#page .toolbar button:text-is("Show")');
    await sees(page, '#page .body', '3 dead letter(s)');
    await letter.waitFor();
    await letter.locator('button[data-action=replay]').click();
    await letter.locator('.result', { hasText: 'Replayed: delivered' }).waitFor();
    await page.screenshot({ path: screenshot });
  });

  await step(`in doubt: mark record ${inDoubtId} delivered as NovaMed's order`, async () => {
    await page.click('#nav a[href="#in-doubt"]');
    const record = page.locator(`#page tr[data-id="${inDoubtId}"]`);
    await record.waitFor();
    await record.locator('input[name=novamed_id]').fill(novaMedId);
    await record.locator('button[data-action=delivered]').click();
    await record.locator('.result', { hasText: `Resolved: delivered as ${novaMedId}` }).waitFor();
  });

  await step('outcomes: the chart draws a delivered line', async () => {
    await page.click('#nav a[href="#outcomes"]');
    await page.locator('svg.chart path[data-state="delivered"]').waitFor();
  });

  await step(`go-live: dry run ${dryRunId}'s report of demo-clinic, then the first sync beside it`, async () => {
    await page.click('#nav a[href="#go-live"]');
    await page.locator('#page select[name=tenant] option[value="demo-clinic"]').waitFor({ state: 'attached' });
    await page.selectOption('#page select[name=tenant]', 'demo-clinic');
    await page.locator(`#page [data-report="${dryRunId}"]`).waitFor();
    await sees(page, '#page tr[data-kind="nexhealth/patient"]', 'nexhealth/patient');
    await sees(page, '#page [data-eta]', 'NovaMed calls');
    await page.locator('#page tr[data-row="happened"]').waitFor();
  });

  await step('a token that stops working sends the operator back to sign-in', async () => {
    await page.evaluate(() => sessionStorage.setItem('medsync.opsToken', 'revoked'));
    await page.click('#nav a[href="#dead-letters"]');
    await page.locator('#sign-in').waitFor({ state: 'visible' });
    await sees(page, '#banner', 'Signed out');
    if (await page.locator('#nav').isVisible()) throw new Error('navigation still shown after a 401');
  });
} catch (error) {
  // What the operator would have seen, for whoever reads the failure.
  const [page] = browser.contexts().flatMap((c) => c.pages());
  if (page) {
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-failure.png') }).catch(() => {});
    console.log(`page ${page.url()}; banner: ${await page.locator('#banner').textContent().catch(() => '?')}`);
  }
  throw error;
} finally {
  await browser.close();
}
if (scriptErrors.length) {
  throw new Error(`the console raised script errors: ${scriptErrors.join('; ')}`);
}
console.log('console e2e: all steps passed');
