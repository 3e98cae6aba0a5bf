export { toCron } from './parse-cadence.js';
export {
  LATE_AFTER_MS,
  nextSlot,
  planSlots,
  type CatchUp,
  type SlotPlan,
  type SlotPlanInput,
} from './plan-slots.js';
export {
  createScheduleService,
  toScheduleView,
  type ScheduleInput,
  type ScheduleRunOptions,
  type ScheduleService,
  type ScheduleView,
  type SlotView,
} from './schedule.service.js';
export {
  createScheduler,
  startScheduler,
  type Scheduler,
  type SchedulerEvent,
  type SchedulerOptions,
} from './scheduler.js';
export { RENEWAL_CRON } from './system-tasks.js';
