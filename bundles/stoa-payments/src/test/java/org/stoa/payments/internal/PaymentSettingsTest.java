package org.stoa.payments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Settings from etc/org.stoa.payments.cfg (whose shipped lines read the STOA_* environment). */
class PaymentSettingsTest {

    private static PaymentsConfiguration configured(String smtpHost, String stripeSecret) {
        return configured(smtpHost, stripeSecret, "-10.00");
    }

    private static PaymentsConfiguration configured(String smtpHost, String stripeSecret, String threshold) {
        return configured(smtpHost, stripeSecret, threshold, "none");
    }

    private static PaymentsConfiguration secured(String security) {
        return configured("relay.local", "", "-10.00", security);
    }

    private static PaymentsConfiguration configured(String smtpHost, String stripeSecret, String threshold,
            String security) {
        return new PaymentsConfiguration() {
            @Override public Class<? extends Annotation> annotationType() { return PaymentsConfiguration.class; }
            @Override public int billingIntervalSeconds() { return 3600; }
            @Override public String deletionThresholdDollars() { return threshold; }
            @Override public String smtpHost() { return smtpHost; }
            @Override public int smtpPort() { return 25; }
            @Override public String smtpFrom() { return "billing@example.org"; }
            @Override public String smtpUser() { return "stoa"; }
            @Override public String _smtpPassword() { return "smtp-secret"; }
            @Override public String smtpSecurity() { return security; }
            @Override public String _stripeSigningSecret() { return stripeSecret; }
            @Override public int stripeToleranceSeconds() { return 300; }
            @Override public String _btcpaySecret() { return ""; }
            @Override public String btcpayUrl() { return ""; }
            @Override public String _btcpayApiKey() { return ""; }
        };
    }

    @Test
    void theSettingsAreTheConfiguredOnesTrimmed() {
        PaymentSettings settings = PaymentSettings.of(configured(" relay.local ", "", "-5"));

        assertEquals("relay.local", settings.smtp().host());
        assertEquals(Duration.ofSeconds(3600), settings.billingInterval());
        assertEquals(new BigDecimal("-5.00"), settings.deletionThreshold());
    }

    @Test
    void smtpSecurityIsNamedInAnyCaseAndAnUnknownNameNeverSendsInClear() {
        assertEquals(PaymentSettings.Security.NONE, PaymentSettings.of(secured("none")).smtp().security());
        assertEquals(PaymentSettings.Security.TLS, PaymentSettings.of(secured("TLS")).smtp().security());
        assertEquals(PaymentSettings.Security.STARTTLS, PaymentSettings.of(secured("ssl-please")).smtp().security());
    }

    @Test
    void aBadThresholdFallsBackToTheDefault() {
        PaymentSettings settings = PaymentSettings.of(configured("", "", "lots"));

        assertEquals(PaymentSettings.DEFAULT_THRESHOLD, settings.deletionThreshold());
    }

    @Test
    void theDescriptionThatIsLoggedLeavesTheSecretsOut() {
        String shown = PaymentSettings.of(configured("relay.local", "whsec_topsecret")).toString();

        assertFalse(shown.contains("smtp-secret"), shown);
        assertFalse(shown.contains("whsec_topsecret"), shown);
        assertTrue(shown.contains("Stripe webhook on"), shown);
    }
}
