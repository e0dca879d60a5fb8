/**
 * Where the webhook receiver can be reached, and which address to give Wix. In a remote window
 * (SSH, WSL, a container, Codespaces, code-server) the receiver runs on the remote machine:
 * 127.0.0.1 there is not 127.0.0.1 where the person sits. VS Code maps the local address to one
 * that works from outside (asExternalUri: a forwarded port, code-server's /proxy/<port>/); that is
 * the address to copy, show and test through.
 */
export type ReceiverSetting = 'local' | 'remote' | 'codespaces';

export interface ReceiverAddress {
  /** The address the receiver listens on, e.g. http://127.0.0.1:8787/webhook. */
  readonly local: string;
  /** What VS Code maps it to, when that differs from `local`. */
  readonly external?: string;
  readonly port: number;
  readonly setting: ReceiverSetting;
}

export function receiverAddress(local: string, external: string | undefined, remoteName: string | undefined): ReceiverAddress {
  const port = Number(new URL(local).port);
  const differs = external !== undefined && normalise(external) !== normalise(local);
  const setting: ReceiverSetting = remoteName === 'codespaces' ? 'codespaces' : remoteName !== undefined || differs ? 'remote' : 'local';
  return { local, ...(differs ? { external } : {}), port, setting };
}

/** The address to copy and give a tunnel or Wix: the external one when there is one. */
export function shareUrl(address: ReceiverAddress): string {
  return address.external ?? address.local;
}

/** One or two sentences on which address to give a tunnel or Wix, for notifications and tooltips. */
export function receiverAdvice(address: ReceiverAddress): string {
  const path = new URL(address.local).pathname;
  switch (address.setting) {
    case 'codespaces':
      return `In Codespaces, set port ${address.port} to Public in the Ports view and give Wix ${shareUrl(address)} directly: no tunnel is needed. ${address.local} works only inside the codespace.`;
    case 'remote':
      return address.external
        ? `This window is remote, so the receiver runs on the remote machine, where ${address.local} is its address. From outside it is reached at ${address.external}: give that address to your tunnel, or to Wix when it is public HTTPS.`
        : `This window is remote, so the receiver runs on the remote machine at ${address.local}. Forward port ${address.port} (Ports view) and give Wix, or your tunnel, the forwarded address + ${path}.`;
    case 'local':
      return `Wix needs a public HTTPS address: forward port ${address.port} (Ports view, set it to Public) or point any tunnel at it, then subscribe the App Installed webhook to that address + ${path}.`;
  }
}

export interface ReceiverItemView {
  readonly text: string;
  /** Plain lines: the addresses, the advice, what a click offers. */
  readonly tooltip: readonly string[];
  readonly accessibilityLabel: string;
}

/** The receiver's own status-bar item, shown while it runs. */
export function presentReceiverItem(address: ReceiverAddress, deliveries: number): ReceiverItemView {
  const count = `${deliveries} deliver${deliveries === 1 ? 'y' : 'ies'} so far`;
  const tooltip = [
    `Webhook receiver on port ${address.port}: ${count}`,
    ...(address.external ? [`External URL: ${address.external}`] : []),
    `Local URL: ${address.local}`,
    receiverAdvice(address),
    'Click for deliveries, Copy URL, Send Test Webhook and Stop.',
  ];
  return {
    // Labelled, and not VS Code's forwarded-ports icon (radio-tower), which sits beside it.
    text: `$(broadcast) Wix webhooks :${address.port}`,
    tooltip,
    accessibilityLabel: `Webhook receiver on port ${address.port}, ${count}. ${shareUrl(address)}. Click for deliveries, copy URL, test webhook and stop.`,
  };
}

const normalise = (url: string): string => url.replace(/\/+$/, '').replace('//localhost:', '//127.0.0.1:');
