/** A page an article may link to (another article or an existing post), in the shape suggest_links takes. */
export interface LinkTarget {
  id: string;
  title: string;
  /** Where the link points: `/slug/` for our articles (resolved at publish), the live URL otherwise. */
  url: string;
  focusKeyword: string | null;
  keywords: string[];
  clusterId: string | null;
}
