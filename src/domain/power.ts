/** Facts about a power (职权) that more than one layer needs. */
import type { Power } from './types.js';

/** Whether a power is in force: no status, or 有效. 暂停 and 取消 are not printed as if they were. */
export function inForce(p: Pick<Power, 'status'>): boolean {
  return p.status === undefined || p.status === '有效';
}
