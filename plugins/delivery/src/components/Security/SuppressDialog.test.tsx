import { AlertApi, alertApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { DateTime } from 'luxon';
import { DeliveryApi, deliveryApiRef } from '../../api';
import { SuppressDialog } from './SuppressDialog';
import { testFinding } from './testFindings';

async function renderDialog(api: Partial<DeliveryApi> = {}) {
  const alertApi = { post: jest.fn() } satisfies Partial<AlertApi>;
  const onDone = jest.fn();
  const onClose = jest.fn();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [deliveryApiRef, api],
        [alertApiRef, alertApi],
      ]}
    >
      <SuppressDialog
        finding={testFinding()}
        onClose={onClose}
        onDone={onDone}
      />
    </TestApiProvider>,
  );
  return { alertApi, onDone, onClose };
}

async function chooseReason(label: string) {
  fireEvent.mouseDown(screen.getByLabelText(/^Reason/));
  fireEvent.click(await screen.findByRole('option', { name: label }));
}

function suppressButton() {
  return screen.getByRole('button', { name: 'Suppress' });
}

function dateInput(): HTMLInputElement {
  return screen.getByLabelText(/^Suppressed until/) as HTMLInputElement;
}

describe('SuppressDialog', () => {
  it('offers the four reasons and stays disabled until reason and comment are given', async () => {
    await renderDialog();
    expect(
      screen.getByRole('dialog', { name: 'Suppress CVE-2024-21538?' }),
    ).toBeInTheDocument();
    expect(suppressButton()).toBeDisabled();

    fireEvent.mouseDown(screen.getByLabelText(/^Reason/));
    expect(
      (await screen.findAllByRole('option')).map(o => o.textContent),
    ).toEqual([
      'Risk accepted',
      'False positive',
      "Won't fix",
      'Used in tests',
    ]);
    fireEvent.click(screen.getByRole('option', { name: 'False positive' }));
    expect(suppressButton()).toBeDisabled();

    const comment = screen.getByLabelText(/^Comment/);
    fireEvent.change(comment, { target: { value: ' ok ' } });
    fireEvent.blur(comment);
    expect(suppressButton()).toBeDisabled();
    expect(
      screen.getByText('Explain why, in at least 3 characters'),
    ).toBeInTheDocument();

    fireEvent.change(comment, { target: { value: 'Test fixture only' } });
    expect(suppressButton()).toBeEnabled();
  });

  it('defaults the expiry to 30 days and rejects a past or too distant date', async () => {
    await renderDialog();
    await chooseReason('Risk accepted');
    fireEvent.change(screen.getByLabelText(/^Comment/), {
      target: { value: 'Not reachable' },
    });
    const in30Days = DateTime.now().startOf('day').plus({ days: 30 });
    expect(dateInput().value).toBe(in30Days.toISODate());
    expect(suppressButton()).toBeEnabled();

    fireEvent.change(dateInput(), { target: { value: '2020-01-01' } });
    expect(screen.getByText('Must be in the future')).toBeInTheDocument();
    expect(suppressButton()).toBeDisabled();

    fireEvent.change(dateInput(), {
      target: { value: DateTime.now().toISODate() },
    });
    expect(screen.getByText('Must be in the future')).toBeInTheDocument();
    expect(suppressButton()).toBeDisabled();

    fireEvent.change(dateInput(), {
      target: { value: DateTime.now().plus({ years: 1, days: 2 }).toISODate() },
    });
    expect(screen.getByText(/Must be within a year/)).toBeInTheDocument();
    expect(suppressButton()).toBeDisabled();

    fireEvent.change(dateInput(), {
      target: { value: DateTime.now().plus({ days: 1 }).toISODate() },
    });
    expect(suppressButton()).toBeEnabled();
  });

  it('suppresses with the reason, comment and expiry, then reports success', async () => {
    const suppressed = testFinding({
      suppression: { source: 'user', reason: 'used_in_tests' },
    });
    const suppressFinding = jest.fn().mockResolvedValue(suppressed);
    const { alertApi, onDone } = await renderDialog({ suppressFinding });
    await chooseReason('Used in tests');
    fireEvent.change(screen.getByLabelText(/^Comment/), {
      target: { value: '  Only in the e2e fixtures  ' },
    });
    const until = DateTime.now().startOf('day').plus({ days: 60 });
    fireEvent.change(dateInput(), { target: { value: until.toISODate() } });

    fireEvent.click(suppressButton());
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(suppressed));
    expect(suppressFinding).toHaveBeenCalledWith('f1', {
      reason: 'used_in_tests',
      comment: 'Only in the e2e fixtures',
      expiresAt: until.toUTC().toISO(),
    });
    const { expiresAt } = suppressFinding.mock.calls[0][1];
    expect(expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(new Date(expiresAt).getTime()).toBe(until.toMillis());
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({ severity: 'success' }),
    );
  });

  it('reports a refused suppression and stays open', async () => {
    const suppressFinding = jest
      .fn()
      .mockRejectedValue(new Error('Not allowed: delivery.finding.suppress'));
    const { alertApi, onDone } = await renderDialog({ suppressFinding });
    await chooseReason("Won't fix");
    fireEvent.change(screen.getByLabelText(/^Comment/), {
      target: { value: 'Legacy module' },
    });
    fireEvent.click(suppressButton());
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith(
        expect.objectContaining({
          message: expect.stringContaining(
            'Not allowed: delivery.finding.suppress',
          ),
          severity: 'error',
        }),
      ),
    );
    expect(onDone).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    await waitFor(() => expect(suppressButton()).toBeEnabled());
  });

  it('closes on Back without calling the backend', async () => {
    const suppressFinding = jest.fn();
    const { onClose } = await renderDialog({ suppressFinding });
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(onClose).toHaveBeenCalled();
    expect(suppressFinding).not.toHaveBeenCalled();
  });
});
