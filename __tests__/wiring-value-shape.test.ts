import { describe, expect, test } from '@jest/globals';
import { providerOfName } from '../src/wiring/names.js';
import { judgeValue } from '../src/wiring/value-shape.js';
import { keys } from './helpers/keys.js';

const ZWSP = String.fromCodePoint(0x200b);

describe('judging a key value without printing it', () => {
  const key = keys.openaiProject();

  test('a valid key is ok, with its provider and kind', () => {
    const s = judgeValue('OPENAI_API_KEY', key, 'OpenAI');
    expect(s.status).toBe('ok');
    expect(s.detector).toMatchObject({ provider: 'OpenAI', kind: 'OpenAI project key' });
  });

  test.each([
    ['a trailing newline', `${key}\n`, /trailing newline/],
    ['leading whitespace', `  ${key}`, /leading whitespace/],
    ['wrapping quotes', `"${key}"`, /wrapping quotes/],
    ['a Bearer prefix', `Bearer ${key}`, /`Bearer ` prefix/],
    ['a NAME= prefix', `OPENAI_API_KEY=${key}`, /`OPENAI_API_KEY=` prefix/],
    ['a zero-width space', key.slice(0, 30) + ZWSP + key.slice(30), /zero-width character \(U\+200B\)/],
    ['a non-ASCII letter', key.slice(0, 30) + 'é' + key.slice(30), /non-ASCII character, typically/],
  ])('%s is malformed, and the cleaned value is still recognised', (_what, value, problem) => {
    const s = judgeValue('OPENAI_API_KEY', value, 'OpenAI');
    expect(s.status).toBe('malformed');
    expect(s.problems.join(' ')).toMatch(problem);
    expect(s.detector?.kind).toBe('OpenAI project key');
    expect(s.core).toBe(key);
    expect(s.problems.join(' ')).not.toContain(key.slice(8, 20));
  });

  test('a prefix that is not plainly a variable name is not repeated', () => {
    const s = judgeValue('OPENAI_API_KEY', `Xq7pLm2=${key}`, 'OpenAI');
    expect(s.problems.join(' ')).toContain('a `NAME=` prefix');
    expect(s.problems.join(' ')).not.toContain('Xq7pLm2');
  });

  test('a truncated paste names the shape it falls short of', () => {
    const s = judgeValue('ANTHROPIC_API_KEY', keys.anthropic().slice(0, 60), 'Anthropic');
    expect(s.status).toBe('malformed');
    expect(s.problems[0]).toBe('truncated: 60 characters, where an Anthropic API key has at least 108');
  });

  test.each([
    'your-api-key',
    'sk-...',
    'changeme',
    '${{ secrets.OPENAI_API_KEY }}',
    '<OPENAI_API_KEY>',
    'paste-key-here',
  ])('%s is a placeholder', (value) => {
    expect(judgeValue('OPENAI_API_KEY', value, 'OpenAI').status).toBe('placeholder');
  });

  test("another provider's key is wrong-provider", () => {
    const s = judgeValue('OPENAI_API_KEY', keys.anthropic(), 'OpenAI');
    expect(s.status).toBe('wrong-provider');
    expect(s.detector?.provider).toBe('Anthropic');
  });

  test('another provider is fine when the base URL points the SDK elsewhere', () => {
    expect(judgeValue('OPENAI_API_KEY', keys.openrouter(), 'OpenAI', true).status).toBe('ok');
  });

  test('missing, empty and whitespace-only', () => {
    expect(judgeValue('X', undefined, undefined).status).toBe('missing');
    expect(judgeValue('X', '', undefined).status).toBe('empty');
    expect(judgeValue('X', ' \n', undefined).status).toBe('empty');
  });

  test('an unknown name with an unrecognised value is unknown, not ok', () => {
    expect(judgeValue('GATEWAY_TOKEN', 'q8Zr1tY7uXw2vB9nM4kL', undefined).status).toBe('unknown');
  });

  test('an admin key is recognised as admin', () => {
    expect(judgeValue('OPENAI_API_KEY', keys.openaiAdmin(), 'OpenAI').detector?.admin).toBe(true);
  });
});

describe('the providers added with their key shapes', () => {
  test.each([
    ['NVIDIA_API_KEY', keys.nvidia(), 'NVIDIA'],
    ['ELEVENLABS_API_KEY', keys.elevenlabs(), 'ElevenLabs'],
    ['ELEVENLABS_API_KEY', keys.elevenlabsLegacy(), 'ElevenLabs'],
    ['LANGSMITH_API_KEY', keys.langsmith(), 'LangSmith'],
    ['LANGFUSE_SECRET_KEY', keys.langfuse(), 'Langfuse'],
    ['PINECONE_API_KEY', keys.pinecone(), 'Pinecone'],
    ['TOGETHER_API_KEY', keys.together(), 'Together AI'],
    ['TOGETHER_API_KEY', keys.togetherLegacy(), 'Together AI'],
    ['CEREBRAS_API_KEY', keys.cerebras(), 'Cerebras'],
    ['WANDB_API_KEY', keys.wandbLegacy(), 'Weights & Biases'],
    ['BRAINTRUST_API_KEY', keys.braintrust(), 'Braintrust'],
    ['MOONSHOT_API_KEY', keys.moonshot(), 'Moonshot AI'],
    ['DASHSCOPE_API_KEY', keys.dashscope(), 'Alibaba DashScope'],
    ['DEEPGRAM_API_KEY', keys.deepgram(), 'Deepgram'],
    ['JINA_API_KEY', keys.jina(), 'Jina AI'],
  ])('%s holding its own key is ok', (name, value, provider) => {
    const s = judgeValue(name, value, providerOfName(name));
    expect({ name, status: s.status, provider: s.detector?.provider }).toEqual({
      name,
      status: 'ok',
      provider,
    });
  });

  test.each([
    ['OPENAI_API_KEY', keys.nvidia(), 'NVIDIA'],
    ['PINECONE_API_KEY', keys.openaiProject(), 'OpenAI'],
    ['TOGETHER_API_KEY', keys.groq(), 'Groq'],
    ['FIREWORKS_API_KEY', keys.together(), 'Together AI'],
    ['LANGSMITH_API_KEY', keys.langfuse(), 'Langfuse'],
    ['ANTHROPIC_API_KEY', keys.cerebras(), 'Cerebras'],
  ])('%s holding another provider’s key is wrong-provider', (name, value, provider) => {
    const s = judgeValue(name, value, providerOfName(name));
    expect({ status: s.status, provider: s.detector?.provider }).toEqual({
      status: 'wrong-provider',
      provider,
    });
  });

  test('a Braintrust-shaped key under OPENAI_API_KEY is not taken for an OpenAI key', () => {
    const s = judgeValue('OPENAI_API_KEY', keys.braintrust(), 'OpenAI');
    expect(s.status).toBe('malformed');
    expect(s.detector).toBeUndefined();
  });

  test('the new names are LLM key names, by the table and by their words', () => {
    expect(providerOfName('NVIDIA_API_KEY')).toBe('NVIDIA');
    expect(providerOfName('MY_ELEVENLABS_KEY')).toBe('ElevenLabs');
    expect(providerOfName('FIREWORKS_API_KEY')).toBe('Fireworks AI');
    expect(providerOfName('LANGFUSE_SECRET_KEY')).toBe('Langfuse');
    // The public half of a Langfuse pair is not a secret name of a provider.
    expect(providerOfName('LANGFUSE_PUBLIC_KEY')).toBeUndefined();
    expect(providerOfName('TOGETHER_WITH_KEY')).toBeUndefined();
  });

  test('a name of a provider whose shape keylint does not know: an unrecognised value is unknown', () => {
    expect(judgeValue('FIREWORKS_API_KEY', keys.mistral(), 'Fireworks AI').status).toBe('unknown');
  });
});
