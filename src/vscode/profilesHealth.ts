import vscode = require('vscode');
import { actionCommands } from './commandIds';
import { JsonDocuments } from './jsonDocuments';
import { showProblem } from './problems';
import type { Services } from './services';

/**
 * Says so when the saved store profiles cannot be read: once per copy kept, with a button to see
 * that copy and one to set the Instance ID again. The status bar shows the same problem for as
 * long as it lasts (statusModel).
 */
export function watchProfilesHealth(s: Services): vscode.Disposable {
  const documents = new JsonDocuments('api2cart-wix-profiles', s.redactor,
    vscode.l10n.t('This copy is no longer in memory; run the action again.'));
  const announced = new Set<string>();

  async function showCopies(): Promise<void> {
    const copies = await s.profiles.unreadableCopies();
    if (!copies.ok) return void showProblem(copies.error, s.redactor);
    await documents.show('unreadable-store-profiles', {
      _notes: [vscode.l10n.t('The store profiles documents that could not be read, oldest first, as they were saved. They hold no secrets: store keys are kept separately.')],
      copies: copies.value.map(({ key, text }) => ({ keptAs: key, text })),
    });
  }

  async function check(): Promise<void> {
    const summary = await s.profiles.summary();
    const problem = summary.ok ? summary.value.profilesProblem : undefined;
    // Once the document reads cleanly again, a later breakage is news again.
    if (!problem) return announced.clear();
    if (announced.has(problem.message)) return;
    announced.add(problem.message);
    s.log.warn(`${problem.kind}: ${problem.message}`);
    const show = vscode.l10n.t('Show Copy');
    const set = vscode.l10n.t('Set Instance ID…');
    const choice = await vscode.window.showWarningMessage(problem.message, show, set);
    if (choice === show) await showCopies();
    else if (choice === set) await vscode.commands.executeCommand(actionCommands.setInstanceId.command);
  }

  void check();
  const subscription = s.profiles.onDidChange((change) => {
    if (change.item === 'profiles') void check();
  });
  return vscode.Disposable.from(subscription, documents);
}
