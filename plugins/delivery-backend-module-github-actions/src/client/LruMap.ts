/**
 * A map that forgets its least recently used entries beyond `maxEntries`, and beyond
 * `maxWeight` when a `weigh` function is given (e.g. the bytes of a cached body). An entry
 * heavier than `maxWeight` on its own is not kept.
 */
export class LruMap<K, V> {
  readonly #entries = new Map<K, { value: V; weight: number }>();
  #weight = 0;

  constructor(
    private readonly options: {
      maxEntries: number;
      maxWeight?: number;
      weigh?: (value: V) => number;
    },
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  /** The sum of the weights of the entries kept. */
  get weight(): number {
    return this.#weight;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  /** The value, which becomes the most recently used. */
  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): this {
    this.delete(key);
    const weight = this.options.weigh?.(value) ?? 0;
    const { maxWeight = Infinity, maxEntries } = this.options;
    if (weight > maxWeight) return this;
    this.#entries.set(key, { value, weight });
    this.#weight += weight;
    for (const [oldest, entry] of this.#entries) {
      if (this.#entries.size <= maxEntries && this.#weight <= maxWeight) break;
      this.#entries.delete(oldest);
      this.#weight -= entry.weight;
    }
    return this;
  }

  delete(key: K): boolean {
    const entry = this.#entries.get(key);
    if (!entry) return false;
    this.#entries.delete(key);
    this.#weight -= entry.weight;
    return true;
  }
}
