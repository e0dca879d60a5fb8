import { strict as assert } from 'node:assert';
import { presentReceiverItem, receiverAddress, receiverAdvice, shareUrl } from '../../../src/core/webhook/receiverAddress';

describe('receiver address: which URL to give a tunnel or Wix', () => {
  const local = 'http://127.0.0.1:8787/webhook';

  it('a local window: one address, forward it or tunnel to it', () => {
    for (const external of [undefined, local, 'http://localhost:8787/webhook', `${local}/`]) {
      const address = receiverAddress(local, external, undefined);
      assert.deepEqual(address, { local, port: 8787, setting: 'local' }, String(external));
      assert.equal(shareUrl(address), local);
    }
    assert.match(receiverAdvice(receiverAddress(local, undefined, undefined)), /^Wix needs a public HTTPS address: forward port 8787 \(Ports view, set it to Public\) or point any tunnel at it/);
  });

  it('code-server or any remote window: the external address is the one to share, the local one is named as remote-only', () => {
    const external = 'http://127.0.0.1:41099/proxy/8787/webhook';
    const address = receiverAddress(local, external, '127.0.0.1:41099');
    assert.equal(address.setting, 'remote');
    assert.equal(shareUrl(address), external);
    const advice = receiverAdvice(address);
    assert.match(advice, /This window is remote, so the receiver runs on the remote machine, where http:\/\/127\.0\.0\.1:8787\/webhook is its address\./);
    assert.match(advice, /From outside it is reached at http:\/\/127\.0\.0\.1:41099\/proxy\/8787\/webhook: give that address to your tunnel, or to Wix when it is public HTTPS\./);
  });

  it('a remote window whose mapping is not known yet still says to forward the port', () => {
    assert.match(receiverAdvice(receiverAddress(local, local, 'ssh-remote')), /Forward port 8787 \(Ports view\)/);
  });

  it('Codespaces: a public port needs no tunnel', () => {
    const address = receiverAddress(local, 'https://shiny-space-8787.app.github.dev/webhook', 'codespaces');
    assert.match(receiverAdvice(address), /^In Codespaces, set port 8787 to Public in the Ports view and give Wix https:\/\/shiny-space-8787\.app\.github\.dev\/webhook directly: no tunnel is needed\./);
  });

  it('the status-bar item: a label and the port, not VS Code\'s ports icon; both URLs, the advice and the actions in the tooltip', () => {
    const view = presentReceiverItem(receiverAddress(local, 'http://127.0.0.1:41099/proxy/8787/webhook', 'x'), 3);
    assert.equal(view.text, '$(broadcast) Wix webhooks :8787');
    // VS Code's own forwarded-ports item uses radio-tower; beside it ours must not look the same.
    assert.ok(!view.text.includes('$(radio-tower)'));
    assert.deepEqual(view.tooltip.slice(0, 3), [
      'Webhook receiver on port 8787: 3 deliveries so far',
      'External URL: http://127.0.0.1:41099/proxy/8787/webhook',
      'Local URL: http://127.0.0.1:8787/webhook',
    ]);
    assert.match(view.tooltip.at(-1)!, /Click for deliveries, Copy URL, Send Test Webhook and Stop/);
    assert.match(view.accessibilityLabel, /^Webhook receiver on port 8787, 3 deliveries so far\. http:\/\/127\.0\.0\.1:41099\/proxy\/8787\/webhook\./);
    assert.equal(presentReceiverItem(receiverAddress(local, undefined, undefined), 1).tooltip[0], 'Webhook receiver on port 8787: 1 delivery so far');
  });
});
