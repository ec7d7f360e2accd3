import type { Severity } from '../finding.js';
import type { Dashboards } from './providers.js';

/** The `live-status` output words, in the order of failure-modes.md. */
export const LIVE_STATUSES = [
  'ok',
  'invalid_key',
  'missing_key',
  'deactivated',
  'key_leaked',
  'no_organization',
  'org_mismatch',
  'project_mismatch',
  'missing_scope',
  'forbidden',
  'ip_not_allowed',
  'network_blocked',
  'region_unsupported',
  'service_disabled',
  'model_not_found',
  'model_retired',
  'insufficient_quota',
  'rate_limited',
  'request_too_large',
  'server_error',
  'outage',
  'dns_error',
  'connect_error',
  'tls_error',
  'proxy_error',
  'insecure_endpoint',
  'timeout',
  'unknown_error',
  'unexpected_response',
] as const;
export type LiveStatus = (typeof LIVE_STATUSES)[number];

export interface StatusInfo {
  title: string;
  /**
   * `high` fails the step under the default `fail-on: high`. `rate_limited` and `outage` are `medium`:
   * a warning annotation that fails only with `fail-on: medium` or lower, because waiting fixes them.
   */
  severity: Severity;
  fix: string;
  /** Which provider page the finding links to. */
  dashboard: keyof Dashboards;
  /** Worth another attempt within the time budget. */
  retry: boolean;
  /**
   * What a leaked key with this answer is: accepted by the provider, refused, or unknown. A 404 on the
   * verify call (a listing, not a model) says nothing certain about the key.
   */
  verdict: 'live' | 'dead' | 'unknown';
}

export const STATUS_INFO: Record<Exclude<LiveStatus, 'ok'>, StatusInfo> = {
  invalid_key: {
    title: 'The provider rejects the key',
    severity: 'high',
    fix: 'Create a new key in the provider dashboard and update the secret; check that the whole key was pasted, with no quotes or spaces.',
    dashboard: 'keys',
    retry: false,
    verdict: 'dead',
  },
  missing_key: {
    title: 'No key reached the provider',
    severity: 'high',
    fix: 'Set the secret and pass it to this step under the expected name (`env: NAME: ${{ secrets.NAME }}`), and send it as `Authorization: Bearer <key>` (or the header the provider expects).',
    dashboard: 'keys',
    retry: false,
    verdict: 'unknown',
  },
  deactivated: {
    title: 'The key or its account is deactivated',
    severity: 'high',
    fix: 'The provider has deactivated, disabled or restricted the account, organisation or key: reactivate it in the dashboard or ask the provider’s support, or create a key in an active account, then update the secret.',
    dashboard: 'keys',
    retry: false,
    verdict: 'dead',
  },
  key_leaked: {
    title: 'The provider disabled the key because it was reported as leaked',
    severity: 'high',
    fix: 'Create a new key, keep it only in a secret (never in the repository, logs or a client app), update the secret, and delete the leaked one.',
    dashboard: 'keys',
    retry: false,
    verdict: 'dead',
  },
  no_organization: {
    title: 'The key belongs to no organisation',
    severity: 'high',
    fix: 'Join or create an organisation in the provider dashboard, then create a key in it.',
    dashboard: 'settings',
    retry: false,
    verdict: 'live',
  },
  org_mismatch: {
    title: 'The organisation header disagrees with the key',
    severity: 'high',
    fix: 'Unset OPENAI_ORG_ID (or set it to the organisation the key belongs to): the SDKs send it as the OpenAI-Organization header.',
    dashboard: 'settings',
    retry: false,
    verdict: 'live',
  },
  project_mismatch: {
    title: 'The project header disagrees with the key',
    severity: 'high',
    fix: 'Unset OPENAI_PROJECT_ID (or set it to the project the key belongs to): the SDKs send it as the OpenAI-Project header.',
    dashboard: 'settings',
    retry: false,
    verdict: 'live',
  },
  missing_scope: {
    title: 'The key lacks a permission',
    severity: 'high',
    fix: 'Give the restricted key the scopes the code needs (or use an unrestricted key) in the provider dashboard.',
    dashboard: 'keys',
    retry: false,
    verdict: 'live',
  },
  forbidden: {
    title: 'The provider refuses the request (forbidden)',
    severity: 'high',
    fix: 'keylint does not know this refusal: read the provider’s own words above, then check the key’s permissions, the account’s status and the provider’s dashboard.',
    dashboard: 'settings',
    retry: false,
    verdict: 'unknown',
  },
  ip_not_allowed: {
    title: "The runner's IP address is not on the key's allowlist",
    severity: 'high',
    fix: "Add the runner's egress addresses to the project's IP allowlist, or run on a runner with a fixed address.",
    dashboard: 'settings',
    retry: false,
    verdict: 'live',
  },
  network_blocked: {
    title: 'A network rule on the provider’s resource refuses the runner',
    severity: 'high',
    fix: 'A firewall, virtual-network or private-endpoint rule on the resource refuses requests from the runner: allow the runner’s egress addresses in the resource’s networking settings, or run the job on a runner inside the allowed network.',
    dashboard: 'settings',
    retry: false,
    verdict: 'unknown',
  },
  region_unsupported: {
    title: "The provider does not serve the runner's region",
    severity: 'high',
    fix: 'Run the job from a supported country or region (a self-hosted runner or another cloud region).',
    dashboard: 'settings',
    retry: false,
    verdict: 'live',
  },
  service_disabled: {
    title: 'The API is not enabled in the key’s project',
    severity: 'high',
    fix: 'Enable the API in the project the key belongs to (or create the key in a project where it is enabled), wait a few minutes, then retry.',
    dashboard: 'settings',
    retry: false,
    verdict: 'live',
  },
  model_not_found: {
    title: 'The key cannot use a model the code names',
    severity: 'high',
    fix: 'Check the model name for typos, or give the project access to it in the provider dashboard.',
    dashboard: 'limits',
    retry: false,
    verdict: 'unknown',
  },
  model_retired: {
    title: 'A model the code names has been retired',
    severity: 'high',
    fix: 'Move to the replacement model the provider names in its deprecations page.',
    dashboard: 'limits',
    retry: false,
    verdict: 'unknown',
  },
  insufficient_quota: {
    title: 'No credit or quota left',
    severity: 'high',
    fix: 'Add credit or raise the spend limit in the billing page; retrying will not help.',
    dashboard: 'billing',
    retry: false,
    verdict: 'live',
  },
  rate_limited: {
    title: 'Rate limited',
    severity: 'medium',
    fix: 'Wait for the reset, lower the request rate of the job, or ask for a higher limit.',
    dashboard: 'limits',
    retry: true,
    verdict: 'live',
  },
  request_too_large: {
    title: 'The request is larger than the provider allows',
    severity: 'high',
    fix: 'Send a smaller request (fewer tokens per request, or a smaller body) or ask for a higher limit; waiting does not help.',
    dashboard: 'limits',
    retry: false,
    verdict: 'live',
  },
  server_error: {
    title: 'The provider failed to answer',
    severity: 'high',
    fix: 'Retry later; if it persists, contact the provider with the request id.',
    dashboard: 'settings',
    retry: true,
    verdict: 'unknown',
  },
  outage: {
    title: 'The provider reports an incident',
    severity: 'medium',
    fix: 'Wait for the incident on the status page to be resolved; the key itself may be fine.',
    dashboard: 'settings',
    retry: true,
    verdict: 'unknown',
  },
  dns_error: {
    title: "The provider's host name does not resolve",
    severity: 'high',
    fix: 'Check the base URL variable for typos and the runner’s DNS (a private runner may need a resolver that knows the host).',
    dashboard: 'settings',
    retry: true,
    verdict: 'unknown',
  },
  connect_error: {
    title: 'Cannot connect to the provider',
    severity: 'high',
    fix: 'Check the base URL and port, and that a firewall lets the runner reach the host (or set HTTPS_PROXY).',
    dashboard: 'settings',
    retry: true,
    verdict: 'unknown',
  },
  tls_error: {
    title: 'The TLS handshake with the provider failed',
    severity: 'high',
    fix: "If a corporate proxy inspects TLS, point NODE_EXTRA_CA_CERTS (and SSL_CERT_FILE / REQUESTS_CA_BUNDLE for Python) at its CA certificate; otherwise check the base URL's host.",
    dashboard: 'settings',
    retry: true,
    verdict: 'unknown',
  },
  proxy_error: {
    title: 'The proxy did not let the request through',
    severity: 'high',
    fix: 'Check HTTPS_PROXY / HTTP_PROXY (and NO_PROXY) for this step, and that the proxy allows the provider host.',
    dashboard: 'settings',
    retry: true,
    verdict: 'unknown',
  },
  insecure_endpoint: {
    title: 'The key would travel over plain http',
    severity: 'high',
    fix: 'Point the base URL at an https:// endpoint (plain http:// is accepted only for a loopback address such as 127.0.0.1): keylint never sends a key where anyone on the path can read it.',
    dashboard: 'settings',
    retry: false,
    verdict: 'unknown',
  },
  timeout: {
    title: 'The provider did not answer in time',
    severity: 'high',
    fix: 'Raise live-timeout, or check the network path (a firewall that drops packets looks like this).',
    dashboard: 'settings',
    retry: true,
    verdict: 'unknown',
  },
  unknown_error: {
    title: 'The provider answered with an error keylint does not know',
    severity: 'high',
    fix: 'Read the provider’s code and message quoted above and look them up in its error reference; keylint cannot name this cause yet.',
    dashboard: 'settings',
    retry: false,
    verdict: 'unknown',
  },
  unexpected_response: {
    title: 'The answer is not the provider’s API',
    severity: 'high',
    fix: 'An HTML, non-JSON or empty body usually comes from a proxy, a captive portal or a wrong base URL: check them.',
    dashboard: 'settings',
    retry: false,
    verdict: 'unknown',
  },
};

export function ruleIdOf(status: Exclude<LiveStatus, 'ok'>): string {
  return `live/${status.replace(/_/g, '-')}`;
}
