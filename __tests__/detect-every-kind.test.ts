import { afterAll, describe, expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DETECTORS } from '../src/detect/detectors.js';
import { passEngine, passFile } from '../src/pass/file.js';
import { TempRepo } from './helpers/git-repo.js';
import { keys } from './helpers/keys.js';

/**
 * Every kind through the whole file pass (the byte prefilter's one candidate search for every anchor,
 * decoding, the scanner), in each container a key is committed in. The scanner's own tests vary the
 * surroundings of one line; these vary the file.
 */
interface Kind {
  rule: string;
  make: () => string;
  /** The variable a person keeps it in: for kinds without a unique prefix, the name that tells. */
  name: string;
}

const kinds: Kind[] = [
  { rule: 'openai-project-key', make: () => keys.openaiProject(), name: 'OPENAI_API_KEY' },
  { rule: 'openai-service-account-key', make: () => keys.openaiServiceAccount(46), name: 'OPENAI_API_KEY' },
  { rule: 'openai-service-key', make: () => keys.openaiServiceNamed(), name: 'OPENAI_API_KEY' },
  { rule: 'openai-admin-key', make: keys.openaiAdmin, name: 'OPENAI_ADMIN_KEY' },
  { rule: 'openai-none-key', make: keys.openaiNone, name: 'OPENAI_API_KEY' },
  { rule: 'openai-legacy-key', make: keys.openaiLegacy, name: 'OPENAI_API_KEY' },
  { rule: 'anthropic-api-key', make: keys.anthropicV4, name: 'ANTHROPIC_API_KEY' },
  { rule: 'anthropic-admin-key', make: keys.anthropicAdmin, name: 'ANTHROPIC_ADMIN_KEY' },
  { rule: 'openrouter-api-key', make: keys.openrouter, name: 'OPENROUTER_API_KEY' },
  { rule: 'dashscope-api-key', make: keys.dashscope, name: 'DASHSCOPE_API_KEY' },
  { rule: 'deepseek-api-key', make: keys.deepseek, name: 'DEEPSEEK_API_KEY' },
  { rule: 'google-api-key', make: keys.google, name: 'GEMINI_API_KEY' },
  { rule: 'groq-api-key', make: keys.groq, name: 'GROQ_API_KEY' },
  { rule: 'huggingface-token', make: keys.huggingfaceDigits, name: 'HF_TOKEN' },
  { rule: 'huggingface-org-token', make: keys.huggingfaceOrg, name: 'HF_TOKEN' },
  { rule: 'xai-api-key', make: keys.xai, name: 'XAI_API_KEY' },
  { rule: 'perplexity-api-key', make: keys.perplexity, name: 'PPLX_API_KEY' },
  { rule: 'replicate-api-token', make: keys.replicate, name: 'REPLICATE_API_TOKEN' },
  { rule: 'mistral-api-key', make: keys.mistral, name: 'MISTRAL_API_KEY' },
  { rule: 'cohere-api-key', make: keys.cohere, name: 'COHERE_API_KEY' },
  { rule: 'azure-openai-key', make: keys.azure, name: 'AZURE_OPENAI_API_KEY' },
  { rule: 'nvidia-api-key', make: keys.nvidia, name: 'NVIDIA_API_KEY' },
  { rule: 'elevenlabs-api-key', make: keys.elevenlabs, name: 'ELEVENLABS_API_KEY' },
  { rule: 'langsmith-api-key', make: keys.langsmithService, name: 'LANGSMITH_API_KEY' },
  { rule: 'langfuse-secret-key', make: keys.langfuse, name: 'LANGFUSE_SECRET_KEY' },
  { rule: 'pinecone-api-key', make: keys.pinecone, name: 'PINECONE_API_KEY' },
  { rule: 'sourcegraph-access-token', make: keys.sourcegraph, name: 'SRC_ACCESS_TOKEN' },
  { rule: 'sourcegraph-license-key-token', make: keys.sourcegraphLicense, name: 'CODY_GATEWAY_TOKEN' },
  { rule: 'cerebras-api-key', make: keys.cerebras, name: 'CEREBRAS_API_KEY' },
  { rule: 'together-api-key', make: keys.together, name: 'TOGETHER_API_KEY' },
  { rule: 'together-api-key-legacy', make: keys.togetherLegacy, name: 'TOGETHER_API_KEY' },
  { rule: 'wandb-api-key', make: keys.wandb, name: 'WANDB_API_KEY' },
  { rule: 'wandb-api-key-legacy', make: keys.wandbLegacy, name: 'WANDB_API_KEY' },
  { rule: 'jina-api-key', make: keys.jina, name: 'JINA_API_KEY' },
  { rule: 'braintrust-api-key', make: keys.braintrust, name: 'BRAINTRUST_API_KEY' },
  { rule: 'moonshot-api-key', make: keys.moonshot, name: 'MOONSHOT_API_KEY' },
  { rule: 'elevenlabs-api-key-legacy', make: keys.elevenlabsLegacy, name: 'ELEVENLABS_API_KEY' },
  { rule: 'deepgram-api-key', make: keys.deepgram, name: 'DEEPGRAM_API_KEY' },
  { rule: 'assemblyai-api-key', make: keys.assemblyai, name: 'ASSEMBLYAI_API_KEY' },
  { rule: 'clarifai-pat', make: keys.clarifai, name: 'CLARIFAI_PAT' },
  { rule: 'deepai-api-key', make: keys.deepai, name: 'DEEPAI_API_KEY' },
  { rule: 'aws-access-key-id', make: keys.aws, name: 'AWS_ACCESS_KEY_ID' },
  { rule: 'gcp-service-account-key', make: keys.gcpKeyId, name: 'private_key_id' },
];

const filler = 'function(a,b){return a.map(function(c){return c+b})},'.repeat(6000);

/** Each container: the file's bytes, and the text the reported position counts in. */
const containers: Record<string, (name: string, k: string) => { bytes: Buffer; at: string }> = {
  dotenv: (n, k) => ({ bytes: Buffer.from(`# local\nDEBUG=1\n${n}=${k}\n`), at: k }),
  YAML: (n, k) => ({ bytes: Buffer.from(`env:\n  LOG: info\n  ${n}: "${k}"\n`), at: k }),
  'a notebook (JSON-escaped)': (n, k) => ({
    bytes: Buffer.from(
      JSON.stringify({
        cells: [{ cell_type: 'code', source: ['import os\n', `os.environ["${n}"] = "${k}"\n`] }],
      }),
    ),
    at: k,
  }),
  'UTF-16 with a BOM': (n, k) => ({
    bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`[keys]\r\n${n} = ${k}\r\n`, 'utf16le')]),
    at: k,
  }),
  'base64 in a Kubernetes Secret': (n, k) => {
    const b64 = Buffer.from(k).toString('base64');
    return {
      bytes: Buffer.from(`apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ndata:\n  ${n}: ${b64}\n`),
      at: b64,
    };
  },
  'a URL query string': (n, k) => ({
    bytes: Buffer.from(`curl "https://gateway.example.test/v1/run?${n}=${k}&next=%2Fhome"\n`),
    at: k,
  }),
  'a URL-encoded value': (n, k) => ({
    bytes: Buffer.from(`redirect=https%3A%2F%2Fapp.test%2Fcb%3F${n}%3D${k}%26x%3D1\n`),
    at: k,
  }),
  'a minified line': (n, k) => ({
    bytes: Buffer.from(`!function(){var e={${filler}cfg:{${n}:"${k}"},${filler}}}();`),
    at: k,
  }),
};

const dir = new TempRepo({ git: false });
afterAll(() => dir.cleanup());
const engine = passEngine({ leaks: true, wiring: false, lintDay: null });
let n = 0;

test('every detector is covered here', () => {
  expect(kinds.map((k) => k.rule).sort()).toEqual(DETECTORS.map((d) => d.id).sort());
});

/**
 * A kind found as the value of a name needs the `=` between them: percent-encoded (`NAME%3Dvalue`),
 * it is not an assignment, and only kinds with a prefix are found there (as before these kinds).
 */
const prefixed = new Set(DETECTORS.filter((d) => d.prefix).map((d) => d.id));

describe.each(kinds)('$rule', (kind) => {
  const where = Object.keys(containers).filter((c) => c !== 'a URL-encoded value' || prefixed.has(kind.rule));
  test.each(where)('is found once, where it is, in %s', (container) => {
    const key = kind.make();
    const { bytes, at } = containers[container]!(kind.name, key);
    const file = path.join(dir.dir, `f${n++}`);
    writeFileSync(file, bytes);
    const report = passFile(path.basename(file), file, engine);
    if (report.status !== 'text') throw new Error(`not scanned: ${report.status}`);
    const text = bytes[0] === 0xff ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8');
    const before = text.slice(0, text.indexOf(at));
    const where = { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
    // A URL-encoded value is percent-escaped around the key, not in it: it is the key itself that is found.
    expect(
      report.matches.map((m) => ({
        rule: m.detector.id,
        same: m.secret === key,
        line: m.line,
        column: m.column,
      })),
    ).toEqual([{ rule: kind.rule, same: true, ...where }]);
  });
});
