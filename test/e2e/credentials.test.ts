import { strict as assert } from 'node:assert';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CREDENTIALS_SAVED, screenshotOnFailure, Workbench } from './support/workbench';
import { stopChainAtFirstFailure } from '../support/chain';
import { waitUntil } from '../support/waitUntil';

/** Random canaries: a hit anywhere can only come from this run. */
const canary = (name: string) => `CANARY-${name}-${randomBytes(9).toString('hex')}`;

/** Files under `dir` (recursively) whose bytes contain any of `values`. */
function filesContaining(dir: string, values: readonly string[]): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) {
        const text = fs.readFileSync(p).toString('latin1');
        if (values.some((v) => text.includes(v))) hits.push(p);
      }
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return hits;
}

describe('credentials from the command palette (packaged .vsix)', () => {
  stopChainAtFirstFailure();
  screenshotOnFailure(() => wb);
  let wb: Workbench;
  const apiKey = canary('api-key');
  const appSecret = canary('app-secret');
  const appId = randomUUID();
  const secrets = [apiKey, appSecret];

  const STEP_TITLES = ['Plan the Wix app\'s scopes', 'Set your API2Cart API key', 'Add the Wix app\'s ID and secret key',
    'Catch the Instance ID', 'Add the store to API2Cart'];
  /** Titles of the walkthrough steps shown as done (a ticked circle). */
  const doneSteps = () => wb.page.locator('.getting-started-step')
    .filter({ has: wb.page.locator('.codicon-getting-started-step-checked') })
    .locator('.step-title').allInnerTexts();

  before(async () => { wb = await Workbench.open(); });
  after(async () => { await wb?.close(); });

  it('shows the walkthrough with the guide\'s steps', async () => {
    await wb.runCommand('Welcome: Open Walkthrough...');
    await wb.pick('Connect a Wix store to API2Cart');
    const page = wb.page.locator('.gettingStartedContainer');
    for (const title of STEP_TITLES) await page.getByText(title).first().waitFor();
    assert.deepEqual(await doneSteps(), []);
    await wb.screenshot('credentials-0-walkthrough');
  });

  it('sets the API key, app credentials and a one-line public key; the status bar follows', async () => {
    assert.match(await wb.statusItem().innerText(), /API2Cart: not set up/);

    await wb.runCommand('API2Cart Wix: Set API2Cart API Key');
    // A key copied with an invisible character: refused at once, the character and its place named.
    await wb.answerInput('pasted\u200bkey', { refused: true });
    await wb.inputMessage().filter({ hasText: 'contains a zero-width space (U+200B) at position 7' }).waitFor();
    assert.equal(await wb.quickInput().getAttribute('type'), 'password', 'the key is typed into a password box');
    await wb.screenshot('credentials-2-input-validation');
    // Given up after the refusal: the command ran, but no key is stored, so its step stays unticked.
    await wb.page.keyboard.press('Escape');
    await wb.quickInput().waitFor({ state: 'hidden' });
    assert.deepEqual(await doneSteps(), [], 'a refused key ticks no walkthrough step');
    await wb.runCommand('API2Cart Wix: Set API2Cart API Key');
    await wb.answerInput(apiKey);
    await wb.notification(CREDENTIALS_SAVED).waitFor();

    // Two steps counted by VS Code itself ("1/2"), as Connect Wix Store counts its four.
    await wb.runCommand('API2Cart Wix: Set Wix App Credentials');
    await wb.page.locator('.quick-input-widget', { hasText: 'Wix App Credentials: App ID' }).filter({ hasText: '1/2' }).waitFor();
    await wb.answerInput(appId);
    await wb.page.locator('.quick-input-widget', { hasText: 'App Secret Key' }).filter({ hasText: '2/2' }).waitFor();
    await wb.answerInput(appSecret);
    await wb.statusItem('credentials ready').waitFor();

    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await wb.runCommand('API2Cart Wix: Set Webhook Public Key');
    await wb.pick('Paste it into an input box');
    await wb.page.locator('.quick-input-widget', { hasText: 'Webhook Public Key' }).waitFor();
    // As a person pastes it into a one-line box: the newlines arrive as spaces.
    await wb.answerInput(pem.trim().replace(/\n/g, ' '));

    assert.match(await wb.statusItem().innerText(), /API2Cart: credentials ready/);
    await wb.statusItem().hover();
    const tooltip = wb.page.locator('.monaco-hover, .workbench-hover', { hasText: 'Webhook public key: saved' }).first();
    await tooltip.waitFor();
    const tooltipText = await tooltip.innerText();
    assert.match(tooltipText, /API2Cart API key: saved/);
    assert.match(tooltipText, /Wix App ID and App Secret Key: saved/);
    // No store yet: the tooltip names the step the walkthrough opens on.
    assert.match(tooltipText, /Next: Connect Wix Store\./);
    // Three saves in a row, one toast: each replaced the one before it, nothing stacks.
    const toasts = await wb.page.locator('.notification-toast .notification-list-item-message').allInnerTexts();
    assert.deepEqual(toasts.filter((t) => /saved/i.test(t)), [CREDENTIALS_SAVED]);
    await wb.assertNotificationFits(wb.notification(CREDENTIALS_SAVED));
    await wb.screenshot('credentials-3-after-tooltip');
    assert.deepEqual(secrets.filter((v) => tooltipText.includes(v)), [], 'no secret in the tooltip');
    await wb.page.mouse.move(640, 300);
  });

  it('opens Show Actions from the status bar with the next step first', async () => {
    await wb.statusItem().click();
    await wb.page.locator('.quick-input-widget', { hasText: 'API2Cart Wix — API2Cart: credentials ready' }).waitFor();
    const rows = wb.page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    // No store yet: the walkthrough opens on Connect Wix Store, and Show Actions names the same step first.
    assert.match(await rows.first().innerText(), /Connect Wix Store/);
    await wb.screenshot('credentials-4-show-actions');
    await wb.page.keyboard.press('Escape');
  });

  it('ticks the walkthrough steps whose values are stored', async () => {
    // Reopened: Escape in Show Actions also took the Welcome page back to its overview.
    await wb.openWalkthrough('Connect a Wix store to API2Cart');
    assert.deepEqual(await doneSteps(), ['Set your API2Cart API key', 'Add the Wix app\'s ID and secret key']);
    await wb.screenshot('credentials-5-walkthrough-progress');
  });

  it('leaves no secret in the status bar, settings or logs', async () => {
    const status = await wb.statusItem().innerText();
    assert.deepEqual(secrets.filter((v) => status.includes(v)), []);
    const userData = path.join(wb.scratchDir, 'user-data');
    // Settings (user, machine, workspace) and every log file, the extension's own included.
    const settingsFiles = ['User/settings.json', 'Machine/settings.json'].map((f) => path.join(userData, f));
    const logs = path.join(userData, 'logs');
    // The log is flushed in the background: wait until the extension's own lines are on disk.
    await waitUntil(() => filesContaining(logs, ['Webhook public key saved']).length > 0, 'the extension\'s log file to be written');
    assert.deepEqual(
      [...settingsFiles.filter((f) => filesContaining(path.dirname(f), secrets).includes(f)),
        ...filesContaining(logs, secrets), ...filesContaining(path.join(wb.workspaceDir), secrets)],
      []);
  });
});
