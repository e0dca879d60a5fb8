// Drive VS Code (code-server's workbench in headless Chromium) the way a person does: the
// command palette, quick inputs, the status bar, notifications. The extension under test is the
// packaged .vsix, installed into a fresh profile, exactly as a user would get it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { printFailureReport } from './failureReport';

/** The one toast every credential save shows (API key, app credentials, public key). */
export const CREDENTIALS_SAVED = 'Credentials saved in secret storage.';

type CodeServerLib = typeof import('../../../tools/lib/codeServer.mjs');

export const repoRoot = path.resolve(__dirname, '../../../..');
export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

/** The file `npm run package` writes (--out build/api2cart-wix.vsix): by its exact name, so a stale or stray .vsix beside it is never the one tested. */
export function packagedVsix(): string {
  const vsix = path.join(repoRoot, 'build', 'api2cart-wix.vsix');
  if (!fs.existsSync(vsix)) throw new Error('no build/api2cart-wix.vsix: run `npm run package` first');
  return vsix;
}

export interface WorkbenchOptions {
  /** User settings (User/settings.json). */
  settings?: Record<string, unknown>;
  /** Machine-scoped settings: in code-server the window is remote, so they live in Machine/settings.json. */
  machineSettings?: Record<string, unknown>;
  /** Extra environment for code-server and so for the extension host. */
  env?: NodeJS.ProcessEnv;
  /** Colour theme, e.g. 'Default Dark Modern', 'Default Light Modern', 'Default High Contrast'. */
  theme?: string;
  /** Starts code-server with workspace trust on (it is off otherwise), so the folder opens untrusted. */
  workspaceTrust?: boolean;
  /** Files written into the workspace folder before it opens, by path relative to it (e.g. '.vscode/settings.json'). */
  workspaceFiles?: Record<string, string>;
}

/** A port nobody listens on right now (for a server the extension starts, e.g. the webhook receiver). */
export async function freePort(): Promise<number> {
  const lib: CodeServerLib = await import(pathToFileURL(path.join(repoRoot, 'tools/lib/codeServer.mjs')).href);
  return lib.freePort();
}

export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly browser: Browser,
    private readonly stopServer: () => Promise<void>,
    readonly scratchDir: string,
    readonly workspaceDir: string,
  ) {}

  static async open(options: WorkbenchOptions = {}): Promise<Workbench> {
    const lib: CodeServerLib = await import(pathToFileURL(path.join(repoRoot, 'tools/lib/codeServer.mjs')).href);
    const scratch = lib.makeScratch('api2cart-wix-e2e-');
    Object.assign(scratch.env, options.env ?? {});
    const userDataDir = path.join(scratch.tmp, 'user-data');
    const extensionsDir = path.join(scratch.tmp, 'extensions');
    const workspaceDir = path.join(scratch.tmp, 'workspace');
    fs.cpSync(path.join(repoRoot, 'test/fixtures/workspace'), workspaceDir, { recursive: true });
    for (const [file, text] of Object.entries(options.workspaceFiles ?? {})) {
      fs.mkdirSync(path.dirname(path.join(workspaceDir, file)), { recursive: true });
      fs.writeFileSync(path.join(workspaceDir, file), text);
    }
    // Screenshots show the product: no half-faded toasts (reduceMotion), no empty secondary side bar.
    const settings = {
      ...lib.quietSettings, 'workbench.reduceMotion': 'on', 'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'workbench.colorTheme': options.theme ?? 'Default Dark Modern', ...options.settings,
    };
    writeJson(path.join(userDataDir, 'User', 'settings.json'), settings);
    if (options.machineSettings) writeJson(path.join(userDataDir, 'Machine', 'settings.json'), options.machineSettings);
    lib.installVsix({ vsix: packagedVsix(), userDataDir, extensionsDir, env: scratch.env });
    const server = await lib.startCodeServer({ scratch, userDataDir, extensionsDir, settings, workspaceTrust: options.workspaceTrust });
    const browser = await lib.launchChromium(scratch);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // The clipboard API needs permission in a headless browser; a person's browser would ask.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspaceDir)}`);
    const wb = new Workbench(page, browser, server.stop, scratch.tmp, workspaceDir);
    await wb.statusItem().waitFor({ timeout: 90_000 });
    return wb;
  }

  /** The extension's status-bar item. */
  statusItem(text = 'API2Cart'): Locator {
    return this.page.locator('.statusbar-item', { hasText: text }).first();
  }

  /** Run a command from the palette by its title, as a person types it. */
  async runCommand(title: string): Promise<void> {
    // A palette that closes again at once (a late repaint took the focus) is opened again, as a
    // person would press F1 once more.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.page.keyboard.press('F1');
        const input = this.quickInput();
        await input.waitFor({ timeout: 15_000 });
        await input.fill(`>${title}`, { timeout: 5_000 });
        const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
        await row.waitFor({ timeout: 15_000 });
        await row.click({ timeout: 5_000 });
        return;
      } catch (error) {
        if (attempt === 3) throw error;
        console.log(`      (the command palette closed before "${title}" could be run; opening it again)`);
      }
    }
  }

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget input').first();
  }

  /**
   * Type into the open input box and press Enter. `refused: true` when the test expects the box to
   * refuse the value (it then checks the message itself).
   */
  async answerInput(value: string, options: { refused?: boolean } = {}): Promise<void> {
    const input = this.quickInput();
    await input.waitFor();
    await input.fill(value);
    await this.submitInput(value, options);
  }

  /**
   * Press Enter in the open input box and, unless a refusal is expected, wait until the box took the
   * value: it closed or moved on to its next step. Enter is pressed on the input itself, which takes
   * the focus back first: on a busy machine a late repaint (a walkthrough page, a webview) can take
   * the focus between typing and Enter, and an Enter sent elsewhere would be lost silently.
   */
  async submitInput(value: string, options: { refused?: boolean } = {}): Promise<void> {
    const input = this.quickInput();
    await input.press('Enter');
    if (options.refused) return;
    await this.page.waitForFunction((typed) => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { value?: string; offsetParent: unknown } | null } }).document;
      const widget = doc.querySelector('.quick-input-widget');
      return !widget || widget.offsetParent === null || doc.querySelector('.quick-input-widget input')?.value !== typed;
    }, value, { timeout: 30_000 });
  }

  /** Waits for the input box titled `title`, then answers it. */
  async answerTitled(title: string, value: string): Promise<void> {
    await this.page.locator('.quick-input-widget', { hasText: title }).waitFor();
    await this.answerInput(value);
  }

  /**
   * The API key, the app credentials and an Instance ID (no label), each through its palette
   * command. Every credential save shows the same toast (CREDENTIALS_SAVED), so the earlier one is
   * cleared first: the wait then sees this save's.
   */
  async setCredentials(values: { apiKey: string; appId: string; appSecret: string; instanceId: string }): Promise<void> {
    await this.clearNotifications();
    await this.runCommand('API2Cart Wix: Set API2Cart API Key');
    await this.answerTitled('API2Cart API Key', values.apiKey);
    await this.notification(CREDENTIALS_SAVED).waitFor();
    await this.clearNotifications();
    await this.runCommand('API2Cart Wix: Set Wix App Credentials');
    await this.answerTitled('App ID', values.appId);
    await this.answerTitled('App Secret Key', values.appSecret);
    await this.notification(CREDENTIALS_SAVED).waitFor();
    await this.runCommand('API2Cart Wix: Set Instance ID');
    await this.answerTitled('Instance ID', values.instanceId);
    await this.answerTitled('Store label', '');
    await this.notification('created and made active').waitFor();
  }

  /** Pick the quick-pick row whose label contains `label`. */
  async pick(label: string): Promise<void> {
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor();
    await row.click();
  }

  /** Text of the validation message under the input box, once shown. */
  inputMessage(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-message');
  }

  /** A notification toast containing `text`. */
  notification(text: string): Locator {
    return this.page.locator('.notification-toast', { hasText: text }).first();
  }

  /**
   * Fails when the toast's message or one of its button labels is cut short (an ellipsis, a
   * clipped line), or when its message takes more than `maxLines` lines: details belong in a
   * tooltip, the log or the document shown.
   */
  async assertNotificationFits(toast: Locator, maxLines = 2): Promise<void> {
    await toast.waitFor();
    const fit = await toast.evaluate((t, max) => {
      const clipped = (e: typeof t) => [e, ...Array.from(e.querySelectorAll('*'))].some((x) => x.scrollWidth > x.clientWidth + 1 || x.scrollHeight > x.clientHeight + 1);
      const message = t.querySelector('.notification-list-item-message');
      const lineHeight = message ? parseFloat(t.ownerDocument.defaultView!.getComputedStyle(message).lineHeight) || 22 : 22;
      const lines = message ? Math.round(message.getBoundingClientRect().height / lineHeight) : 0;
      return {
        text: message?.textContent ?? '',
        messageCut: message ? clipped(message) : false,
        tooLong: lines > max ? lines : 0,
        buttonsCut: Array.from(t.querySelectorAll('.monaco-button')).filter((b) => clipped(b)).map((b) => (b as typeof t).textContent),
      };
    }, maxLines);
    if (fit.messageCut) throw new Error(`notification message cut short: "${fit.text}"`);
    if (fit.tooLong) throw new Error(`notification message takes ${fit.tooLong} lines (at most ${maxLines}): "${fit.text}"`);
    if (fit.buttonsCut.length > 0) throw new Error(`button labels cut short: ${JSON.stringify(fit.buttonsCut)}`);
  }

  /** Dismiss every notification, so that waiting for a message sees only ones shown afterwards. */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator('.notification-toast').first().waitFor({ state: 'detached' });
  }

  /** The body of the active webview (two nested iframes deep). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  /** Switch the colour theme with "Preferences: Color Theme", as a person does; `label` as listed there, e.g. 'Light Modern'. */
  async setColorTheme(label: string): Promise<void> {
    await this.runCommand('Preferences: Color Theme');
    await this.quickInput().fill(label);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor();
    await row.click();
    await this.quickInput().waitFor({ state: 'hidden' });
  }

  /** The browser clipboard's text (the web workbench copies through navigator.clipboard). */
  async readClipboard(): Promise<string> {
    return this.page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
  }

  /** The editor tab whose title contains `title`. */
  editorTab(title: string): Locator {
    return this.page.locator('.tabs-container .tab', { hasText: title }).first();
  }

  /** Open a walkthrough as a person does: F1 → "Welcome: Open Walkthrough..." → its title. */
  async openWalkthrough(title: string): Promise<void> {
    await this.runCommand('Welcome: Open Walkthrough...');
    await this.pick(title);
    await this.page.locator('.gettingStartedContainer .getting-started-step.expanded').first().waitFor();
  }

  /** A command button inside a walkthrough step, after expanding the step (a click on its title) if needed. */
  async walkthroughButton(stepTitle: string, buttonLabel: string): Promise<Locator> {
    const step = this.page.locator('.gettingStartedContainer .getting-started-step', { hasText: stepTitle }).first();
    if ((await step.getAttribute('aria-expanded')) !== 'true') {
      await this.dismissHover();
      await step.locator('.step-title').click();
    }
    await this.page.locator('.gettingStartedContainer .getting-started-step.expanded', { hasText: stepTitle }).waitFor();
    const button = step.locator('.monaco-button', { hasText: buttonLabel }).first();
    await button.waitFor();
    return button;
  }

  /**
   * Move the mouse off whatever it rests on, as a person would before the next click: a hover
   * left open (e.g. the status-bar tooltip after using its menu) covers what lies beneath it.
   */
  async dismissHover(): Promise<void> {
    await this.page.mouse.move(1050, 17);   // the title bar between the command center and the layout buttons: no hover there
    const hover = this.page.locator('.context-view .monaco-hover').first();
    // A hover shown because its item has keyboard focus (the status-bar item, after its quick pick
    // closed and gave focus back) ignores the mouse; Escape dismisses it, as it would for a person.
    if (await hover.waitFor({ state: 'hidden', timeout: 2_000 }).then(() => false, () => true)) {
      await this.page.keyboard.press('Escape');
      await hover.waitFor({ state: 'hidden', timeout: 10_000 });
    }
  }

  /** The body of the open walkthrough step's markdown media (shown only when the editor is wider than 950 px). */
  walkthroughMedia(): FrameLocator {
    return this.page.frameLocator('.gettingStartedContainer .getting-started-media iframe.webview.ready').frameLocator('#active-frame');
  }

  /**
   * A crop around `locator` (the quick input, a toast) at the page's own scale, so its text reads
   * at the Marketplace's width; `pad` pixels of the workbench around it.
   */
  async screenshotOf(locator: Locator, name: string, pad = 12): Promise<string> {
    const box = await locator.boundingBox();
    if (!box) throw new Error(`nothing to photograph for ${name}`);
    const view = this.page.viewportSize() ?? { width: 1280, height: 800 };
    const x = Math.max(0, box.x - pad);
    const y = Math.max(0, box.y - pad);
    const clip = { x, y, width: Math.min(view.width, box.x + box.width + pad) - x, height: Math.min(view.height, box.y + box.height + pad) - y };
    await this.settleForScreenshot();
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file, clip });
    return file;
  }

  /** What the product shows, not the test: no "Activating Extensions…" left in the status bar. */
  private async settleForScreenshot(): Promise<void> {
    await this.page.locator('.statusbar-item', { hasText: 'Activating Extensions' }).first().waitFor({ state: 'detached', timeout: 60_000 });
  }

  /** Waits until the page's running animations and transitions (a slide-in, a toast) have finished. */
  async animationsDone(): Promise<void> {
    type Running = { finished: Promise<unknown>; effect: { getComputedTiming(): { endTime?: number | string } } | null };
    // Endless ones (a progress spinner) never finish: only those with an end are waited for.
    await this.page.locator('body').evaluate((body) => Promise.all((body.getAnimations({ subtree: true }) as unknown as Running[])
      .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
      .map((a) => a.finished.catch(() => undefined))));
  }

  /**
   * A picture of a webview panel from its top: the page and every scrolled box back at the start,
   * so the shot shows the panel's title, not wherever the test last scrolled to.
   */
  async screenshotFromTop(frame: FrameLocator, name: string): Promise<string> {
    const top = await frame.locator('body').evaluate((body) => {
      const doc = body.ownerDocument;
      doc.defaultView?.scrollTo(0, 0);
      for (const e of Array.from(doc.querySelectorAll('*')) as unknown as { scrollTop: number }[]) if (e.scrollTop > 0) e.scrollTop = 0;
      const first = doc.querySelector('h1, h2') ?? body.firstElementChild;
      return first ? first.getBoundingClientRect().top : -1;
    });
    if (top < 0) throw new Error(`${name}: the top of the panel is not in view`);
    return this.screenshot(name);
  }

  async screenshot(name: string): Promise<string> {
    await this.settleForScreenshot();
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.stopServer();
    fs.rmSync(this.scratchDir, { recursive: true, force: true });
  }
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
}


/**
 * Photographs the window when a test of the suite fails (test-results/screenshots/failed-….png),
 * so a failure on CI shows what the person would have seen, with the notifications and the log's end.
 */
export function screenshotOnFailure(workbench: () => Workbench | undefined): void {
  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state !== 'failed') return;
    const name = `failed-${test.fullTitle().replace(/[^A-Za-z0-9]+/g, '-').slice(0, 100)}`;
    const file = await workbench()?.screenshot(name).catch(() => undefined);
    if (file) console.log(`      screenshot of the failure: ${path.relative(repoRoot, file)}`);
    const wb = workbench();
    if (wb) await printFailureReport(wb.page, wb.scratchDir).catch((e: unknown) => console.log(`      (no failure report: ${String(e)})`));
  });
}
