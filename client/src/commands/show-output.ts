// Go Module Doctor: Show output — the server's log: analyses, go commands and their output.

import type { DoctorClient } from '../client';

export function showOutput(doctor: DoctorClient): void {
  doctor.log.show(true);
}
