import { ConflictError, NotAllowedError } from '@backstage/errors';
import { decisionPatch } from './decisionPatch';
import { testApprovalConfig, testApprovalTask } from './testApprovalTasks';

const [alice, , erin] = testApprovalConfig.identities;

describe('decisionPatch', () => {
  it('changes only a user approver’s own input and message, guarded by its name, as that user', () => {
    expect(
      decisionPatch(testApprovalTask(), alice, 'approve', 'ship it'),
    ).toEqual({
      operations: [
        { op: 'test', path: '/spec/approvers/0/name', value: 'alice' },
        { op: 'replace', path: '/spec/approvers/0/input', value: 'approve' },
        { op: 'add', path: '/spec/approvers/0/message', value: 'ship it' },
      ],
      impersonate: { user: 'alice' },
    });
  });

  it('answers for a group member: the group input plus a new users entry, impersonating the group', () => {
    const patch = decisionPatch(testApprovalTask(), erin, 'reject', 'no');
    expect(patch.impersonate).toEqual({
      user: 'erin@example.com',
      group: 'release-managers',
    });
    expect(patch.operations).toEqual([
      { op: 'test', path: '/spec/approvers/1/name', value: 'release-managers' },
      { op: 'replace', path: '/spec/approvers/1/input', value: 'reject' },
      { op: 'add', path: '/spec/approvers/1/message', value: 'no' },
      {
        op: 'add',
        path: '/spec/approvers/1/users',
        value: [{ name: 'erin@example.com', input: 'reject' }],
      },
    ]);
  });

  it('appends to, or updates, an existing users list of the group', () => {
    const withOthers = testApprovalTask({
      approvers: [
        {
          name: 'release-managers',
          type: 'Group',
          input: 'approve',
          users: [{ name: 'frank', input: 'approve' }],
        },
      ],
    });
    expect(
      decisionPatch(withOthers, erin, 'approve', '').operations[3],
    ).toEqual({
      op: 'add',
      path: '/spec/approvers/0/users/-',
      value: { name: 'erin@example.com', input: 'approve' },
    });
    const listed = testApprovalTask({
      approvers: [
        {
          name: 'release-managers',
          type: 'Group',
          users: [{ name: 'erin@example.com', input: 'pending' }],
        },
      ],
    });
    expect(
      decisionPatch(listed, erin, 'approve', '').operations.slice(3),
    ).toEqual([
      {
        op: 'test',
        path: '/spec/approvers/0/users/0/name',
        value: 'erin@example.com',
      },
      {
        op: 'replace',
        path: '/spec/approvers/0/users/0/input',
        value: 'approve',
      },
    ]);
  });

  it('refuses people who are no approver, and tasks already decided', () => {
    const [, diana] = testApprovalConfig.identities;
    expect(() =>
      decisionPatch(testApprovalTask(), diana, 'approve', ''),
    ).toThrow(NotAllowedError);
    expect(() =>
      decisionPatch(testApprovalTask({}, 'approved'), alice, 'approve', ''),
    ).toThrow(ConflictError);
  });
});
