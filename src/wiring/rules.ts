import type { RuleMeta } from '../rules.js';

const SECRETS_DOCS =
  'https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions';

type WiringRule = Omit<RuleMeta, 'category'>;

const RULES: readonly WiringRule[] = [
  {
    id: 'wiring/name-mismatch',
    severity: 'high',
    short: 'A workflow provides the key under a near-miss of the name the code reads',
    full: 'The code reads one variable name and the workflow sets another that differs only by case, underscores, API/APIKEY or a typo: the code sees nothing.',
    help: 'Rename the variable in the workflow `env:` to the name the code reads.',
    helpUri: SECRETS_DOCS,
    tags: ['wiring', 'ci'],
  },
  {
    id: 'wiring/key-not-provided',
    severity: 'medium',
    short: 'The code reads an LLM key that no workflow provides',
    full: 'The code (or an SDK it constructs without a key argument) reads an LLM key variable, a workflow runs that code, and no workflow maps the variable: the job runs with it unset.',
    help: 'Map the secret in the job or step that runs the code: `env: NAME: ${{ secrets.NAME }}`.',
    helpUri: SECRETS_DOCS,
    tags: ['wiring', 'ci'],
  },
  {
    id: 'wiring/invalid-secret-name',
    severity: 'high',
    short: 'A workflow references a secret name GitHub cannot store',
    full: 'Secret names may hold only letters, digits and underscores, must not start with a digit or `GITHUB_`: the reference always evaluates to an empty string.',
    help: 'Use the exact name of a defined secret (letters, digits, underscores).',
    helpUri: SECRETS_DOCS,
    tags: ['wiring', 'ci'],
  },
  {
    id: 'wiring/secret-not-passed',
    severity: 'high',
    short: 'A reusable workflow reads a secret its caller does not pass',
    full: 'A called workflow sees only the secrets passed in the caller job `secrets:` (or all with `secrets: inherit`); any other `secrets.X` is empty there.',
    help: 'Pass the secret in the calling job, or use `secrets: inherit`.',
    helpUri:
      'https://docs.github.com/en/actions/sharing-automations/reusing-workflows#passing-inputs-and-secrets-to-a-reusable-workflow',
    tags: ['wiring', 'ci'],
  },
  {
    id: 'wiring/secret-in-run',
    severity: 'medium',
    short: 'A secret is interpolated straight into a run script',
    full: 'The expression is replaced before the shell starts: the secret is written into the generated script file, shows in `set -x` traces, and can break or inject shell syntax.',
    help: 'Map the secret to an environment variable in the step `env:` and use `"$NAME"` in the script.',
    helpUri:
      'https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions',
    tags: ['wiring', 'ci', 'security'],
  },
  {
    id: 'wiring/literal-key-in-workflow',
    severity: 'critical',
    short: 'A key is written as a literal in a workflow env',
    full: 'A workflow `env:` assigns a literal value to a key variable: the key is committed to the repository.',
    help: 'Revoke the key, store a new one as a secret, and map it with `${{ secrets.NAME }}`.',
    tags: ['wiring', 'security', 'secret'],
  },
  {
    id: 'wiring/env-value-is-code',
    severity: 'medium',
    short: 'A workflow env value is code of another language',
    full: 'A workflow `env:` value such as `os.environ["KEY"]` or `process.env.KEY` is not run by GitHub: the job gets that text as the value, and every call with it fails.',
    help: 'Map the secret with an expression: `NAME: ${{ secrets.NAME }}`.',
    helpUri: SECRETS_DOCS,
    tags: ['wiring', 'ci'],
  },
  {
    id: 'wiring/legacy-openai-name',
    severity: 'medium',
    short: 'An openai 0.x variable name is used with a 1.x SDK',
    full: 'The openai SDK 1.x (Python) and 4.x (Node) ignore `OPENAI_API_BASE` and `OPENAI_ORGANIZATION`: requests go to the default endpoint and organisation.',
    help: 'Rename `OPENAI_API_BASE` to `OPENAI_BASE_URL` and `OPENAI_ORGANIZATION` to `OPENAI_ORG_ID`.',
    helpUri: 'https://github.com/openai/openai-python/discussions/742',
    tags: ['wiring', 'sdk'],
  },
  {
    id: 'wiring/env-file-tracked',
    severity: 'medium',
    short: 'A .env file is committed',
    full: 'A `.env` file holds the secrets of one machine; tracked by git, every clone gets them.',
    help: 'Remove it from the index (`git rm --cached .env`), add `.env` to `.gitignore`, and rotate every key it held.',
    tags: ['wiring', 'security'],
  },
  {
    id: 'wiring/env-not-ignored',
    severity: 'low',
    short: '.gitignore does not ignore .env',
    full: 'The repository reads its keys from the environment but its `.gitignore` does not ignore `.env`: the next `git add .` commits them.',
    help: 'Add `.env` (and `.env.*`, with `!.env.example`) to `.gitignore`.',
    tags: ['wiring', 'security'],
  },
  {
    id: 'wiring/key-missing',
    severity: 'high',
    short: 'The key variable is missing or empty in the step',
    full: 'The variable the key is expected under is unset or empty in the step, with the likely reason: a fork pull request, a Dependabot run, a job without the environment that holds the secret, a differently named mapping, or a secret that is not defined.',
    help: 'Define the secret and map it in the job: `env: NAME: ${{ secrets.NAME }}`.',
    helpUri: SECRETS_DOCS,
    tags: ['wiring', 'runtime'],
  },
  {
    id: 'wiring/key-malformed',
    severity: 'high',
    short: 'The key value is malformed',
    full: 'The value has whitespace or a newline around it, wrapping quotes, a `Bearer ` or `NAME=` prefix, invisible or non-ASCII characters, or is shorter than the provider shape: the provider rejects it.',
    help: 'Paste the key again into the secret, exactly as the provider shows it, with nothing around it.',
    tags: ['wiring', 'runtime'],
  },
  {
    id: 'wiring/key-placeholder',
    severity: 'high',
    short: 'The key value is a placeholder',
    full: 'The variable holds a placeholder (`your-api-key`, `changeme`, an unexpanded `${{ }}`), not a key.',
    help: 'Store the real key as a secret and map it to the variable.',
    tags: ['wiring', 'runtime'],
  },
  {
    id: 'wiring/key-wrong-provider',
    severity: 'high',
    short: "The variable holds another provider's key",
    full: 'The value is a valid key of another provider than the variable name promises (an Anthropic key in `OPENAI_API_KEY`).',
    help: 'Store the key of the right provider under this name, or read the other key under its own name.',
    tags: ['wiring', 'runtime'],
  },
  {
    id: 'wiring/admin-key-in-ci',
    severity: 'high',
    short: 'An admin key is used for ordinary calls',
    full: 'Admin keys manage the whole organisation (keys, members, billing); ordinary API calls do not need them, and in CI they are over-privileged.',
    help: 'Create a project or service-account key with only the permissions the job needs and use that instead.',
    tags: ['wiring', 'runtime', 'security'],
  },
  {
    id: 'wiring/openai-org-project-set',
    severity: 'info',
    short: 'OPENAI_ORG_ID or OPENAI_PROJECT_ID is set',
    full: 'The SDKs send these as `OpenAI-Organization` / `OpenAI-Project` headers by themselves; a stale value gives `mismatched_organization` / `mismatched_project` on every call.',
    help: 'Unset them unless the key belongs to several organisations or projects, and then check they match the key.',
    tags: ['wiring', 'runtime'],
  },
  {
    id: 'wiring/invalid-base-url',
    severity: 'high',
    short: 'OPENAI_BASE_URL or ANTHROPIC_BASE_URL is not a valid endpoint',
    full: 'The base URL must be an https URL; the OpenAI SDKs expect it to end in `/v1`, the Anthropic SDKs add `/v1` themselves.',
    help: 'Set it to the endpoint root, e.g. `https://api.openai.com/v1` or `https://api.anthropic.com`, or unset it.',
    tags: ['wiring', 'runtime'],
  },
];

export const WIRING_RULES: RuleMeta[] = RULES.map((r) => ({ ...r, category: 'wiring' }));

export function wiringRule(id: string): RuleMeta {
  const r = WIRING_RULES.find((x) => x.id === id);
  if (!r) throw new Error(`unknown wiring rule ${id}`);
  return r;
}
