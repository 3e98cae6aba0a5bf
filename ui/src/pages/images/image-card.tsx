import type { ReactNode } from 'react';
import { paths } from '../../api/endpoints';
import type { ImageView } from '../../api/types';
import { AuthImage } from '../../components/auth-image';
import { Badge } from '../../components/badge';

/** One image: the file once drawn (else its status), its role, prompt and any error. */
export function ImageCard({ image, actions }: { image: ImageView; actions?: ReactNode }) {
  const alt = image.alt || image.prompt.slice(0, 120);
  return (
    <figure className="image-card">
      {image.status === 'done' ? (
        <AuthImage path={paths.imageFile(image.id)} alt={alt} version={image.sha256 ?? undefined} />
      ) : (
        <div className="img-placeholder" role="img" aria-label={`${alt} (${image.status})`}>
          {image.status}
        </div>
      )}
      <figcaption>
        <span>
          {image.role} {image.role === 'inline' ? `#${image.position}` : ''} <Badge status={image.status} />
          {image.width && image.height ? (
            <span className="muted small">
              {' '}
              {image.width}×{image.height}
            </span>
          ) : null}
        </span>
        <span className="muted small">{image.prompt}</span>
        {image.error ? <span className="field-error small">{image.error}</span> : null}
        {actions}
      </figcaption>
    </figure>
  );
}
