// What a failed e2e test prints besides its screenshot, so a failure on CI explains itself: the
// notifications on screen and in the notification center, and the end of the extension's own
// log. All of it is what the product shows or logs (the log redacted by the product): no secret.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';

const LOG_LINES = 40;

/** The text of every notification toast in the window, one line each. */
async function toastTexts(page: Page): Promise<string[]> {
  const texts = await page.locator('.notification-toast').allInnerTexts().catch(() => [] as string[]);
  return texts.map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t.length > 0);
}

/**
 * The notification center's entries, opened from the bell and closed again. A toast VS Code never
 * showed (a fourth within 800 ms is only listed here, its spam protection) is found this way.
 */
async function centerTexts(page: Page): Promise<string[]> {
  const bell = page.locator('[id="status.notifications"]');
  const center = page.locator('.notifications-center');
  await bell.click({ timeout: 5_000 });
  try {
    await center.locator('.notification-list-item').first().waitFor({ timeout: 5_000 }).catch(() => undefined);
    const texts = await center.locator('.notification-list-item').allInnerTexts();
    return texts.map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t.length > 0);
  } finally {
    // Left open, the center would keep every later toast of the suite from showing.
    await bell.click({ timeout: 5_000 }).catch(() => undefined);
    await center.filter({ visible: true }).waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
  }
}

/** Every "API2Cart Wix….log" output channel file under the profile's logs folder. */
function extensionLogs(scratchDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.startsWith('API2Cart Wix') && entry.name.endsWith('.log')) found.push(full);
    }
  };
  const logs = path.join(scratchDir, 'user-data', 'logs');
  if (fs.existsSync(logs)) walk(logs);
  return found;
}

export async function printFailureReport(page: Page, scratchDir: string): Promise<void> {
  const toasts = await toastTexts(page);
  console.log(`      notifications on screen: ${toasts.length === 0 ? 'none' : ''}`);
  for (const t of toasts) console.log(`        - ${t}`);
  const listed = await centerTexts(page).catch((e: unknown) => [`(the notification center could not be read: ${String(e).split('\n')[0]})`]);
  console.log(`      in the notification center: ${listed.length === 0 ? 'nothing' : ''}`);
  for (const t of listed) console.log(`        - ${t}`);
  for (const file of extensionLogs(scratchDir)) {
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-LOG_LINES);
    console.log(`      last ${lines.length} lines of "${path.basename(file)}":`);
    for (const line of lines) console.log(`        ${line}`);
  }
}
