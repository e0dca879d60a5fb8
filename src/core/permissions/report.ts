/**
 * The check as a Markdown document the person keeps with the project: results per group, what to
 * check on the app's Permissions page for each failure, what was not checked and why, the
 * platform's method list, and the app instance's permissions exactly as Wix returned them.
 */
import {
  APPROVAL_NOTE,
  clauseLabel,
  markdownCell,
  requirementsOf,
  scopeIdMarkdown,
  type Clause,
  type MethodName,
} from '../scopes';
import {
  entityLabel,
  failureConclusion,
  failureHint,
  failureText,
  outcomeLabel,
  outcomeText,
  summaryLine,
  unlistedConclusion,
  unlistedMethods,
} from './format';
import { looksNotYetApproved } from './notApproved';
import type { EntityCheck, PlatformCheck, ProbeRun, VerificationResult, WixCheck } from './types';

export interface ReportOptions {
  /** e.g. "2025-02-03 14:02 UTC"; shown under the title. */
  readonly date?: string;
}

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;
const codes = (items: readonly string[]): string => items.map(code).join(', ');

/** "Read Orders (`SCOPE.DC-STORES.READ-ORDERS`) or …" */
function clauseWithIds(clause: Clause): string {
  return clause
    .map((scope) => {
      const id = scopeIdMarkdown(scope);
      return id ? `${scope} (${id})` : scope;
    })
    .join(' **or** ');
}

/** Ticked methods of the entity whose requirements include `clause`. */
const neededBy = (clause: Clause, methods: readonly MethodName[]): MethodName[] =>
  methods.filter((m) => requirementsOf(m).some((own) => clauseLabel(own) === clauseLabel(clause)));

function resultsTable(entities: readonly EntityCheck[], unlisted: readonly MethodName[]): string[] {
  const rows = entities.map((e) => {
    const probes = e.probes.length > 0 ? e.probes.map((p) => `${code(p.method)}: ${outcomeLabel(p.outcome)}`).join('; ') : '—';
    const ticked = e.methods.length > 0 ? codes(e.methods) : 'picked';
    return `| ${e.entity} | **${entityLabel(e, unlisted)}** | ${markdownCell(probes)} | ${markdownCell(ticked)} |`;
  });
  return ['| Group | Result | Probes | Ticked methods |', '|---|---|---|---|', ...rows, ''];
}

const notYetApproved = (p: ProbeRun): boolean => p.outcome.kind === 'fails' && looksNotYetApproved(p.outcome.said ?? p.outcome.message);

function notYetApprovedCause(methods: readonly MethodName[], added: readonly Clause[]): string {
  const cause = `**Likely cause for ${codes(methods)}: a permission not yet approved on this site.** Wix refused with 403 or with no message. ` +
    'A permission added after this site installed the app reaches the site only with a new app version, once the site owner approves it.';
  return added.length > 0
    ? `${cause} Added to the plan since this store was added: ${added.map(clauseWithIds).join('; ')}.`
    : `${cause} The scope drift lists no added permission, so compare the app's Permissions page with the ones below.`;
}

function failures(result: VerificationResult): string[] {
  const { entities } = result;
  const hint = failureHint(result);
  const added = result.addedSinceInstall ?? [];
  const out = ['## What to check on the app\'s Permissions page', ''];
  const failing = entities.flatMap((e) => e.probes.filter((p) => p.outcome.kind === 'fails').map((p) => ({ e, p })));
  if (failing.length === 0) return [...out, 'No probe failed.', ''];
  out.push(
    'For each failure, the guide lists these Wix permissions for the probe and for the ticked methods it stands for. ' +
      'Check that the app requests each of them (Wix app dashboard → Develop → Permissions) and that the site owner approved them.',
    '',
  );
  if (hint !== undefined) out.push(hint, '');
  const refused = failing.filter(({ p }) => notYetApproved(p)).map(({ p }) => p.method);
  if (refused.length > 0) out.push(notYetApprovedCause(refused, added), '');
  for (const { e, p } of failing) {
    out.push(`### ${e.entity}: ${code(p.method)}`, '', `**${failureConclusion(result, e, p)}**`, '', failureText(result, p), '');
    for (const clause of p.permissionsToCheck ?? []) out.push(`- ${clauseWithIds(clause)}`);
    out.push('');
  }
  return out;
}

function noVerdict(entities: readonly EntityCheck[]): string[] {
  const lines = entities.flatMap((e) =>
    e.probes
      .filter((p) => ['rate-limited', 'timed-out', 'unavailable', 'cancelled'].includes(p.outcome.kind))
      .map((p) => `- **${e.entity}**: ${outcomeText(p.method, p.outcome)}`),
  );
  if (lines.length === 0) return [];
  return ['## No verdict', '', 'These probes said nothing about permissions; run the check again later.', '', ...lines, ''];
}

function notChecked(entities: readonly EntityCheck[]): string[] {
  const lines = entities.flatMap((e) => {
    if (e.notProbedReason !== undefined) return [`- **${e.entity}** (not probed): ${e.notProbedReason}`];
    return e.notChecked.length > 0 ? [`- **${e.entity}**: not checked by a probe: ${codes(e.notChecked)} (probes only read, and never write).`] : [];
  });
  const exercised = entities.flatMap((e) =>
    e.notExercised.map((c) => `- **${e.entity}**: ${clauseWithIds(c)}, needed by ${codes(neededBy(c, e.methods))}`),
  );
  const out: string[] = [];
  if (lines.length > 0) out.push('## Not probed', '', ...lines, '');
  if (exercised.length > 0) {
    out.push(
      '## Permissions the working probes did not exercise',
      '',
      'A probe that works shows that its own permissions are granted. The ticked methods also need these:',
      '',
      ...exercised,
      '',
    );
  }
  return out;
}

function platformSection(platform: PlatformCheck, methods: readonly MethodName[]): string[] {
  const out = ['## The platform\'s methods (`cart.methods`)', ''];
  switch (platform.kind) {
    case 'read': {
      const source = platform.cached ? 'read earlier in this session' : 'read now';
      out.push(`\`cart.methods\` lists ${platform.methods} methods for this store (${source}).`);
      if (platform.methods === 0) out.push('An empty list proves nothing, so no ticked method is flagged.');
      else if (platform.unsupported.length > 0) out.push(`Ticked methods **not on the list**: ${codes(platform.unsupported)}.`);
      else if (methods.length > 0) out.push('Every ticked method is on the list.');
      break;
    }
    default:
      out.push(notRead(platform));
  }
  return [...out, ''];
}

/** Why cart.methods or the app instance was not read. */
function notRead(check: Exclude<PlatformCheck | WixCheck, { kind: 'read' }>): string {
  if (check.kind === 'failed') return `Not read: ${check.message}`;
  if (check.kind === 'skipped') return `Not read: ${check.reason}`;
  return 'Not read: the check was cancelled first.';
}

function wixSection(wix: WixCheck): string[] {
  const out = ['## The app instance on Wix (`GET /apps/v1/instance`)', ''];
  switch (wix.kind) {
    case 'read': {
      const who = [wix.appName && `App: ${wix.appName}.`, wix.siteName && `Site: ${wix.siteName}.`, wix.appVersion && `App version on this site: ${code(wix.appVersion)}.`].filter(Boolean).join(' ');
      if (who) out.push(who, '');
      out.push(
        'Permissions Wix reports for the app on this site, exactly as Wix returned them. Wix does not document how ' +
          'these ids relate to the permission names above (it is many-to-many), so they are not matched to them.',
        '',
      );
      if (wix.permissions.length === 0) out.push('Wix returned no permissions.');
      else for (const permission of wix.permissions) out.push(`- ${code(permission)}`);
      break;
    }
    default:
      out.push(notRead(wix));
  }
  return [...out, ''];
}

export function formatVerificationMarkdown(result: VerificationResult, options: ReportOptions = {}): string {
  const out = [`# Store permission check: ${result.store.name}`, ''];
  const what = result.methods.length > 0 ? `${result.methods.length} ticked API2Cart method${result.methods.length === 1 ? '' : 's'}` : 'the picked groups';
  out.push(
    `Checked${options.date ? ` ${options.date}` : ''} for ${what}` +
      `${result.durationMs !== undefined ? ` in ${(result.durationMs / 1000).toFixed(1)} s` : ''}: ${summaryLine(result)}. ` +
      'Every probe is a read-only GET; methods that write are never called.',
    '',
  );
  if (result.status === 'cancelled') out.push('**The check was cancelled.** Probes marked "Not sent" never reached API2Cart.', '');
  const unlisted = unlistedMethods(result);
  out.push('## Results by group', '', ...resultsTable(result.entities, unlisted));
  const amber = result.entities.map((e) => unlistedConclusion(e, unlisted)).filter((line) => line !== undefined);
  if (amber.length > 0) out.push(...amber.map((line) => `- **${line}**`), '');
  out.push(...failures(result), ...noVerdict(result.entities), ...notChecked(result.entities));
  out.push(...platformSection(result.platform, result.methods), ...wixSection(result.wix));
  out.push('## Notes', '', `- ${APPROVAL_NOTE}`, '');
  return out.join('\n');
}
