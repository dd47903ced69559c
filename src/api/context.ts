import type { Db } from '../db/client.js';
import type { Versleuteling } from '../db/versleuteling.js';

/** What every area plugin gets: the database, the field encryption and "today" (fixed in tests). */
export interface ApiContext {
  db: Db;
  versleuteling: Versleuteling;
  vandaag: () => string;
}
