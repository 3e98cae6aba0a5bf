import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { paths } from '../../api/endpoints';
import { apiQuery } from '../../api/queries';
import type { Task } from '../../api/types';
import { Badge } from '../../components/badge';
import { AsyncView } from '../../components/feedback';
import { Card, PageHeader } from '../../components/page';
import { dateTime } from '../../util/format';
import { TaskPromptForm } from './task-prompt-form';

function TaskView({ task }: { task: Task }) {
  return (
    <div>
      <PageHeader title={task.title ?? 'Writing task'}>
        <Link to="/writer/tasks">Tasks</Link> · <Badge status={task.status} /> · {task.attempts} attempts ·
        queued {dateTime(task.createdAt)}
        {task.contentId ? (
          <>
            {' · '}
            <Link to={`/writer/content/${encodeURIComponent(task.contentId)}`}>Open the article</Link>
          </>
        ) : null}
      </PageHeader>
      {task.error ? (
        <div className="notice notice-error" role="alert">
          {task.error}
        </div>
      ) : null}
      <Card title="Prompt">
        <TaskPromptForm taskId={task.id} />
      </Card>
    </div>
  );
}

/** One writing task: its state and the prompt its article is written with. */
export function TaskPage({ id }: { id: string }) {
  const task = useQuery(apiQuery<Task>(paths.task(id)));
  return (
    <AsyncView state={task} what="The task">
      {(t) => <TaskView task={t} />}
    </AsyncView>
  );
}
