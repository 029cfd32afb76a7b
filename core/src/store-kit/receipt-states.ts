import type { MessageState } from '../interfaces/store.js';

/** The states a receipt reports. */
type ReceiptState = 'delivered' | 'read';

/**
 * The states a delivery or read receipt may move an outbound message from: never backwards, so
 * read beats delivered whichever arrives first.
 */
export const RECEIPT_FROM_STATES: Readonly<Record<ReceiptState, readonly MessageState[]>> = {
  delivered: ['accepted', 'sent'],
  read: ['accepted', 'sent', 'delivered'],
};
