import { useQuery } from '@tanstack/react-query';
import { apiResponse } from '../api/client';
import { apiKey } from '../api/queries';

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/**
 * An image from an access-checked API route: fetched with the bearer header (an <img src> cannot
 * send one), then shown inline as a data: URL, since the page's content security policy allows
 * data: images and not blob: ones. `version` (the file's hash) keys the cache, so a regenerated
 * image is fetched again and an unchanged one never is.
 */
export function AuthImage({ path, alt, version }: { path: string; alt: string; version?: string }) {
  const file = useQuery({
    queryKey: apiKey(path, { v: version }),
    queryFn: async ({ signal }) => blobToDataUrl(await (await apiResponse(path, { signal })).blob()),
    staleTime: Infinity,
    retry: false,
  });
  if (file.isPending) return <div className="img-placeholder" role="img" aria-label={`${alt} (loading)`} />;
  if (file.isError)
    return (
      <div className="img-placeholder" role="img" aria-label={`${alt} (not available)`}>
        No file
      </div>
    );
  return <img src={file.data} alt={alt} />;
}
