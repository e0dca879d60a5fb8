// Where a secret could end up outside SecretStorage: the extension's log files and settings.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../../../src/vscode/services';
import { EXTENSION_ID, waitFor } from './extension';

const LOG_FILE_NAME = 'API2Cart Wix.log';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : e.isFile() ? [full] : [];
  });
}

/** Every log file of this window's extension host: our output channels' and the host's own. */
export function extensionHostLogFiles(services: Services): string[] {
  return filesUnder(path.dirname(services.context.logUri.fsPath));
}

/** The log file VS Code writes for one of our LogOutputChannels (the main one by default), once it shows `line`. */
export function waitForLog(services: Services, line: string, fileName = LOG_FILE_NAME): Promise<string> {
  return waitFor(() => {
    const file = extensionHostLogFiles(services).find((f) => path.basename(f) === fileName);
    const text = file ? fs.readFileSync(file, 'utf8') : '';
    return text.includes(line) ? text : undefined;
  }, `the log to show "${line}"`, 10_000);
}

/** How often a log file of ours shows `line` so far (what is written; more may still be on its way). */
export function logCount(services: Services, line: string, fileName = LOG_FILE_NAME): number {
  const file = extensionHostLogFiles(services).find((f) => path.basename(f) === fileName);
  return (file ? fs.readFileSync(file, 'utf8') : '').split(line).length - 1;
}

/** Waits until a log file of ours shows `line` at least `count` times (each a delivery handled, say). */
export function waitForLogCount(services: Services, line: string, count: number, fileName = LOG_FILE_NAME): Promise<number> {
  return waitFor(() => {
    const n = logCount(services, line, fileName);
    return n >= count ? n : undefined;
  }, `the log to show "${line}" ${count} time(s)`, 10_000);
}

/** The extension's log, read after a marker line shows it is flushed. */
export function readLog(services: Services): Promise<string> {
  const marker = `log flushed ${randomUUID()}`;
  services.log.info(marker);
  return waitForLog(services, marker);
}

/** User, machine (code-server) and workspace-folder settings files. */
export function settingsFiles(services: Services): string[] {
  const userDataDir = path.resolve(services.context.globalStorageUri.fsPath, '..', '..', '..');
  return [
    path.join(userDataDir, 'User', 'settings.json'),
    path.join(userDataDir, 'Machine', 'settings.json'),
    ...(vscode.workspace.workspaceFolders ?? []).map((f) => path.join(f.uri.fsPath, '.vscode', 'settings.json')),
  ];
}

/** Fails naming only how many values were found and where, never the values. */
export function assertContainsNone(text: string, values: readonly string[], where: string): void {
  const found = values.filter((v) => text.includes(v));
  assert.deepEqual(found.length, 0, `${found.length} secret value(s) found in ${where}`);
}

/** Every setting the extension contributes holds only its default, and no settings file holds a value. */
export async function assertNoSettingHolds(services: Services, values: readonly string[]): Promise<void> {
  const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
  const config = vscode.workspace.getConfiguration();
  for (const name of Object.keys(manifest.contributes.configuration.properties)) {
    const inspected = config.inspect(name);
    assert.deepEqual([inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue], [undefined, undefined, undefined], name);
  }
  assertContainsNone(JSON.stringify(vscode.workspace.getConfiguration('api2cartWix')), values, 'the api2cartWix configuration');
  const files = settingsFiles(services);
  assert.ok(fs.existsSync(files[0]!), `the user settings file is where expected: ${files[0]}`);
  for (const file of files.filter((f) => fs.existsSync(f))) assertContainsNone(fs.readFileSync(file, 'utf8'), values, file);
}
