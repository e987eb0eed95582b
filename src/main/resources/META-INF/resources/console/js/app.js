// The console's shell: sign-in, navigation between pages (#hash routes), the error banner.
import { ApiError, get, onUnauthorized, token } from './api.js';
import tenants from './pages/tenants.js';
import deadLetters from './pages/dead-letters.js';
import inDoubt from './pages/in-doubt.js';
import unknownIds from './pages/unknown-ids.js';
import drifted from './pages/drifted.js';
import reconsent from './pages/reconsent.js';
import orders from './pages/orders.js';
import outcomes, { sampleCounts } from './pages/outcomes.js';
import goLive from './pages/go-live.js';

const pages = { tenants, 'dead-letters': deadLetters, 'in-doubt': inDoubt, 'unknown-ids': unknownIds, drifted, reconsent, orders, outcomes,
  'go-live': goLive };
const $ = (id) => document.getElementById(id);
let leavePage = () => {};
let sampler;

function banner(text, kind = 'error') {
  const el = $('banner');
  el.textContent = text ?? '';
  el.className = kind;
  el.hidden = !text;
}

/** Errors are shown, never swallowed: the banner says what the API answered. */
function fail(error) {
  if (error instanceof ApiError && error.status === 401) return; // already back at sign-in, saying why
  banner(error instanceof ApiError ? `Error ${error.describe()}` : `Error: ${error.message ?? error}`);
}

function showSignIn(message) {
  leavePage();
  clearInterval(sampler);
  $('page').replaceChildren();
  $('nav').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  banner(message, 'info');
  $('token').focus();
}

async function signIn(event) {
  event.preventDefault();
  token.set($('token').value.trim());
  try {
    await get('/ops/records/counts');
  } catch (error) {
    if (error.status !== 401) fail(error);
    return;
  }
  $('token').value = '';
  enter();
}

function enter() {
  $('sign-in').hidden = true;
  $('nav').hidden = false;
  $('sign-out').hidden = false;
  banner(null);
  // The outcomes chart is drawn from counts sampled while the console is open.
  sampleCounts().catch(() => {});
  clearInterval(sampler);
  sampler = setInterval(() => sampleCounts().catch(() => {}), 30_000);
  route();
}

function route() {
  if (!token.get()) {
    showSignIn();
    return;
  }
  const name = location.hash.slice(1) || 'tenants';
  const page = pages[name] ?? tenants;
  for (const link of $('nav').querySelectorAll('a')) {
    link.classList.toggle('active', link.getAttribute('href') === `#${name}`);
  }
  leavePage();
  banner(null);
  document.title = `${page.title} · medsync console`;
  const cleanup = page.render($('page'), { fail, banner });
  leavePage = typeof cleanup === 'function' ? cleanup : () => {};
}

onUnauthorized((error) => showSignIn(`Signed out: ${error.message}. Sign in again with a valid ops token.`));
$('sign-in').addEventListener('submit', signIn);
$('sign-out').addEventListener('click', () => { token.clear(); showSignIn('Signed out.'); });
window.addEventListener('hashchange', route);
if (token.get()) enter(); else showSignIn();
