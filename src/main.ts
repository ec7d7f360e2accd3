import path from 'node:path';
import * as core from '@actions/core';
import { describeError, UserError } from './errors.js';
import { readEvent } from './event.js';
import {
  parseBool,
  parseFailOn,
  parseGateways,
  parseLiveMode,
  parseNameList,
  parsePositiveSeconds,
  parseScanMode,
} from './inputs.js';
import { todayFrom, type GitHubRun, type ScanOptions } from './options.js';
import { PROVIDER_IDS } from './live/providers.js';
import { runScan } from './pipeline.js';
import { startFor, type EarlyStart } from './scan-start.js';
import { annotate } from './report/annotations.js';
import { publishToGitHub } from './report/github.js';
import { leakedCount, renderJson } from './report/json.js';
import { repoPrefix } from './report/links.js';
import { renderSarif } from './report/sarif.js';
import { writeSummary } from './report/summary.js';
import { plural } from './report/verdict.js';
import { guardStandardStreams, outputValue, writeOutputFile } from './output.js';
import { enableRunnerMasking } from './secrets.js';

function githubRun(env: NodeJS.ProcessEnv): GitHubRun {
  const { event, problem } = readEvent(env);
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    event,
    ...(problem ? { eventProblem: problem } : {}),
    repository: env.GITHUB_REPOSITORY ?? '',
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    runId: env.GITHUB_RUN_ID ?? '',
    workflow: env.GITHUB_WORKFLOW ?? '',
    job: env.GITHUB_JOB ?? '',
    actor: env.GITHUB_ACTOR ?? '',
  };
}

/** Resolves a path input against the workspace, as every runner path is. */
function workspacePath(value: string, env: NodeJS.ProcessEnv): string {
  return path.resolve(env.GITHUB_WORKSPACE ?? process.cwd(), value);
}

export function actionOptions(env: NodeJS.ProcessEnv = process.env): ScanOptions {
  const input = (name: string, fallback = ''): string => core.getInput(name) || fallback;
  const config = input('config');
  const baseline = input('baseline');
  return {
    root: workspacePath(input('path', '.'), env),
    failOn: parseFailOn(input('fail-on', 'high')),
    configPath: config ? workspacePath(config, env) : undefined,
    scan: parseScanMode(input('scan', 'auto')),
    keyEnv: parseNameList(input('key-env'), 'key-env'),
    live: parseLiveMode(input('live-check', 'off')),
    liveTimeoutSec: parsePositiveSeconds(input('live-timeout', '30'), 'live-timeout'),
    verifyLeaked: parseBool(input('verify-leaked', 'false'), 'verify-leaked'),
    verifyGateways: parseGateways([input('verify-gateway')], 'verify-gateway', PROVIDER_IDS),
    baselinePath: baseline ? workspacePath(baseline, env) : undefined,
    today: todayFrom(env),
    env: { ...env },
    inAction: true,
    github: githubRun(env),
    debug: core.isDebug(),
  };
}

/**
 * The action: inputs → pipeline → reporters → outputs and exit status. `early`: the scan the
 * launcher started (see index.ts).
 */
export async function run(early?: EarlyStart): Promise<void> {
  guardStandardStreams();
  enableRunnerMasking((secret) => core.setSecret(secret));
  const setOutput = (name: string, value: string): void => core.setOutput(name, outputValue(value));
  try {
    const options = actionOptions();
    const result = await runScan(options, [], startFor(options.root, early));

    // GitHub's reports first, so that a skipped one is a notice in every other report.
    const gh = await publishToGitHub(result, {
      comment: parseBool(core.getInput('comment') || 'true', 'comment'),
      checkRun: parseBool(core.getInput('check-run') || 'false', 'check-run'),
      token: core.getInput('github-token') || process.env.GITHUB_TOKEN || '',
    });
    result.notices.push(...gh.notices);
    if (options.github?.eventProblem)
      result.notices.unshift({ level: 'warning', message: options.github.eventProblem });
    const summaryProblem = writeSummary(result);
    if (summaryProblem) result.notices.push({ level: 'warning', message: summaryProblem });
    annotate(result.findings, result.notices, {
      prefix: repoPrefix(options),
      failing: result.verdict === 'fail',
    });

    const sarifInput = core.getInput('sarif-file') || 'keylint.sarif';
    const sarifPath = workspacePath(sarifInput, process.env);
    const sarifWritten = writeReportFile(sarifPath, renderSarif(result), 'SARIF file');
    const reportInput = core.getInput('report-file');
    const reportPath = reportInput
      ? workspacePath(reportInput, process.env)
      : path.join(process.env.RUNNER_TEMP || workspacePath('.', process.env), 'keylint-report.json');
    const reportWritten = writeReportFile(
      reportPath,
      renderJson(result, { comment: gh.comment, checkRun: gh.checkRun }),
      'JSON report',
    );

    setOutput('findings', String(result.findings.length));
    setOutput('leaked', String(leakedCount(result.findings)));
    setOutput('verdict', result.verdict);
    setOutput('sarif-file', sarifWritten ? sarifPath : '');
    setOutput('report', reportWritten ? reportPath : '');
    for (const [name, value] of Object.entries(result.outputs)) setOutput(name, value);

    if (result.verdict === 'fail')
      core.setFailed(
        `keylint: ${plural(result.failing, 'finding')} at or above fail-on=${options.failOn}; see the annotations and the job summary.`,
      );
  } catch (err) {
    early?.start.stop();
    if (!(err instanceof UserError) && core.isDebug() && err instanceof Error && err.stack)
      core.debug(err.stack);
    core.setOutput('verdict', 'fail');
    core.setFailed(`keylint: ${describeError(err)}`);
  }
}

/**
 * A report file that cannot be written is a warning and an empty output, never a lost verdict: the
 * scan's other reports and outputs still stand.
 */
function writeReportFile(file: string, content: string, what: string): boolean {
  const env = process.env;
  const roots = [workspacePath('.', env), ...(env.RUNNER_TEMP ? [env.RUNNER_TEMP] : [])];
  const r = writeOutputFile(file, content, roots);
  if (!r.ok) core.warning(`keylint: cannot write the ${what} ${file}: ${r.reason}`);
  return r.ok;
}
