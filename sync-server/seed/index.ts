// The demo district (issue 5, `npm start` and `seed --demo`).
export { DEMO_LOCALITIES, DEMO_REGIONS } from './district-catalogue';
export {
  DEMO_PARENT_IIN,
  DEMO_PARENT_PHONE,
  DEMO_PASSWORD,
  type DemoLogins,
  isSeeded,
  type SeedOptions,
  seedDemo,
} from './demo';
export { SeededRandom } from './random';
// A region's worth (issue 16, `seed --region N`).
export { DUE_PER_KIND, REGION_INTEREST_DAYS, type RegionOptions, seedRegion } from './region';
export { REGION_LOCALITIES } from './region-catalogue';
