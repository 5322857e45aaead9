// Builds the generated cases of cases.json for the browser run of the adversarial corpus.
// Mirrors `generate` in tests/tests/adversarial_corpus.rs byte for byte (tests/browser/adversarial.test.mjs
// checks the sizes both promise). Plain ES module: the test page imports it as it is.
const uuid = (i) => `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const entry = (fullUrl, resource, method) =>
  `{"fullUrl":"${fullUrl}","resource":${resource},"request":{"method":"${method}","url":"Patient"}}`;
const HEAD = '{"resourceType":"Bundle","type":"transaction","entry":[';

export function generate(spec) {
  const n = (k) => spec[k] ?? 0;
  switch (spec.kind) {
    case 'long-number':
      return `{"resourceType":"Bundle","type":"transaction","total":${'9'.repeat(n('digits'))},"entry":[]}`;
    case 'nest-arrays':
      return `{"resourceType":"Bundle","type":"transaction","entry":${'['.repeat(n('depth'))}${']'.repeat(n('depth'))}}`;
    case 'nest-objects':
      return `${HEAD}${'{"a":'.repeat(n('depth'))}0${'}'.repeat(n('depth'))}]}`;
    case 'entries': {
      const count = n('count');
      const parts = [];
      for (let i = 0; i < count; i++) {
        const method = i + 1 === count ? spec.last_method ?? 'POST' : 'POST';
        parts.push(entry(uuid(i), `{"resourceType":"Patient","id":"p${i}"}`, method));
      }
      return `${HEAD}\n${parts.join(',\n')}]}`;
    }
    case 'big-string':
      return `${HEAD}\n${entry(uuid(1), `{"resourceType":"Patient","name":[{"family":"${'x'.repeat(n('bytes'))}"}]}`, 'POST')},\n`
        + '{"request":{"method":"DELETE","url":"Patient/1"}}]}';
    case 'duplicate-full-urls':
      return `${HEAD}\n${Array.from({ length: n('count') }, () => entry(uuid(1), '{"resourceType":"Patient"}', 'POST')).join(',\n')}]}`;
    case 'cycle': {
      const count = n('count');
      const parts = [];
      for (let i = 0; i < count; i++) {
        const focus = i + 1 === count ? `,"focus":{"reference":"${uuid(999999)}"}` : '';
        const task = `{"resourceType":"Task","partOf":[{"reference":"${uuid((i + 1) % count)}"},{"reference":"${uuid(i)}"}]${focus}}`;
        parts.push(entry(uuid(i), task, 'POST').replace('"url":"Patient"', '"url":"Task"'));
      }
      return `${HEAD}\n${parts.join(',\n')}]}`;
    }
    case 'lone-surrogate':
      // A JS string can hold a lone surrogate; it reaches the Wasm as U+FFFD.
      return '{"resourceType":"Bundle"\uD800}';
    default:
      throw new Error(`unknown generator ${spec.kind}`);
  }
}
