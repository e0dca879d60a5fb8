import vscode = require('vscode');
import { inertText } from '../../core/inertText';
import type { CheckedRequest } from '../../core/requests';
import { requestsCore } from '../lazyCore';

/** The writes (method, parameters, store) the person confirmed in this window. */
export class WriteConfirmations {
  private readonly confirmed = new Set<string>();

  /** Once per method, parameters and store in this window: any change asks again. */
  async confirm(request: CheckedRequest, profileId: string, name: string, url: string | undefined): Promise<boolean> {
    const key = requestsCore().writeConfirmationKey(request, profileId);
    if (this.confirmed.has(key)) return true;
    const send = vscode.l10n.t('Send');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} changes the live store "{1}"{2}. Send it?', request.method, inertText(name), url ? ` (${inertText(url)})` : ''),
      { modal: true, detail: vscode.l10n.t('{0} {1}.json writes to the store\'s data through API2Cart. You are asked again whenever the method, a parameter or the store changes.', request.spec.http, request.method) },
      send,
    );
    if (choice !== send) return false;
    this.confirmed.add(key);
    return true;
  }
}
