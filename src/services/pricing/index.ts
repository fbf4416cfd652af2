/** LPR pricing: each bank's new lending by tenor against the LPR in force when it was lent. */
export { lprListing, pricingTable } from './table';
export { exportPricing, pricingSheets, pricingParagraphs } from './export';
