// What a failed e2e test prints besides its screenshot, so a failure on CI explains itself: the
// notifications on screen and the end of the extension's own log. Both hold only what the product
// shows or logs, and the log is redacted by the product, so no secret is printed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';

const LOG_LINES = 40;

/** The text of every notification toast in the window, one line each. */
async function toastTexts(page: Page): Promise<string[]> {
  const texts = await page.locator('.notification-toast').allInnerTexts().catch(() => [] as string[]);
  return texts.map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t.length > 0);
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
  for (const file of extensionLogs(scratchDir)) {
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-LOG_LINES);
    console.log(`      last ${lines.length} lines of "${path.basename(file)}":`);
    for (const line of lines) console.log(`        ${line}`);
  }
}
