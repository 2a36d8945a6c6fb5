/**
 * Payments and billing for VM hosting: payments with their audit trail, balances (valid
 * payments less usage), and checkouts reported by payment providers.
 */
@org.osgi.annotation.versioning.Version("0.3.0")
package org.stoa.payments;
