// A test file's fixture builder: every tree it builds is removed when the file's tests end.
import { after } from 'node:test';
import { buildFixture, type Fixture, type HostSpec } from './fixture-builder.js';

export function fixtureScope(): (spec: HostSpec) => Fixture {
  const built: Fixture[] = [];
  after(() => {
    for (const f of built) f.cleanup();
  });
  return (spec) => {
    const f = buildFixture(spec);
    built.push(f);
    return f;
  };
}
