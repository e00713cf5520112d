import { ML_INPUT } from '../__testUtils__/projects';
import { resolveOptions } from './options';
import { buildTriggers } from './triggers';
import { KubeObject } from './types';
import { validateTriggers } from './validateTriggers';

const options = resolveOptions(ML_INPUT, {
  slipwayUrl: 'https://b.example.com',
});

/** Fresh triggers for each test, so changes do not leak. */
function triggers(): KubeObject[] {
  return JSON.parse(JSON.stringify(buildTriggers(options)));
}

const LISTENER = 'EventListener "fraud-model-listener" trigger "push"';

describe('validateTriggers', () => {
  it('accepts the generated triggers', () => {
    expect(validateTriggers(triggers(), 'fraud-model-delivery')).toEqual([]);
  });

  it('reports a pipeline name the template does not run', () => {
    expect(validateTriggers(triggers(), 'other')).toEqual([
      'TriggerTemplate "fraud-model-run" runs pipeline "fraud-model-delivery", not "other"',
    ]);
  });

  it('reports a missing secretRef and a missing interceptor', () => {
    const objects = triggers();
    const trigger = (objects[2].spec.triggers as any[])[0];
    trigger.interceptors[0].params = [];
    expect(validateTriggers(objects, 'fraud-model-delivery')).toEqual([
      `${LISTENER}: the github interceptor has no secretRef`,
    ]);
    trigger.interceptors = [];
    expect(validateTriggers(objects, 'fraud-model-delivery')).toEqual([
      `${LISTENER} has no github or gitlab interceptor`,
    ]);
  });

  it('reports unknown refs, unbound required params and undeclared template params', () => {
    const objects = triggers();
    const trigger = (objects[2].spec.triggers as any[])[0];
    trigger.bindings = [{ ref: 'nope' }];
    (objects[1].spec.params as any[]).push({ name: 'extra' });
    (objects[1].spec.resourcetemplates as any[])[0].metadata.labels.x =
      '$(tt.params.missing)';
    expect(validateTriggers(objects, 'fraud-model-delivery')).toEqual([
      'TriggerTemplate "fraud-model-run" uses undeclared param "missing"',
      `${LISTENER} refers to unknown TriggerBinding "nope"`,
      `${LISTENER} does not bind required param "git-url"`,
      `${LISTENER} does not bind required param "git-revision"`,
      `${LISTENER} does not bind required param "extra"`,
    ]);
    trigger.template = { ref: 'gone' };
    expect(validateTriggers(objects, 'fraud-model-delivery')).toContain(
      `${LISTENER} refers to unknown TriggerTemplate "gone"`,
    );
  });
});
