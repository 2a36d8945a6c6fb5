package org.stoa.payments;

import java.math.BigDecimal;

/**
 * An account's balance (unrounded), how many VMs it has running now, and why billing would not
 * delete them: the policy is that VMs are deleted only after every warning was delivered, so
 * while a billing notice cannot be delivered (the mail server refuses it) they are kept.
 *
 * @param deletionHold empty, or e.g. "VMs kept, not deleted: 1 billing notice undelivered since ..."
 */
public record AccountBalance(String email, BigDecimal balance, int liveVms, String deletionHold) {
}
