import { describe, expect, test } from '@jest/globals';
import { DETECTORS } from '../src/detect/detectors.js';
import { canonicalName, isLlmKeyName, isNearMiss, providerOfName } from '../src/wiring/names.js';
import { lowestPythonVersion } from '../src/wiring/sdk-version.js';
import { minLength } from '../src/wiring/value-shape.js';
import { keys } from './helpers/keys.js';

describe('near-miss names', () => {
  test.each([
    ['OPENAI_API_KEY', 'OPENAI_APIKEY'],
    ['OPENAI_API_KEY', 'OPEN_AI_API_KEY'],
    ['OPENAI_API_KEY', 'OPENAI_KEY'],
    ['OPENAI_API_KEY', 'openai_api_key'],
    ['OPENAI_API_KEY', 'OPENAI_API_KYE'],
    ['ANTHROPIC_API_KEY', 'ANTHROPIC_KEY'],
    ['GROQ_API_KEY', 'GROK_API_KEY'],
  ])('%s and %s are a near miss', (a, b) => {
    expect(isNearMiss(a, b)).toBe(true);
  });

  test.each([
    ['OPENAI_API_KEY', 'OPENAI_API_KEY'],
    ['OPENAI_API_KEY', 'AZURE_OPENAI_API_KEY'],
    ['OPENAI_API_KEY', 'OPENAI_API_BASE'],
    ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
    ['CO_API_KEY', 'COHERE_API_KEY'],
    ['API_KEY_1', 'API_KEY_2'],
    // Configuration sections (.NET, pydantic-settings), as Semantic Kernel's workflows set them.
    ['AZURE_OPENAI_API_KEY', 'AzureOpenAI__ApiKey'],
    ['OPENAI_API_KEY', 'OpenAI__ApiKey'],
    ['OPENAI_API_KEY', 'OPENAI__APIKEY'],
  ])('%s and %s are different names', (a, b) => {
    expect(isNearMiss(a, b)).toBe(false);
  });

  test('canonical form drops case, underscores and the API of API_KEY', () => {
    expect(canonicalName('Open_AI_Api_Key')).toBe('OPENAIKEY');
  });

  test('providers of names, in the table and by their words', () => {
    expect(providerOfName('OPENAI_API_KEY')).toBe('OpenAI');
    expect(providerOfName('AZURE_OPENAI_API_KEY')).toBe('Azure OpenAI');
    expect(providerOfName('MY_CLAUDE_TOKEN')).toBe('Anthropic');
    expect(providerOfName('OPENAI_BASE_URL')).toBeUndefined();
    expect(isLlmKeyName('DATABASE_URL')).toBe(false);
  });
});

describe('detector shapes', () => {
  test('minLength reads the shortest match of each prefixed detector, and it agrees with real keys', () => {
    const byId = new Map(DETECTORS.map((d) => [d.id, d]));
    expect(minLength(byId.get('anthropic-api-key')!)).toBe(keys.anthropic().length);
    expect(minLength(byId.get('groq-api-key')!)).toBe(keys.groq().length);
    expect(minLength(byId.get('google-api-key')!)).toBe(keys.google().length);
    expect(minLength(byId.get('openai-project-key')!)).toBe('sk-proj-'.length + 20 + 8 + 20);
  });
});

describe('openai version floors', () => {
  test.each([
    ['==1.3.0', '1.3.0'],
    ['>=1.40,<2', '1.40.0'],
    ['~=0.28', '0.28.0'],
    ['^1.3', '1.3.0'],
    ['1.2.3', '1.2.3'],
    ['<2', undefined],
  ])('%s → %s', (spec, floor) => {
    expect(lowestPythonVersion(spec)).toBe(floor);
  });
});
