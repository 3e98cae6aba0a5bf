import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { AiModel, Page } from '../../api/types';
import { useCan } from '../../app/use-session';
import { AsyncView, ErrorNotice } from '../../components/feedback';
import { Card } from '../../components/page';
import { toast } from '../../components/toast';

const price = (n: number | null) => (n === null ? '—' : `$${n}`);

function rate(m: AiModel): string {
  if (m.type === 'image') return m.creditsPerImage === null ? '—' : `${m.creditsPerImage} credits/image`;
  return m.tokensPerCredit === null ? '—' : `${m.tokensPerCredit.toLocaleString()} tokens/credit`;
}

/** The model registry with prices and credit rates; the default text and image models. */
export function ModelsSettings() {
  const models = useQuery(apiQuery<Page<AiModel>>(paths.models, { limit: 500 }));
  const isOwner = useCan('owner');
  const invalidate = useInvalidate();
  const setDefault = useMutation({
    mutationFn: (m: AiModel) => api<AiModel>(paths.modelDefault(m.id), { method: 'POST' }),
    onSuccess: (_r, m) => {
      toast(`${m.displayName} is now the default ${m.type} model`);
      return invalidate(paths.models);
    },
  });
  return (
    <Card title="Models and defaults">
      <p className="muted">
        Shared by every account on this server. Prices are USD per 1M tokens (text) or per image. Only the
        server operator may change them.
      </p>
      <ErrorNotice error={setDefault.error} />
      <AsyncView state={models}>
        {(page) => (
          <div className="table-wrap">
            <table>
              <caption className="sr-only">AI models</caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Type</th>
                  <th scope="col">Input / output</th>
                  <th scope="col">Image</th>
                  <th scope="col">Credits</th>
                  <th scope="col">Default</th>
                </tr>
              </thead>
              <tbody>
                {page.results.map((m) => (
                  <tr key={m.id}>
                    <td>
                      {m.displayName}
                      <div className="muted small">
                        {m.provider}:{m.modelId}
                      </div>
                    </td>
                    <td>{m.type}</td>
                    <td>
                      {price(m.inputPrice)} / {price(m.outputPrice)}
                    </td>
                    <td>{price(m.imagePrice)}</td>
                    <td>{rate(m)}</td>
                    <td>
                      {m.isDefault ? (
                        <span className="badge badge-ok">default</span>
                      ) : isOwner && m.type !== 'embedding' ? (
                        <button
                          type="button"
                          onClick={() => setDefault.mutate(m)}
                          disabled={setDefault.isPending}
                          aria-label={`Make ${m.displayName} the default ${m.type} model`}
                        >
                          Make default
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </AsyncView>
    </Card>
  );
}
