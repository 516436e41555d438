/**
 * Proof cases as JSON (fixtures/proof-*\/proof.json): bigint as "123n",
 * bytes as {"hex": "0102"}, -0 as {"number": "-0"}.
 */
export function toProofJson(value: unknown): string {
  return `${JSON.stringify(
    value,
    function (key, v: unknown) {
      const raw = (this as Record<string, unknown>)[key];
      if (typeof raw === 'bigint') return `${raw}n`;
      if (raw instanceof Uint8Array) return { hex: Buffer.from(raw).toString('hex') };
      if (typeof raw === 'number' && (Object.is(raw, -0) || !Number.isFinite(raw))) return { number: String(raw) };
      return v;
    },
    2,
  )}\n`;
}

export function fromProofJson<T>(text: string): T {
  return JSON.parse(text, (_, v: unknown) => {
    if (typeof v === 'string' && /^-?\d+n$/.test(v)) return BigInt(v.slice(0, -1));
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 1 && typeof o.hex === 'string') return Uint8Array.from(Buffer.from(o.hex, 'hex'));
      if (keys.length === 1 && typeof o.number === 'string') return Number(o.number);
    }
    return v;
  }) as T;
}
