import { Migration20261125000000_initial } from './Migration20261125000000_initial';

/** Listed explicitly, in order, so they run from a bundle as well as from source. */
export const migrationsList = [
  { name: 'Migration20261125000000_initial', class: Migration20261125000000_initial },
];
