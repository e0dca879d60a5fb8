import vscode = require('vscode');

/**
 * Where a store key may go. Read through here so the integration tests can play an untrusted or
 * virtual workspace (the harness runs a trusted, local one).
 */
export interface WorkspaceFacts {
  readonly trusted: boolean;
  readonly folders: readonly vscode.WorkspaceFolder[];
}

let override: Partial<WorkspaceFacts> | undefined;

export function workspaceFacts(): WorkspaceFacts {
  return {
    trusted: override?.trusted ?? vscode.workspace.isTrusted,
    folders: override?.folders ?? vscode.workspace.workspaceFolders ?? [],
  };
}

/** For the integration tests only (exported through src/vscode/testHooks.ts). */
export function overrideWorkspaceFacts(facts: Partial<WorkspaceFacts> | undefined): void {
  override = facts;
}

export const MANAGE_TRUST_COMMAND = 'workbench.trust.manage';

/** The refusal for Restricted Mode: the key never leaves secret storage in a workspace that is not trusted. */
export async function refuseUntrusted(what: string): Promise<void> {
  const manage = vscode.l10n.t('Manage Workspace Trust');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} is turned off in Restricted Mode: the store key never leaves secret storage in a workspace you have not trusted. Trust this workspace first.', what),
    manage,
  );
  if (choice === manage) await vscode.commands.executeCommand(MANAGE_TRUST_COMMAND);
}
