import { cvssBaseScore } from './cvss';

describe('cvssBaseScore', () => {
  // Vector/score pairs as published by NVD and vendors, copied from the Trivy reports in the
  // shared fixtures (CVSS.*.V3Vector/V3Score and V2Vector/V2Score), plus two well-known maxima.
  it.each([
    ['AV:L/AC:H/Au:N/C:N/I:N/A:P', 1.2],
    ['AV:L/AC:L/Au:N/C:C/I:C/A:C', 7.2],
    ['AV:L/AC:L/Au:N/C:P/I:P/A:P', 4.6],
    ['AV:L/AC:M/Au:N/C:P/I:N/A:N', 1.9],
    ['AV:N/AC:L/Au:N/C:P/I:N/A:N', 5],
    ['AV:N/AC:M/Au:N/C:N/I:P/A:N', 4.3],
    ['AV:N/AC:L/Au:N/C:C/I:C/A:C', 10],
    ['CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N', 5.5],
    ['CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L', 5.6],
    ['CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N', 3.7],
    ['CVSS:3.1/AV:L/AC:H/PR:N/UI:R/S:U/C:N/I:N/A:H', 4.7],
    ['CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:L/I:L/A:L', 5.7],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8],
    ['CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H', 5.5],
    ['CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:N/I:N/A:H', 5.3],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:N/A:N', 5.3],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', 5.3],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
  ])('%s → %d', (vector, score) => {
    expect(cvssBaseScore(vector)).toBe(score);
  });

  it('does not score CVSS v4 or unreadable vectors', () => {
    expect(
      cvssBaseScore(
        'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N',
      ),
    ).toBeUndefined();
    expect(
      cvssBaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:X/C:H/I:H/A:H'),
    ).toBeUndefined();
    expect(cvssBaseScore('CVSS:3.1/AV:N/AC:L')).toBeUndefined();
    expect(cvssBaseScore('7.5')).toBeUndefined();
  });
});
