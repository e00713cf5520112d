import {
  changeFailureRateBand,
  deploymentFrequencyBand,
  leadTimeBand,
  recoveryTimeBand,
} from './bands';
import { at, D, deploy, H, run, win } from './testRecords';

describe('rule 13 — bands', () => {
  describe('deployment frequency, by deployment days', () => {
    const burst = Array.from({ length: 10 }, (_, i) =>
      deploy(`burst-${i}`, at(1, i)),
    );

    it('does not make a burst of 10 deployments on one day elite', () => {
      const month = run({ deployments: burst }, win(0, 30));
      // 1 deployment day in 30 days: 7/30 days per week < 1, 1 per 30 days ≥ 1 → medium
      expect(month.deploymentDays).toBe(1);
      expect(month.deploymentsPerDay).toBeCloseTo(10 / 30, 12);
      expect(month.bands.deploymentFrequency).toBe('medium');
      // in a week: 1 deployment day per 7 days → high, still not elite
      expect(run({ deployments: burst }).bands.deploymentFrequency).toBe(
        'high',
      );
    });

    it('is elite when every day of the window has a deployment', () => {
      const daily = Array.from({ length: 7 }, (_, i) =>
        deploy(`daily-${i}`, at(i, 12)),
      );
      // 7 deployment days / 7 days × 7 = 7 per week → elite
      expect(run({ deployments: daily }).bands.deploymentFrequency).toBe(
        'elite',
      );
      // 6 of 7 days: 6 per week < 7 → high
      expect(
        run({ deployments: daily.slice(1) }).bands.deploymentFrequency,
      ).toBe('high');
    });

    it('has the documented thresholds', () => {
      // (count, deployment days, window days)
      expect(deploymentFrequencyBand(30, 30, 30)).toBe('elite'); // 7 / week
      expect(deploymentFrequencyBand(5, 4, 28)).toBe('high'); // 1 / week
      expect(deploymentFrequencyBand(3, 3, 28)).toBe('medium'); // 0.75 / week, 3.2 / 30 days
      expect(deploymentFrequencyBand(1, 1, 30)).toBe('medium'); // 1 / 30 days
      expect(deploymentFrequencyBand(1, 1, 60)).toBe('low'); // 0.5 / 30 days
      expect(deploymentFrequencyBand(0, 0, 30)).toBeNull(); // nothing to band
    });
  });

  it('bands the change failure rate at 5 / 10 / 15 %', () => {
    expect(changeFailureRateBand(0)).toBe('elite');
    expect(changeFailureRateBand(0.05)).toBe('elite'); // ≤ 5 %
    expect(changeFailureRateBand(0.051)).toBe('high');
    expect(changeFailureRateBand(0.1)).toBe('high'); // ≤ 10 %
    expect(changeFailureRateBand(0.15)).toBe('medium'); // ≤ 15 %
    expect(changeFailureRateBand(0.151)).toBe('low');
    expect(changeFailureRateBand(null)).toBeNull();
  });

  it('bands the lead time at 1 / 7 / 30 days (strict)', () => {
    expect(leadTimeBand(D - 1)).toBe('elite');
    expect(leadTimeBand(D)).toBe('high'); // not < 1 day
    expect(leadTimeBand(7 * D - 1)).toBe('high');
    expect(leadTimeBand(7 * D)).toBe('medium');
    expect(leadTimeBand(30 * D)).toBe('low');
    expect(leadTimeBand(null)).toBeNull();
  });

  it('bands the recovery time at 1 hour / 1 day / 7 days (strict)', () => {
    expect(recoveryTimeBand(H - 1)).toBe('elite');
    expect(recoveryTimeBand(H)).toBe('high');
    expect(recoveryTimeBand(D)).toBe('medium');
    expect(recoveryTimeBand(7 * D)).toBe('low');
    expect(recoveryTimeBand(null)).toBeNull();
  });
});
