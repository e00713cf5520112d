/** Vector metrics: `AV:N/AC:L/...` → { AV: 'N', AC: 'L', ... }, without the `CVSS:3.x` prefix. */
function metrics(vector: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of vector.split('/')) {
    const [key, value] = part.split(':');
    if (key && value && key !== 'CVSS') out[key] = value;
  }
  return out;
}

const V3 = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

function pick<T extends Record<string, number>>(
  table: T,
  key: string | undefined,
): number | undefined {
  return key !== undefined && key in table ? table[key] : undefined;
}

/** CVSS v3.1 "Roundup": the smallest number with one decimal that is >= the input. */
function roundUp(value: number): number {
  const scaled = Math.round(value * 100000);
  return scaled % 10000 === 0
    ? scaled / 100000
    : (Math.floor(scaled / 10000) + 1) / 10;
}

function v3Score(m: Record<string, string>): number | undefined {
  const changed = m.S === 'C';
  if (m.S !== 'U' && !changed) return undefined;
  const pr = changed
    ? { N: 0.85, L: 0.68, H: 0.5 }
    : { N: 0.85, L: 0.62, H: 0.27 };
  const parts = [
    pick(V3.AV, m.AV),
    pick(V3.AC, m.AC),
    pick(pr, m.PR),
    pick(V3.UI, m.UI),
    pick(V3.CIA, m.C),
    pick(V3.CIA, m.I),
    pick(V3.CIA, m.A),
  ];
  const known = parts.filter((p): p is number => p !== undefined);
  if (known.length !== parts.length) return undefined;
  const [av, ac, prv, ui, c, i, a] = known;
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = changed
    ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15)
    : 6.42 * iss;
  if (impact <= 0) return 0;
  const exploitability = 8.22 * av * ac * prv * ui;
  return roundUp(
    Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10),
  );
}

const V2 = {
  AV: { L: 0.395, A: 0.646, N: 1 },
  AC: { H: 0.35, M: 0.61, L: 0.71 },
  Au: { M: 0.45, S: 0.56, N: 0.704 },
  CIA: { N: 0, P: 0.275, C: 0.66 },
} as const;

function v2Score(m: Record<string, string>): number | undefined {
  const parts = [
    pick(V2.AV, m.AV),
    pick(V2.AC, m.AC),
    pick(V2.Au, m.Au),
    pick(V2.CIA, m.C),
    pick(V2.CIA, m.I),
    pick(V2.CIA, m.A),
  ];
  const known = parts.filter((p): p is number => p !== undefined);
  if (known.length !== parts.length) return undefined;
  const [av, ac, au, c, i, a] = known;
  const impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a));
  const exploitability = 20 * av * ac * au;
  const f = impact === 0 ? 0 : 1.176;
  return Math.round((0.6 * impact + 0.4 * exploitability - 1.5) * f * 10) / 10;
}

/**
 * The base score of a CVSS v3.0/v3.1 vector (`CVSS:3.1/AV:N/...`) or a v2 vector
 * (`AV:N/AC:L/Au:N/...`), by the specification's formulas. `undefined` for CVSS v4 (its score
 * needs the specification's lookup tables) and for vectors it cannot read.
 */
export function cvssBaseScore(vector: string): number | undefined {
  const trimmed = vector.trim();
  if (/^CVSS:3\.[01]\//.test(trimmed)) return v3Score(metrics(trimmed));
  if (/^\(?AV:[LAN]\/AC:[HML]\/Au:[MSN]\//.test(trimmed)) {
    return v2Score(metrics(trimmed.replace(/[()]/g, '')));
  }
  return undefined;
}
