import { render, screen } from '@testing-library/react';
import { ApprovalRules } from './ApprovalRules';
import { testApproval } from './testApprovals';

describe('ApprovalRules', () => {
  it('names the scans the security gate relied on', () => {
    const request = testApproval();
    request.gates = [
      {
        ...request.gates[0],
        scans: [
          {
            id: '7',
            tool: 'trivy',
            runUid: 'run-0123456789abcdef',
            receivedAt: '2026-12-07T10:00:00Z',
          },
          {
            id: '8',
            tool: 'semgrep',
            uploadedBy: 'user:default/ada',
            receivedAt: '2026-12-07T11:00:00Z',
          },
        ],
      },
    ];
    render(<ApprovalRules request={request} />);
    expect(
      screen.getByText(
        /^security gate based on: trivy scan of run run-01234567 \(.+\); semgrep scan uploaded by ada \(.+\)$/,
      ),
    ).toBeInTheDocument();
  });

  it('says nothing of scans when the gate names none', () => {
    render(<ApprovalRules request={testApproval()} />);
    expect(screen.queryByText(/based on/)).not.toBeInTheDocument();
  });
});
