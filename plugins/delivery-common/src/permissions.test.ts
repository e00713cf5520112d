import {
  deliveryApprovalDecidePermission,
  deliveryPermissions,
  deliveryRunExecutePermission,
} from './permissions';

describe('deliveryPermissions', () => {
  it('lists every permission once, all named under delivery.', () => {
    const names = deliveryPermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^delivery\.[a-z]+\.[a-z]+$/);
    }
  });

  it('marks the mutating permissions with their actions', () => {
    expect(deliveryRunExecutePermission.attributes.action).toBe('update');
    expect(deliveryApprovalDecidePermission.name).toBe(
      'delivery.approval.decide',
    );
  });
});
