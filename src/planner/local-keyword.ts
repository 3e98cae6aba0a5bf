export interface LocalKeyword {
  id: string;
  keyword: string;
  /** Lower-case normalized form (see normalizeKeyword). */
  normalized: string;
  volume: number | null;
}
