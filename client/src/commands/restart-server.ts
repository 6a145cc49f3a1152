// Go Module Doctor: Restart server — also after the bounded restarts gave up.

import type { DoctorClient } from '../client';

export function restartServer(doctor: DoctorClient): Promise<void> {
  return doctor.restart();
}
