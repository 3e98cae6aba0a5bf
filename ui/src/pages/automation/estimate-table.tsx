import type { RunEstimate } from '../../api/types';
import { num, usd } from '../../util/format';

/** The per-stage plan of a run before it starts: items, calls, tokens, images, credits, USD. */
export function EstimateTable({ est }: { est: RunEstimate }) {
  return (
    <div className="stacked" aria-label="Estimate">
      <div className="table-wrap">
        <table>
          <caption>
            Plan per stage (text model {est.models.text}, image model {est.models.image})
          </caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col" className="num">
                Items
              </th>
              <th scope="col" className="num">
                AI calls
              </th>
              <th scope="col" className="num">
                Tokens
              </th>
              <th scope="col" className="num">
                Images
              </th>
              <th scope="col" className="num">
                Credits
              </th>
              <th scope="col" className="num">
                USD
              </th>
            </tr>
          </thead>
          <tbody>
            {est.stages.map((s) => (
              <tr key={s.stage}>
                <th scope="row">
                  {s.stage}. {s.label}
                </th>
                <td className="num">{num(s.items)}</td>
                <td className="num">{num(s.calls)}</td>
                <td className="num">{num(s.tokensIn + s.tokensOut)}</td>
                <td className="num">{num(s.images)}</td>
                <td className="num">{num(s.credits)}</td>
                <td className="num">{usd(s.usd)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td />
              <td className="num">{num(est.total.calls)}</td>
              <td className="num">{num(est.total.tokens)}</td>
              <td className="num">{num(est.total.images)}</td>
              <td className="num">{num(est.total.credits)}</td>
              <td className="num">{usd(est.total.usd)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className={est.enough ? 'notice notice-ok' : 'notice notice-error'} role="status">
        Needs {num(est.required)} credits with the 20% buffer; {num(est.balance)} available.
        {est.enough ? '' : ' Grant credits or lower the work (fewer stages, a cap per stage).'}
      </p>
    </div>
  );
}
