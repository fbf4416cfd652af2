/** LPR pricing: each bank's new lending by tenor against the LPR in force when it was lent. */
export { bankPricing, lprListing, pricingCatalogue, pricingDefinition, pricingTable, type BankPricing, type PricingProductDef } from './table';
export { exportPricing, pricingSheets, pricingParagraphs } from './export';
