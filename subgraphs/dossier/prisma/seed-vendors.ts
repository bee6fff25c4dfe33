// Demo vendor status mappings: how two one-stop systems number the dossier states. Plain data.
// modelled: 'opencps' uses the OpenCPS status names (the vocabulary our states come from);
// 'vnpt-igate' numbers them — the real numbering is not published, these numbers are ours.
import type { DossierStatusSeedValue } from './seed-data.ts';

/** One vendor's code for one of our statuses. */
export interface VendorStatusSeed {
  readonly vendor: string;
  readonly vendorCode: string;
  readonly status: DossierStatusSeedValue;
}

const OPENCPS: readonly [string, DossierStatusSeedValue][] = [
  ['new', 'NEW'],
  ['receiving', 'RECEIVING'],
  ['waiting', 'WAITING_SUPPLEMENT'],
  ['paying', 'PAYING'],
  ['processing', 'PROCESSING'],
  ['interoperating', 'INTER_AGENCY'],
  ['releasing', 'RELEASING'],
  ['done', 'DONE'],
  ['unresolved', 'UNRESOLVED'],
  ['cancelled', 'CANCELLED'],
  ['denied', 'DENIED'],
];

const VNPT_IGATE: readonly [string, DossierStatusSeedValue][] = [
  ['0', 'NEW'],
  ['1', 'RECEIVING'],
  ['2', 'WAITING_SUPPLEMENT'],
  ['3', 'PAYING'],
  ['4', 'PROCESSING'],
  ['5', 'INTER_AGENCY'],
  ['6', 'RELEASING'],
  ['7', 'DONE'],
  ['8', 'UNRESOLVED'],
  ['9', 'CANCELLED'],
  ['10', 'DENIED'],
];

export const VENDOR_STATUSES: readonly VendorStatusSeed[] = [
  ...OPENCPS.map(([vendorCode, status]) => ({ vendor: 'opencps', vendorCode, status })),
  ...VNPT_IGATE.map(([vendorCode, status]) => ({ vendor: 'vnpt-igate', vendorCode, status })),
];
