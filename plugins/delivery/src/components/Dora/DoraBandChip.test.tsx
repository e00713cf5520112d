import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { DoraBandChip } from './DoraBandChip';

describe('DoraBandChip', () => {
  it('names the band in its colour and the source of the bands in the tooltip', async () => {
    await renderInTestApp(
      <DoraBandChip band="elite" metric="Change lead time" />,
    );
    const chip = screen.getByLabelText('Change lead time band: elite');
    expect(chip).toHaveTextContent('elite');
    expect(chip).toHaveStyle({ backgroundColor: '#1b5e20' });
    fireEvent.mouseOver(chip);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'DevLake 2023 bands',
    );
  });

  it.each([
    ['high', '#8bc34a'],
    ['medium', '#ffb300'],
    ['low', '#c62828'],
  ] as const)('colours %s', async (band, background) => {
    await renderInTestApp(<DoraBandChip band={band} />);
    expect(screen.getByLabelText(`Band: ${band}`)).toHaveStyle({
      backgroundColor: background,
    });
  });

  it('shows a grey "no data" chip for a null band', async () => {
    await renderInTestApp(<DoraBandChip band={null} metric="Recovery" />);
    const chip = screen.getByLabelText('Recovery band: no data');
    expect(chip).toHaveTextContent('no data');
    expect(chip).not.toHaveStyle({ backgroundColor: '#c62828' });
  });
});
