import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128214027 } from './Migration20261128214027';
import { Migration20261128220000 } from './Migration20261128220000';
import { Migration20261128223000 } from './Migration20261128223000';
import { Migration20261129100000 } from './Migration20261129100000';
import { Migration20261129120000 } from './Migration20261129120000';
import { Migration20261129130000 } from './Migration20261129130000';
import { Migration20261129140000 } from './Migration20261129140000';
import { Migration20261129150000 } from './Migration20261129150000';
import { Migration20261129160000 } from './Migration20261129160000';
import { Migration20261129170000 } from './Migration20261129170000';
import { Migration20261129200000 } from './Migration20261129200000';
import { Migration20261129210000 } from './Migration20261129210000';
import { Migration20261130000000 } from './Migration20261130000000';
import { Migration20261130100000 } from './Migration20261130100000';
import { Migration20261130200000 } from './Migration20261130200000';

/** Applied in this order; add each new migration here (the CLI writes the file, not this list). */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261128214027', class: Migration20261128214027 },
  { name: 'Migration20261128220000', class: Migration20261128220000 },
  { name: 'Migration20261128223000', class: Migration20261128223000 },
  { name: 'Migration20261129100000', class: Migration20261129100000 },
  { name: 'Migration20261129120000', class: Migration20261129120000 },
  { name: 'Migration20261129130000', class: Migration20261129130000 },
  { name: 'Migration20261129140000', class: Migration20261129140000 },
  { name: 'Migration20261129150000', class: Migration20261129150000 },
  { name: 'Migration20261129160000', class: Migration20261129160000 },
  { name: 'Migration20261129170000', class: Migration20261129170000 },
  { name: 'Migration20261129200000', class: Migration20261129200000 },
  { name: 'Migration20261129210000', class: Migration20261129210000 },
  { name: 'Migration20261130000000', class: Migration20261130000000 },
  { name: 'Migration20261130100000', class: Migration20261130100000 },
  { name: 'Migration20261130200000', class: Migration20261130200000 },
];
